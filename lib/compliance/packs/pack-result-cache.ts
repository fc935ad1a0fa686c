import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CfnResource, Stack, Validations, type IPolicyValidationContext } from 'aws-cdk-lib';
import { NagRuleCompliance, type IApplyRule } from 'cdk-nag';
import { answering, type RuleOutcome } from '../ledger';
import type { IConstruct } from 'constructs';
import type { KeyedTextCache } from '../../shared/keyed-text-cache';

/**
 * Stored pack results by key (files in .cache/nag-packs/ for the entry points, a Map in tests);
 * passed in: lib/ keeps no files of its own. `get` returns undefined for a missing entry.
 */
export type PackResultCache = KeyedTextCache;

/**
 * One rule's raw outcome on one resource, before any acknowledgement (see the ledger's
 * `RuleOutcome`). Not-applicable outcomes are not stored (see StackEntry).
 */
export type RawRuleOutcome = NonNullable<RuleOutcome>;

/**
 * A stack's raw results for one pack: for every CfnResource the pack walked (by construct path),
 * the outcome of each rule that was applicable (by rule suffix; a suffix applied twice to the
 * same resource gets `#2`, `#3`...). A rule missing under a resource that is listed was not
 * applicable.
 */
export interface StackEntry {
  readonly format: typeof ENTRY_FORMAT;
  readonly resources: Record<string, Record<string, RawRuleOutcome>>;
}

/** Bumped when the entry's shape or meaning changes; part of every key. */
const ENTRY_FORMAT = 1;

/** What a pack's result depends on besides the stack itself. */
export interface PackIdentity {
  /** e.g. `AwsSolutions`. */
  readonly pack: string;
  /** The package that holds the rules (e.g. cdk-nag's version from its package.json). */
  readonly rulesVersion: string;
  /** aws-cdk-lib's version: the rules read properties through `Stack.resolve`. */
  readonly cdkVersion: string;
  /** Options that change what a rule returns (none for the stock cdk-nag packs: `verbose` only changes wording). */
  readonly config: Readonly<Record<string, string | number | boolean>>;
}

/** A stack as the cache sees it: its key (or none when it must be evaluated live) and its results. */
interface StackRun {
  readonly key: string | undefined;
  readonly cached: StackEntry | undefined;
  readonly fresh: Record<string, Record<string, RawRuleOutcome>>;
}

/**
 * One `validate` pass of a cdk-nag pack with its rule outcomes remembered per stack. A stack's key
 * hashes the pack identity, the stack's construct path, its synthesized template and, for each
 * CfnResource in it, the construct path and logical id (the report names construct paths, and the
 * template alone does not say which construct wrote which resource). cdk-nag's rules read the
 * resource and other resources of the same stack through `Stack.of(node)` (checked for
 * cdk-nag 3.0.2: no rule reads the root or another stack), i.e. what the template holds, with
 * two exceptions handled here: a resource with raw overrides (`addPropertyOverride` and the like)
 * can have L1 properties the template does not show, so it is always evaluated live and never
 * stored; and a stack holding nested stacks (whose resources `findAll` also sees) is not cached.
 *
 * Only raw outcomes are stored: cdk-nag applies acknowledgements inside `applyRule`, after the
 * rule returns, and so does the ledger, so the register is applied afresh on every run.
 */
export class PackResultRun {
  private readonly stacks = new Map<Stack, StackRun>();
  private readonly templates: Map<string, string>;
  /** The resource being checked (set by `enter`), so that each rule costs a property lookup. */
  private current: ResourceRun | undefined;

  constructor(
    private readonly cache: PackResultCache,
    private readonly identity: PackIdentity,
    private readonly context: IPolicyValidationContext,
  ) {
    this.templates = new Map(
      (context.stackTemplates ?? []).map((t) => [t.stackConstructPath, t.templatePath] as const),
    );
  }

  /** Called before the pack checks `node`: finds its stack's entry (once per stack) and its own outcomes. */
  enter(node: CfnResource): void {
    const run = this.stackRun(Stack.of(node));
    const path = node.node.path;
    if (run.key === undefined || hasOverrides(node)) this.current = { live: true, node, slots: new Map() };
    else {
      const stored = run.cached?.resources[path];
      this.current = stored
        ? { live: false, node, slots: new Map(), stored }
        : { live: false, node, slots: new Map(), fresh: (run.fresh[path] = {}) };
    }
  }

  /**
   * `params` (the object the pack built for this one call, changed in place: no copies for the
   * millions of calls of a large estate) with its rule answered from the stored outcome when the
   * resource's stack is unchanged, else evaluated here once and remembered. Undefined when the
   * outcome is not-applicable and `skipNotApplicable`: cdk-nag does nothing with such a rule, so
   * the caller need not apply it (the ledger, which counts them, needs every one).
   */
  memo(params: IApplyRule, skipNotApplicable: boolean): IApplyRule | undefined {
    params.ruleSuffixOverride ??= params.rule.name;
    const current = this.current;
    if (current === undefined || current.live || current.node !== params.node) return params;
    const suffix = params.ruleSuffixOverride;
    const count = (current.slots.get(suffix) ?? 0) + 1;
    current.slots.set(suffix, count);
    const slot = count === 1 ? suffix : `${suffix}#${count}`;
    let outcome: RawRuleOutcome | undefined;
    if (current.stored) outcome = current.stored[slot];
    else {
      outcome = evaluate(params.rule, params.node);
      if (outcome !== undefined) current.fresh![slot] = outcome;
    }
    if (outcome === undefined && skipNotApplicable) return undefined;
    params.rule = answering(outcome);
    return params;
  }

  /** Writes the entries of stacks evaluated in this pass. */
  flush(): void {
    for (const run of this.stacks.values()) {
      if (run.key === undefined || run.cached !== undefined) continue;
      const entry: StackEntry = { format: ENTRY_FORMAT, resources: run.fresh };
      this.cache.put(run.key, JSON.stringify(entry));
    }
  }

  private stackRun(stack: Stack): StackRun {
    let run = this.stacks.get(stack);
    if (!run) {
      const key = this.keyOf(stack);
      run = { key, cached: key === undefined ? undefined : readEntry(this.cache, key), fresh: {} };
      this.stacks.set(stack, run);
    }
    return run;
  }

  /** The stack's key for this pack, or undefined when its result cannot be keyed by its template (see the class). */
  private keyOf(stack: Stack): string | undefined {
    const print = this.printOf(stack);
    if (print === undefined) return undefined;
    return createHash('sha256')
      .update(`${JSON.stringify({ format: ENTRY_FORMAT, ...this.identity })}\n${print.print}`)
      .digest('hex');
  }

  /**
   * The key of the stack's whole report from this pack (see stack-report-replay.ts), or undefined
   * when it must be worked out: besides the stack's key, the acknowledgements cdk-nag consults (the
   * ids on every construct of the stack and on each scope above it) and the wording option. A stack
   * holding a resource with raw overrides is never replayed, as its outcomes are never stored.
   */
  replayKey(stack: Stack, verbose: boolean): string | undefined {
    const print = this.printOf(stack);
    if (print === undefined || print.overrides) return undefined;
    return createHash('sha256')
      .update(
        `${JSON.stringify({ replay: REPLAY_FORMAT, format: ENTRY_FORMAT, verbose, ...this.identity })}\n`,
      )
      .update(`${print.print}\n${print.acknowledged}`)
      .digest('hex');
  }

  private printOf(stack: Stack): StackPrint | undefined {
    let prints = FINGERPRINTS.get(this.context);
    if (!prints) FINGERPRINTS.set(this.context, (prints = new Map()));
    if (!prints.has(stack)) prints.set(stack, this.fingerprint(stack));
    return prints.get(stack);
  }

  /**
   * What any pack's key for the stack holds besides the pack: the stack's path, its resources'
   * paths and logical ids, and its template (shared by the packs of one validation pass); with the
   * acknowledgements in and above the stack, and whether any resource has raw overrides.
   */
  private fingerprint(stack: Stack): StackPrint | undefined {
    const templatePath = this.templates.get(stack.node.path);
    if (templatePath === undefined || stack.nested) return undefined;
    const hash = createHash('sha256').update(`${stack.node.path}\n`);
    const acknowledged = createHash('sha256');
    let overrides = false;
    for (const c of stack.node.findAll()) {
      if (c !== stack && Stack.isStack(c)) return undefined;
      if (CfnResource.isCfnResource(c)) {
        hash.update(`${c.node.path}\u0000${stack.resolve(c.logicalId)}\n`);
        overrides ||= hasOverrides(c);
      }
      addAcknowledgedIds(acknowledged, c);
    }
    for (let scope = stack.node.scope; scope; scope = scope.node.scope)
      addAcknowledgedIds(acknowledged, scope);
    return {
      print: hash.update(readFileSync(templatePath, 'utf8')).digest('hex'),
      acknowledged: acknowledged.digest('hex'),
      overrides,
    };
  }
}

/** A stack as every pack's key sees it (see `fingerprint`). */
interface StackPrint {
  readonly print: string;
  readonly acknowledged: string;
  readonly overrides: boolean;
}

/** Bumped when a stored stack report's shape or meaning changes; part of every replay key. */
const REPLAY_FORMAT = 1;

/** Adds the rule ids acknowledged on `c` itself (what cdk-nag's `isAcknowledged` reads) to `hash`. */
function addAcknowledgedIds(hash: ReturnType<typeof createHash>, c: IConstruct): void {
  for (const entry of c.node.metadata)
    if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data)
      hash.update(`${c.node.path}\u0000${Object.keys(entry.data as object).join('\u0000')}\n`);
}

/**
 * Stack fingerprints by validation pass: aws-cdk-lib hands every plugin of one synth the same
 * context object, so the packs of that synth work each stack's fingerprint out once.
 */
const FINGERPRINTS = new WeakMap<IPolicyValidationContext, Map<Stack, StackPrint | undefined>>();

/** The resource a pack is checking: evaluated live, answered from its stored outcomes, or recorded fresh. */
interface ResourceRun {
  readonly live: boolean;
  readonly node: CfnResource;
  /** How many times each rule suffix was applied to this resource so far. */
  readonly slots: Map<string, number>;
  readonly stored?: Record<string, RawRuleOutcome>;
  readonly fresh?: Record<string, RawRuleOutcome>;
}

/** A stored entry, or undefined when it is missing or unreadable (a corrupted entry is a miss). */
function readEntry(cache: PackResultCache, key: string): StackEntry | undefined {
  const text = cache.get(key);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<StackEntry> | null;
    if (parsed?.format !== ENTRY_FORMAT || typeof parsed.resources !== 'object' || parsed.resources === null)
      return undefined;
    for (const rules of Object.values(parsed.resources)) if (!isOutcomes(rules)) return undefined;
    return parsed as StackEntry;
  } catch {
    return undefined;
  }
}

function isOutcomes(v: unknown): v is Record<string, RawRuleOutcome> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  return Object.values(v).every(
    (o) =>
      typeof o === 'string' ||
      (Array.isArray(o) && o.every((f) => typeof f === 'string')) ||
      (typeof o === 'object' && o !== null && typeof (o as { error?: unknown }).error === 'string'),
  );
}

/** A rule's raw outcome on `node`: undefined when not applicable, the message when it threw. */
function evaluate(rule: IApplyRule['rule'], node: CfnResource): RawRuleOutcome | undefined {
  try {
    const result = rule(node);
    if (result === NagRuleCompliance.NOT_APPLICABLE) return undefined;
    return Array.isArray(result) ? [...(result as string[])] : String(result);
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** Whether the resource carries raw overrides (`addOverride`, `addPropertyOverride`, deletion overrides). */
function hasOverrides(node: IConstruct): boolean {
  const raw = (node as unknown as { rawOverrides?: object }).rawOverrides;
  return raw !== undefined && Object.keys(raw).length > 0;
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CfnResource, Stack, type IPolicyValidationContext } from 'aws-cdk-lib';
import { NagRuleCompliance, type IApplyRule, type NagRuleResult } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Stored pack results by key (files in .cache/nag-packs/ for the entry points, a Map in tests);
 * passed in: lib/ keeps no files of its own. `get` returns undefined for a missing entry.
 */
export interface PackResultCache {
  readonly get: (key: string) => string | undefined;
  readonly put: (key: string, text: string) => void;
}

/**
 * One rule's raw outcome on one resource, before any acknowledgement: a cdk-nag result
 * (`Compliant`, `Non-Compliant`, or the finding ids of a rule that returns several), or the
 * message of a rule that threw. Not-applicable outcomes are not stored (see StackEntry).
 */
export type RawRuleOutcome = string | readonly string[] | { readonly error: string };

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
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly cache: PackResultCache,
    private readonly identity: PackIdentity,
    context: IPolicyValidationContext,
  ) {
    this.templates = new Map(
      (context.stackTemplates ?? []).map((t) => [t.stackConstructPath, t.templatePath] as const),
    );
  }

  /** `params` with its rule answered from the cache when the stack is unchanged, else evaluated and remembered. */
  memo(params: IApplyRule): IApplyRule {
    const suffix = params.ruleSuffixOverride ?? params.rule.name;
    const node = params.node;
    const run = this.stackRun(Stack.of(node));
    if (run.key === undefined || hasOverrides(node)) return { ...params, ruleSuffixOverride: suffix };
    const path = node.node.path;
    const count = (this.seen.get(`${path}\u0000${suffix}`) ?? 0) + 1;
    this.seen.set(`${path}\u0000${suffix}`, count);
    const slot = count === 1 ? suffix : `${suffix}#${count}`;
    const stored = run.cached?.resources[path];
    if (stored !== undefined) {
      const outcome = stored[slot];
      return { ...params, ruleSuffixOverride: suffix, rule: () => replay(outcome) };
    }
    const inner = params.rule;
    const rule = (n: CfnResource): NagRuleResult => {
      const results = (run.fresh[path] ??= {});
      try {
        const result = inner(n);
        if (result !== NagRuleCompliance.NOT_APPLICABLE)
          results[slot] = Array.isArray(result) ? [...(result as string[])] : String(result);
        return result;
      } catch (e) {
        results[slot] = { error: e instanceof Error ? e.message : String(e) };
        throw e;
      }
    };
    return { ...params, ruleSuffixOverride: suffix, rule };
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

  /** The stack's key, or undefined when its result cannot be keyed by its template (see the class). */
  private keyOf(stack: Stack): string | undefined {
    const templatePath = this.templates.get(stack.node.path);
    if (templatePath === undefined || stack.nested) return undefined;
    const hash = createHash('sha256').update(
      `${JSON.stringify({ format: ENTRY_FORMAT, ...this.identity })}\n${stack.node.path}\n`,
    );
    for (const c of stack.node.findAll()) {
      if (c !== stack && Stack.isStack(c)) return undefined;
      if (CfnResource.isCfnResource(c)) hash.update(`${c.node.path}\u0000${stack.resolve(c.logicalId)}\n`);
    }
    return hash.update(readFileSync(templatePath, 'utf8')).digest('hex');
  }
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

/** The rule's answer as it was first given: its result, or the same error thrown again. */
function replay(outcome: RawRuleOutcome | undefined): NagRuleResult {
  if (outcome === undefined) return NagRuleCompliance.NOT_APPLICABLE;
  if (typeof outcome === 'string') return outcome as NagRuleCompliance;
  if (Array.isArray(outcome)) return [...(outcome as string[])];
  throw new Error((outcome as { error: string }).error);
}

/** Whether the resource carries raw overrides (`addOverride`, `addPropertyOverride`, deletion overrides). */
function hasOverrides(node: IConstruct): boolean {
  const raw = (node as unknown as { rawOverrides?: object }).rawOverrides;
  return raw !== undefined && Object.keys(raw).length > 0;
}

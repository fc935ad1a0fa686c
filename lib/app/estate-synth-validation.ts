/**
 * aws-cdk-lib's built-in CloudFormation template validation (the WASM "CloudFormation Validate"
 * engine), remembered by template hash. aws-cdk-lib 2.276 adds its own validator to every synth
 * unless the app registers a `CloudFormationValidatePlugin` itself
 * (core/lib/private/synthesis-validation.js, `hasUserRegisteredCloudFormationValidatePlugin`);
 * registering this subclass therefore replaces the default one, keeps its name (so errors are
 * downgraded to warnings unless `@aws-cdk/core:validateAgainstDefaultRules` is set, exactly as
 * before), and leaves the report, the acknowledgements and the exit code to aws-cdk-lib. Only the
 * work changes: a template whose text (with its stack path, account and region, and the versions
 * of aws-cdk-lib and the validator) was validated before costs a cache read; changed templates
 * are validated by the runner (e.g. in worker threads, one per core), or, when the app's stacks
 * use `stackSynthesizer()`, in the background from when the last template is written, while the
 * packs run (as the background factory decides).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CfnResource,
  CloudFormationValidatePlugin,
  DefaultStackSynthesizer,
  Stack,
  Token,
  type IPolicyValidationContext,
  type ISynthesisSession,
  type PolicyValidationPluginReport,
  type PolicyViolation,
} from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { KeyedTextCache } from '../shared/keyed-text-cache';
import { storedViolations } from '../shared/stored-violations';

/** Stored results by key (files in .cache/template-validation/); passed in: lib/ chooses no folder. */
export type TemplateValidationCache = KeyedTextCache;

/** One template to validate, as aws-cdk-lib describes it to a validation plugin. */
export interface TemplateToValidate {
  readonly stackConstructPath: string;
  readonly templatePath: string;
  readonly accountId?: string;
  readonly region?: string;
}

/**
 * Validates templates with aws-cdk-lib's engine, each on its own (e.g. split over worker threads),
 * and returns each template's violations in the engine's order (one list per template, in the
 * order given). Violations name the template by the `templatePath` given.
 */
export type TemplateValidationRunner = (templates: readonly TemplateToValidate[]) => PolicyViolation[][];

/**
 * Templates validated in the background while the synth goes on, then collected: what
 * CachedTemplateValidation uses when the app's stacks tell it as each template is written.
 */
export interface BackgroundTemplateValidation {
  /** Starts validating `template` (its text as written now); `key` names its result. */
  readonly start: (template: TemplateToValidate, key: string) => void;
  /**
   * Waits for every template started (validating some in this thread when that is sooner) and
   * returns each one's violations by key, in the engine's order.
   */
  readonly finish: () => ReadonlyMap<string, PolicyViolation[]>;
}

/**
 * Starts a background validation for one synth once every template is written, given every
 * resource type of the app (the engine is set up once for them all, as aws-cdk-lib sets it up
 * once for all templates) and how many templates changed; `undefined` leaves them to `validate`.
 */
export type BackgroundTemplateValidationFactory = (
  resourceTypes: ReadonlySet<string>,
  changed: number,
) => BackgroundTemplateValidation | undefined;

export interface CachedTemplateValidationProps {
  /** @default - nothing remembered */
  readonly cache?: TemplateValidationCache;
  /** @default - one template after another in this process */
  readonly runner?: TemplateValidationRunner;
  /**
   * Validation of the changed templates from the moment the last template is written, while the
   * packs run (stacks that use `stackSynthesizer()` say when). @default - none: changed
   * templates wait for `validate`
   */
  readonly background?: BackgroundTemplateValidationFactory;
  /**
   * Versions that decide the results besides the engine's own (aws-cdk-lib's version). A new
   * version invalidates every entry.
   */
  readonly versions: string;
  /**
   * Told before templates the cache cannot answer are validated after the packs (what a first
   * synth does for every template: 1 to 2 ms per resource, so the longest wait of a cold synth of
   * a large estate). Not told when every template is answered by the cache, nor for templates
   * that were validated in the background while the packs ran. @default - silent
   */
  readonly progress?: (counts: TemplateValidationProgress) => void;
}

/** What `progress` is told: how many templates are validated afresh, of how many. */
export interface TemplateValidationProgress {
  readonly validating: number;
  readonly templates: number;
}

/** Counts of the last `validate`, for tests and the benchmark. */
export interface TemplateValidationStats {
  readonly validated: number;
  readonly cached: number;
  /** Of those validated, how many started in the background before `validate`. */
  readonly early: number;
}

/** aws-cdk-lib's template validation, validating only templates it has not seen. */
export class CachedTemplateValidation extends CloudFormationValidatePlugin {
  private lastStats: TemplateValidationStats = { validated: 0, cached: 0, early: 0 };
  /** Templates written so far by this synth, of how many stacks, and those not in the cache. */
  private written?: {
    readonly root: IConstruct;
    readonly app: AppShape;
    count: number;
    readonly changed: TemplateToValidate[];
    readonly keys: string[];
  };
  /** The background validation of this synth, and the keys it was given. */
  private early?: { readonly run: BackgroundTemplateValidation; readonly keys: Set<string> };

  constructor(private readonly cacheProps: CachedTemplateValidationProps) {
    super();
  }

  /** Templates validated and read from the cache by the last synth. */
  get stats(): TemplateValidationStats {
    return this.lastStats;
  }

  /** Cache key of one template: everything the engine's answer depends on. */
  keyOf(template: TemplateToValidate, text: string): string {
    return createHash('sha256')
      .update(
        [
          'template-validation/1',
          this.cacheProps.versions,
          this.version ?? 'unknown',
          template.stackConstructPath,
          template.accountId ?? '',
          template.region ?? '',
        ].join('\n'),
      )
      .update('\n')
      .update(text)
      .digest('hex');
  }

  /**
   * A stack synthesizer that tells this validation as each template is written (the app's
   * `defaultStackSynthesizer`): once the last one is, the changed ones may start validating in
   * the background while the packs run. It is aws-cdk-lib's DefaultStackSynthesizer with no
   * properties, what every stack gets without it, so the templates do not change
   * (test/app/template-validation-cache.test.ts).
   */
  stackSynthesizer(): DefaultStackSynthesizer {
    return new TemplateWrittenSynthesizer((template, root) => this.templateWritten(template, root));
  }

  /**
   * One template written by the synth of the app `root`. After the last stack's (a stack whose
   * synthesizer does not say, such as a nested stack, means none is last), the background
   * factory is offered the changed templates.
   */
  templateWritten(template: TemplateToValidate, root: IConstruct): void {
    if (!this.cacheProps.background) return;
    // A new app (an earlier synth that failed before validation left its count behind) starts over.
    if (this.written?.root !== root)
      this.written = { root, app: shapeOf(root), count: 0, changed: [], keys: [] };
    const written = this.written;
    written.count += 1;
    const key = this.keyOf(template, readFileSync(template.templatePath, 'utf8'));
    if (storedViolations(this.cacheProps.cache?.get(key)) === undefined) {
      written.changed.push(template);
      written.keys.push(key);
    }
    if (written.count !== written.app.stacks || written.changed.length === 0) return;
    const run = this.cacheProps.background(written.app.resourceTypes, written.changed.length);
    if (!run) return;
    this.early = { run, keys: new Set(written.keys) };
    written.changed.forEach((t, i) => run.start(t, written.keys[i]!));
  }

  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const templates: TemplateToValidate[] = context.stackTemplates
      ? context.stackTemplates.map((s) => ({
          stackConstructPath: s.stackConstructPath,
          templatePath: s.templatePath,
          ...(s.accountId !== undefined ? { accountId: s.accountId } : {}),
          ...(s.region !== undefined ? { region: s.region } : {}),
        }))
      : context.templatePaths.map((templatePath) => ({ stackConstructPath: '', templatePath }));
    const keys = templates.map((t) => this.keyOf(t, readFileSync(t.templatePath, 'utf8')));
    const results = new Map<string, PolicyViolation[]>();
    const misses: TemplateToValidate[] = [];
    templates.forEach((t, i) => {
      // A damaged entry (a synth stopped while writing it) is a miss: validated again and written over.
      const hit = storedViolations(this.cacheProps.cache?.get(keys[i]!));
      if (hit === undefined) misses.push(t);
      else results.set(t.templatePath, relocate(hit, t.templatePath));
    });
    const early = this.early;
    this.early = undefined;
    this.written = undefined;
    let startedEarly = 0;
    if (early) {
      // Misses the synthesizer did not announce (or whose text changed since) start now.
      const missKeys = misses.map((t) => keys[templates.indexOf(t)]!);
      misses.forEach((t, i) => {
        if (early.keys.has(missKeys[i]!)) startedEarly += 1;
        else early.run.start(t, missKeys[i]!);
      });
      const byKey = early.run.finish();
      misses.forEach((t, i) => {
        const violations = byKey.get(missKeys[i]!);
        if (!violations) throw new Error(`template validation returned no result for ${t.templatePath}`);
        results.set(t.templatePath, relocate(violations, t.templatePath));
        this.cacheProps.cache?.put(missKeys[i]!, JSON.stringify(relocate(violations, '')));
      });
    } else if (misses.length > 0) {
      this.cacheProps.progress?.({ validating: misses.length, templates: templates.length });
      const perTemplate = this.cacheProps.runner
        ? this.cacheProps.runner(misses)
        : validateEachTemplate(this, misses, (p) => readFileSync(p, 'utf8'));
      misses.forEach((t, i) => {
        const violations = perTemplate[i] ?? [];
        results.set(t.templatePath, violations);
        this.cacheProps.cache?.put(keys[templates.indexOf(t)]!, JSON.stringify(relocate(violations, '')));
      });
    }
    this.lastStats = {
      validated: misses.length,
      cached: templates.length - misses.length,
      early: startedEarly,
    };
    const violations = mergeInOrder(templates.map((t) => results.get(t.templatePath) ?? []));
    return { success: violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal'), violations };
  }
}

/**
 * DefaultStackSynthesizer (no properties, as aws-cdk-lib gives every stack by default) that calls
 * `written` once the stack's template is in the cloud assembly folder. Given as the app's default,
 * it binds a new instance to each stack: DefaultStackSynthesizer's own `reusableBind` copies
 * share one asset manifest, so every stack's assets file would list every stack's assets.
 */
class TemplateWrittenSynthesizer extends DefaultStackSynthesizer {
  constructor(private readonly written: (template: TemplateToValidate, root: IConstruct) => void) {
    super();
  }

  override reusableBind(stack: Stack): TemplateWrittenSynthesizer {
    const own = new TemplateWrittenSynthesizer(this.written);
    own.bind(stack);
    return own;
  }

  override synthesize(session: ISynthesisSession): void {
    super.synthesize(session);
    const stack = this.boundStack;
    this.written(
      {
        // As aws-cdk-lib describes the stack to validation plugins (its artifact's hierarchical id).
        stackConstructPath: stack.node.path,
        templatePath: join(session.outdir, stack.templateFile),
        ...(Token.isUnresolved(stack.account) ? {} : { accountId: stack.account }),
        ...(Token.isUnresolved(stack.region) ? {} : { region: stack.region }),
      },
      stack.node.root,
    );
  }
}

/** How many stacks the app has, and every resource type in it (its templates' resource types). */
interface AppShape {
  readonly stacks: number;
  readonly resourceTypes: ReadonlySet<string>;
}

function shapeOf(root: IConstruct): AppShape {
  let stacks = 0;
  const resourceTypes = new Set<string>();
  for (const c of root.node.findAll()) {
    if (Stack.isStack(c)) stacks += 1;
    else if (CfnResource.isCfnResource(c)) resourceTypes.add(c.cfnResourceType);
  }
  return { stacks, resourceTypes };
}

/** The same violations, pointing at `templatePath`. */
function relocate(violations: readonly PolicyViolation[], templatePath: string): PolicyViolation[] {
  return violations.map((v) => ({
    ...v,
    violatingResources: v.violatingResources.map((r) => ({ ...r, templatePath })),
  }));
}

/**
 * Each template's violations on its own, in the engine's order, as one call for all of them
 * would find them: the engine is first set up for every resource type of the batch (what
 * aws-cdk-lib does for one call over all templates), so that validating one template after
 * another does not set it up again for each (setting it up costs seconds; its rules apply only to
 * their own resource types, so a template's result does not depend on the other templates).
 */
export function validateEachTemplate(
  plugin: CloudFormationValidatePlugin,
  templates: readonly TemplateToValidate[],
  readText: (path: string) => string,
): PolicyViolation[][] {
  const types = new Set<string>();
  for (const t of templates) for (const type of resourceTypesOf(readText(t.templatePath))) types.add(type);
  setUpEngine(plugin, types);
  return templates.map((t) => validateOneTemplate(plugin, t));
}

/**
 * Sets the plugin's engine up for `types` (aws-cdk-lib 2.276's private set-up, which a later
 * `validate` reuses while its template's types are among them).
 */
export function setUpEngine(plugin: CloudFormationValidatePlugin, types: ReadonlySet<string>): void {
  const setUp = (plugin as unknown as { initializeEngine?: (types: Set<string>) => unknown })
    .initializeEngine;
  setUp?.call(plugin, new Set(types));
}

/** One template's violations, in the engine's order (the engine set up as for the others). */
export function validateOneTemplate(
  plugin: CloudFormationValidatePlugin,
  template: TemplateToValidate,
): PolicyViolation[] {
  return [
    ...CloudFormationValidatePlugin.prototype.validate.call(plugin, {
      templatePaths: [template.templatePath],
      stackTemplates: [template],
    } as unknown as IPolicyValidationContext).violations,
  ];
}

/** Resource types of a template (as aws-cdk-lib's validator lists them). */
export function resourceTypesOf(text: string): string[] {
  const parsed = JSON.parse(text) as { Resources?: Record<string, { Type?: unknown }> };
  return Object.values(parsed.Resources ?? {}).flatMap((r) => (typeof r?.Type === 'string' ? [r.Type] : []));
}

/**
 * One report from per-template violations, merged as the engine merges them when it validates
 * all templates in one call: a violation with the same rule, severity and description as an
 * earlier one gains the later template's resources, in template order.
 */
function mergeInOrder(perTemplate: readonly (readonly PolicyViolation[])[]): PolicyViolation[] {
  const merged: { -readonly [K in keyof PolicyViolation]: PolicyViolation[K] }[] = [];
  for (const violations of perTemplate)
    for (const v of violations) {
      const existing = merged.find(
        (m) => m.ruleName === v.ruleName && m.severity === v.severity && m.description === v.description,
      );
      if (existing) existing.violatingResources = [...existing.violatingResources, ...v.violatingResources];
      else merged.push({ ...v, violatingResources: [...v.violatingResources] });
    }
  return merged;
}

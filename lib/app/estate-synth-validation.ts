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
 * are validated by the runner (e.g. in worker threads, one per core).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  CloudFormationValidatePlugin,
  type IPolicyValidationContext,
  type PolicyValidationPluginReport,
  type PolicyViolation,
} from 'aws-cdk-lib';

/** Stored results by key (files in .cache/template-validation/); passed in: lib/ chooses no folder. */
export interface TemplateValidationCache {
  readonly get: (key: string) => string | undefined;
  readonly put: (key: string, text: string) => void;
}

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

export interface CachedTemplateValidationProps {
  /** @default - nothing remembered */
  readonly cache?: TemplateValidationCache;
  /** @default - one template after another in this process */
  readonly runner?: TemplateValidationRunner;
  /**
   * Versions that decide the results besides the engine's own (aws-cdk-lib's version). A new
   * version invalidates every entry.
   */
  readonly versions: string;
}

/** Counts of the last `validate`, for tests and the benchmark. */
export interface TemplateValidationStats {
  readonly validated: number;
  readonly cached: number;
}

/** aws-cdk-lib's template validation, validating only templates it has not seen. */
export class CachedTemplateValidation extends CloudFormationValidatePlugin {
  private lastStats: TemplateValidationStats = { validated: 0, cached: 0 };

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
      const hit = this.cacheProps.cache?.get(keys[i]!);
      if (hit === undefined) misses.push(t);
      else results.set(t.templatePath, relocate(JSON.parse(hit) as PolicyViolation[], t.templatePath));
    });
    if (misses.length > 0) {
      const perTemplate = this.cacheProps.runner
        ? this.cacheProps.runner(misses)
        : validateEachTemplate(this, misses, (p) => readFileSync(p, 'utf8'));
      misses.forEach((t, i) => {
        const violations = perTemplate[i] ?? [];
        results.set(t.templatePath, violations);
        this.cacheProps.cache?.put(keys[templates.indexOf(t)]!, JSON.stringify(relocate(violations, '')));
      });
    }
    this.lastStats = { validated: misses.length, cached: templates.length - misses.length };
    const violations = mergeInOrder(templates.map((t) => results.get(t.templatePath) ?? []));
    return { success: violations.every((v) => v.severity !== 'error' && v.severity !== 'fatal'), violations };
  }
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
  // aws-cdk-lib 2.276's private engine set-up (reused while later templates' types are a subset).
  const setUp = (plugin as unknown as { initializeEngine?: (types: Set<string>) => unknown })
    .initializeEngine;
  setUp?.call(plugin, types);
  return templates.map((t) => [
    ...CloudFormationValidatePlugin.prototype.validate.call(plugin, {
      templatePaths: [t.templatePath],
      stackTemplates: [t],
    } as unknown as IPolicyValidationContext).violations,
  ]);
}

/** Resource types of a template (as aws-cdk-lib's validator lists them). */
function resourceTypesOf(text: string): string[] {
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

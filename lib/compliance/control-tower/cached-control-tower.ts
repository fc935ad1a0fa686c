import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolation,
} from 'aws-cdk-lib';
import type { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { ComplianceRegister } from '../register';
import type { KeyedTextCache } from '../../shared/keyed-text-cache';
import { storedViolations } from '../../shared/stored-violations';
import { CONTROL_TOWER_PACK, controlTowerValidator } from './control-tower-controls';

/** Stored results by key (e.g. files in .cache/control-tower/); passed in: lib/ touches no files. */
export type ControlTowerCache = KeyedTextCache;

/**
 * Checks templates with the Control Tower controls and returns the validator's report for all of
 * them (e.g. split over worker threads, one cfn-guard process each: loading the rules costs about
 * 1.6 CPU seconds per process, so templates are batched, not checked one per process).
 */
export type ControlTowerRunner = (
  templatePaths: readonly string[],
  disabledRules: readonly string[],
) => PolicyValidationPluginReport;

export interface CachedControlTowerProps {
  readonly register: ComplianceRegister;
  /** @default - nothing cached */
  readonly cache?: ControlTowerCache;
  /** @default - one template after another in this process */
  readonly runner?: ControlTowerRunner;
  /** Told how many templates are checked afresh (a cold check of a large estate takes minutes). @default - silent */
  readonly progress?: (line: string) => void;
}

/**
 * The Control Tower proactive controls (cfn-guard) as a synth plugin that checks each template on
 * its own and remembers the result by the template's hash (with the validator version and the
 * register's disabled controls): a stack whose template did not change since the last run costs
 * nothing, and changed stacks can be checked in parallel by the runner. Reports under the same
 * name as the validator, so suppressions, construct paths and the audit work unchanged.
 */
export class CachedControlTowerValidator implements IPolicyValidationPlugin {
  readonly name = CONTROL_TOWER_PACK;
  readonly version: string;
  private readonly disabledRules: readonly string[];

  private readonly validator: CfnGuardValidator;

  constructor(private readonly props: CachedControlTowerProps) {
    this.validator = controlTowerValidator(props.register);
    this.version = this.validator.version ?? 'unknown';
    this.disabledRules = props.register.disabledControls.map((c) => c.control).sort();
  }

  /** Cache key of one template's text (a new validator version may judge differently). */
  keyOf(templateText: string): string {
    return createHash('sha256')
      .update(`${this.version}\n${this.disabledRules.join(',')}\n`)
      .update(templateText)
      .digest('hex');
  }

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const paths = context.templatePaths.map((p) => resolve(p));
    const keys = paths.map((p) => this.keyOf(readFileSync(p, 'utf8')));
    const results = new Map<string, PolicyViolation[]>();
    const misses: string[] = [];
    paths.forEach((path, i) => {
      // A damaged entry (a run stopped while writing it) is a miss: checked again and written over.
      const hit = storedViolations(this.props.cache?.get(keys[i]!));
      if (hit === undefined) misses.push(path);
      else results.set(path, relocate(hit, path));
    });
    if (misses.length > 0) {
      this.props.progress?.(
        `Control Tower controls (cfn-guard): checking ${misses.length} of ${paths.length} templates` +
          (misses.length < paths.length ? ' (the others are unchanged since they were last checked)' : '') +
          '...',
      );
      const report = this.props.runner
        ? this.props.runner(misses, this.disabledRules)
        : this.validator.validate({ ...context, templatePaths: misses });
      const byTemplate = splitByTemplate(report.violations);
      for (const path of misses) {
        const violations = byTemplate.get(path) ?? [];
        results.set(path, violations);
        this.props.cache?.put(
          keys[paths.indexOf(path)]!,
          JSON.stringify(relocate(violations, basename(path))),
        );
      }
    }
    const violations = paths.flatMap((p) => results.get(p) ?? []);
    return { success: violations.length === 0, violations };
  }
}

/** The same violations, pointing at `templatePath`. */
function relocate(violations: readonly PolicyViolation[], templatePath: string): PolicyViolation[] {
  return violations.map((v) => ({
    ...v,
    violatingResources: v.violatingResources.map((r) => ({ ...r, templatePath })),
  }));
}

/** Violations per template: each violation keeps only the resources of that template. */
function splitByTemplate(violations: readonly PolicyViolation[]): Map<string, PolicyViolation[]> {
  const out = new Map<string, PolicyViolation[]>();
  for (const v of violations) {
    const groups = new Map<string, PolicyViolation['violatingResources']>();
    for (const r of v.violatingResources) {
      const path = r.templatePath ? resolve(r.templatePath) : '';
      groups.set(path, [...(groups.get(path) ?? []), r]);
    }
    for (const [path, resources] of groups)
      out.set(path, [...(out.get(path) ?? []), { ...v, violatingResources: resources }]);
  }
  return out;
}

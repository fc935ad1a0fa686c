import type { IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { IApplyRule, NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { EstateModel } from '../../estate-model/estate-model';
import type { ExitItem } from '../exit-item';
import { planExit } from '../exit-plan';
import { RulePack } from '../../shared/rule-pack';
import { summarizeWarningViolations } from '../../shared/summarize-violations';
import type { ExitRuleContext } from './exit-rule';
import { EXIT_RULES } from './rules';

export const EXIT_PACK_NAME = 'ExitReadiness';

export interface ExitReadinessChecksProps extends NagPackProps {
  /** The exit plan's items (servers and databases on AWS). */
  readonly items: readonly ExitItem[];
  /** Wraps each rule application (the audit passes one that records results in its ledger). */
  readonly record?: (params: IApplyRule) => IApplyRule;
  /** Called at the start of every validation (the audit clears this pack's ledger entries). */
  readonly reset?: () => void;
  /**
   * Report a warning over many resources once, on its first resource, with the count and the
   * first few paths (lib/shared/summarize-violations.ts), so that `cdk synth` prints one block
   * instead of one per server. Leave off where every result must be listed (the audit, verbose).
   * @default false
   */
  readonly summarizeWarnings?: boolean;
}

/**
 * Exit readiness as cdk-nag warnings, so the audit report shows, beside the security findings,
 * every server or database whose way out of AWS is degraded or blocked.
 */
export class ExitReadinessChecks extends RulePack<ExitRuleContext> {
  readonly name = EXIT_PACK_NAME;
  private readonly context: ExitRuleContext;
  private readonly record: (params: IApplyRule) => IApplyRule;
  private readonly reset?: () => void;
  private readonly summarizeWarnings: boolean;

  /** The pack over the exit plan of the estate model's items. */
  static fromModel(
    scope: IConstruct,
    model: EstateModel,
    props: Omit<ExitReadinessChecksProps, 'items'> = {},
  ): ExitReadinessChecks {
    return new ExitReadinessChecks(scope, { ...props, items: planExit(model).items });
  }

  constructor(scope: IConstruct | undefined, props: ExitReadinessChecksProps) {
    super(scope, props, EXIT_PACK_NAME, EXIT_RULES);
    this.context = { items: new Map(props.items.map((i) => [i.id, i])) };
    this.record = props.record ?? ((p) => p);
    this.reset = props.reset;
    this.summarizeWarnings = props.summarizeWarnings ?? false;
  }

  /**
   * Warnings only: cdk-nag marks a report with any violation unsuccessful, which makes the CDK CLI
   * fail the synth; a degraded exit is a risk to record, not a reason to stop a deployment.
   */
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.reset?.();
    const all = super.validate(context);
    const report = this.summarizeWarnings ? summarizeWarningViolations(all) : all;
    return { ...report, success: report.violations.every((v) => v.severity !== 'error') };
  }

  protected contextFor(): ExitRuleContext {
    return this.context;
  }

  protected override wrap(params: IApplyRule): IApplyRule {
    return this.record(params);
  }
}

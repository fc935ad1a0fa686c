import type { CfnResource, IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, type IApplyRule, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { recordedRule, type ComplianceLedger } from '../ledger';
import { principlesForRuleId } from '../ncsc-principles';
import { PackResultRun, type PackResultCache } from './pack-result-cache';
import { stockPackIdentity } from './stock-pack-identity';

/** Props for a stock cdk-nag pack whose rule outcomes are remembered per stack. */
export interface CachedPackProps extends NagPackProps {
  /** Where raw rule outcomes are kept between synths (by stack, see PackResultRun). */
  readonly cache: PackResultCache;
  /** Where every rule result is recorded for the audit. @default - no ledger */
  readonly ledger?: ComplianceLedger;
}

/**
 * The part the two packs share: a PackResultRun for each `validate` pass (written when it ends),
 * and each rule answered through it, then through the ledger when there is one, then cdk-nag's own
 * `applyRule`, which applies the acknowledgements and builds the violations as it always does.
 */
class PackCaching {
  private run: PackResultRun | undefined;
  constructor(private readonly props: CachedPackProps) {}

  validate(
    pack: string,
    context: IPolicyValidationContext,
    inner: () => PolicyValidationPluginReport,
  ): PolicyValidationPluginReport {
    this.props.ledger?.resetPack(pack);
    this.run = new PackResultRun(this.props.cache, stockPackIdentity(pack), context);
    try {
      const report = inner();
      this.run.flush();
      return report;
    } finally {
      this.run = undefined;
    }
  }

  enter(node: CfnResource): void {
    this.run?.enter(node);
  }

  /** The rule to hand to cdk-nag, or undefined when it is not applicable and nothing records it. */
  params(pack: string, params: IApplyRule): IApplyRule | undefined {
    const ledger = this.props.ledger;
    const answered = this.run ? this.run.memo(params, ledger === undefined) : params;
    if (answered === undefined) return undefined;
    return ledger ? recordedRule(ledger, pack, answered, principlesForRuleId) : answered;
  }
}

/** cdk-nag's AwsSolutions pack, unchanged, with its rule outcomes cached per stack (and the ledger filled when given). */
export class CachedAwsSolutionsChecks extends AwsSolutionsChecks {
  private readonly caching: PackCaching;
  constructor(scope: IConstruct, props: CachedPackProps) {
    super(scope, props);
    this.caching = new PackCaching(props);
  }
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.caching.validate(this.packName, context, () => super.validate(context));
  }
  protected override checkResource(node: CfnResource): void {
    this.caching.enter(node);
    super.checkResource(node);
  }
  protected override applyRule(params: IApplyRule): void {
    const answered = this.caching.params(this.packName, params);
    if (answered) super.applyRule(answered);
  }
}

/** cdk-nag's NIST 800-53 rev 5 pack, unchanged, with its rule outcomes cached per stack (and the ledger filled when given). */
export class CachedNist80053R5Checks extends NIST80053R5Checks {
  private readonly caching: PackCaching;
  constructor(scope: IConstruct, props: CachedPackProps) {
    super(scope, props);
    this.caching = new PackCaching(props);
  }
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    return this.caching.validate(this.packName, context, () => super.validate(context));
  }
  protected override checkResource(node: CfnResource): void {
    this.caching.enter(node);
    super.checkResource(node);
  }
  protected override applyRule(params: IApplyRule): void {
    const answered = this.caching.params(this.packName, params);
    if (answered) super.applyRule(answered);
  }
}

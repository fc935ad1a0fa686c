import type {
  CfnResource,
  IPolicyValidationContext,
  PolicyValidationPluginReport,
  PolicyViolation,
  Stack,
} from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, type IApplyRule, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { recordedRule, type ComplianceLedger } from '../ledger';
import { principlesForRuleId } from '../ncsc-principles';
import { PackResultRun, type PackResultCache } from './pack-result-cache';
import { stockPackIdentity } from './stock-pack-identity';
import { mergeByRuleName, outermostStacks, storedStackReport, storeStackReport } from './stack-report-replay';

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
 * Without a ledger (`npx cdk synth`), each outermost stack whose report cannot have changed is
 * read back whole instead of walked (stack-report-replay.ts); the ledger records every rule
 * application, so with one the whole tree is walked.
 */
class PackCaching {
  private run: PackResultRun | undefined;
  constructor(private readonly props: CachedPackProps) {}

  validate(
    pack: string,
    context: IPolicyValidationContext,
    whole: () => PolicyValidationPluginReport,
    ofStack: (stack: Stack) => PolicyValidationPluginReport,
  ): PolicyValidationPluginReport {
    this.props.ledger?.resetPack(pack);
    const run = (this.run = new PackResultRun(this.props.cache, stockPackIdentity(pack), context));
    try {
      const root = (context as { appConstruct?: IConstruct }).appConstruct;
      const report = this.props.ledger || !root ? whole() : this.byStack(run, root, ofStack);
      run.flush();
      return report;
    } finally {
      this.run = undefined;
    }
  }

  private byStack(
    run: PackResultRun,
    root: IConstruct,
    ofStack: (stack: Stack) => PolicyValidationPluginReport,
  ): PolicyValidationPluginReport {
    const violations: PolicyViolation[] = [];
    for (const stack of outermostStacks(root)) {
      const key = run.replayKey(stack, this.props.verbose ?? false);
      let own = key === undefined ? undefined : storedStackReport(this.props.cache, key);
      if (own === undefined) {
        own = ofStack(stack).violations;
        if (key !== undefined) storeStackReport(this.props.cache, key, own);
      }
      mergeByRuleName(violations, own);
    }
    return { success: violations.length === 0, violations };
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
    return this.caching.validate(
      this.packName,
      context,
      () => super.validate(context),
      (stack) => this.validateScope(stack),
    );
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
    return this.caching.validate(
      this.packName,
      context,
      () => super.validate(context),
      (stack) => this.validateScope(stack),
    );
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

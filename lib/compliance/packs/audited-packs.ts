import type { IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NIST80053R5Checks, type IApplyRule, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { ComplianceLedger, recordedRule } from '../ledger';
import { principlesForRuleId } from '../ncsc-principles';

/** Props for the audited packs: the stock cdk-nag pack plus the ledger its results go to. */
export interface AuditedPackProps extends NagPackProps {
  /** Where every rule result is recorded. */
  readonly ledger: ComplianceLedger;
}

/** cdk-nag's AwsSolutions pack, unchanged, with every rule result also written to the ledger. */
export class AuditedAwsSolutionsChecks extends AwsSolutionsChecks {
  private readonly ledger: ComplianceLedger;
  constructor(scope: IConstruct, props: AuditedPackProps) {
    super(scope, props);
    this.ledger = props.ledger;
  }
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.ledger.resetPack(this.packName);
    return super.validate(context);
  }
  protected override applyRule(params: IApplyRule): void {
    super.applyRule(recordedRule(this.ledger, this.packName, params, principlesForRuleId));
  }
}

/** cdk-nag's NIST 800-53 rev 5 pack, unchanged, with every rule result also written to the ledger. */
export class AuditedNist80053R5Checks extends NIST80053R5Checks {
  private readonly ledger: ComplianceLedger;
  constructor(scope: IConstruct, props: AuditedPackProps) {
    super(scope, props);
    this.ledger = props.ledger;
  }
  override validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    this.ledger.resetPack(this.packName);
    return super.validate(context);
  }
  protected override applyRule(params: IApplyRule): void {
    super.applyRule(recordedRule(this.ledger, this.packName, params, principlesForRuleId));
  }
}

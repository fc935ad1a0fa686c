import type { NcscPrinciple } from '../ncsc-principles';

/** What happened when one rule met one resource (or, for not-applicable, the whole app). */
export type FindingStatus = 'pass' | 'fail' | 'suppressed' | 'not-applicable' | 'error';

export type FindingLevel = 'error' | 'warning' | 'info';

/** One rule evaluated against one resource, as recorded while the packs ran. */
export interface LedgerFinding {
  /** Pack name as cdk-nag reports it, e.g. "AwsSolutions", "UKPublicSector". */
  readonly pack: string;
  /** Full rule id, e.g. "AwsSolutions-IAM4" or "AwsSolutions-IAM5[Action::s3:*]". */
  readonly ruleId: string;
  /** Construct path of the resource; empty for an app-wide not-applicable row. */
  readonly constructPath: string;
  /** CloudFormation type, e.g. "AWS::RDS::DBInstance"; empty for app-wide rows. */
  readonly resourceType: string;
  readonly level: FindingLevel;
  readonly status: FindingStatus;
  /** One-line description of what the rule checks. */
  readonly info: string;
  /** The acknowledgement reason (suppressed) or the evaluation error (error). */
  readonly reason?: string;
  readonly ncsc: readonly NcscPrinciple[];
}

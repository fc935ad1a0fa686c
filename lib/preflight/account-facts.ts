/** What `estate preflight` read from the target account (read-only calls), as plain data. */
export interface ImageFact {
  readonly state: string;
  readonly ownerId: string;
}

/** A secret as DescribeSecret reports it. */
export interface SecretFact {
  readonly rotationEnabled: boolean;
  /** "The key ID or alias ARN" it is encrypted with; absent: the AWS managed key aws/secretsmanager. */
  readonly kmsKeyId?: string;
}

export interface AccountFacts {
  /** Images found in the home region, by id (absent: no such image visible to the account). */
  readonly images: ReadonlyMap<string, ImageFact>;
  /** CDK bootstrap version per region (absent: the SSM parameter does not exist). */
  readonly bootstrapVersions: ReadonlyMap<string, number>;
  /** Applied quota values by `<serviceCode>/<quotaCode>` (absent: Service Quotas knows no value). */
  readonly quotas: ReadonlyMap<string, number>;
  /** Opt-in status per region (EC2 DescribeRegions with AllRegions); absent: unknown region. */
  readonly regions: ReadonlyMap<string, string>;
  /** AWS MGN initialised in the home region; undefined when not asked (no mgn servers). */
  readonly mgnInitialised?: boolean;
  /** GuardDuty detector ids in the home region. */
  readonly guardDutyDetectors: readonly string[];
  /** Security Hub enabled in the home region. */
  readonly securityHub: boolean;
  /** The `SSM-SessionManagerRunShell` document exists. */
  readonly sessionManagerDocument: boolean;
  /** Which of the asked IAM roles exist. */
  readonly roles: ReadonlyMap<string, boolean>;
  /** The asked secrets (DMS sources) that exist in the home region, by name. */
  readonly secrets: ReadonlyMap<string, SecretFact>;
}

export const SESSION_MANAGER_DOCUMENT = 'SSM-SessionManagerRunShell';
export const VMIMPORT_ROLE = 'vmimport';

export function quotaKey(serviceCode: string, quotaCode: string): string {
  return `${serviceCode}/${quotaCode}`;
}

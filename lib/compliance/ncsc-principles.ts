/**
 * The NCSC Cloud Security Principles a finding can evidence. Numbers follow the NCSC's own list
 * (https://www.ncsc.gov.uk/collection/cloud/the-cloud-security-principles).
 */
export const NCSC_PRINCIPLES = {
  1: 'Data in transit protection',
  2: 'Asset protection and resilience',
  3: 'Separation between customers',
  4: 'Governance framework',
  5: 'Operational security',
  9: 'Secure user management',
  10: 'Identity and authentication',
  11: 'External interface protection',
  12: 'Secure service administration',
  13: 'Audit information and alerting for customers',
  14: 'Secure use of the service',
} as const;

export type NcscPrinciple = keyof typeof NCSC_PRINCIPLES;

/** "1 Data in transit protection; 13 Audit information..." for reports. */
export function describePrinciples(principles: readonly NcscPrinciple[]): string {
  return principles.map((p) => `${p} ${NCSC_PRINCIPLES[p]}`).join('; ');
}

/**
 * Indicative mapping of AwsSolutions / NIST rule families to NCSC principles, by the AWS service
 * the rule id names. The UK pack maps each of its own rules exactly; this table only lets the
 * audit report group the other packs' findings under a principle. Unknown families map to 14.
 */
const FAMILY_PRINCIPLES: ReadonlyArray<readonly [RegExp, readonly NcscPrinciple[]]> = [
  [/IAM|Cognito|SSO/i, [9, 10]],
  [/SMG|Secret/i, [10]],
  [/VPC7|FlowLog|CloudTrail|Logging|LogGroup|CloudWatch|CW\d|ALB-?Log|ELB\d|S1\b|Audit/i, [13]],
  [/RDS|EC2[0-9]*EBS|EBS|EFS|DDB|DynamoDB|S3|KMS|Backup|Encrypt|Aurora|Snapshot/i, [2]],
  [/SSL|TLS|HTTPS|InTransit|S10/i, [1]],
  [/EC2|VPC|SG|ELB|ALB|NACL|Public|Restricted|Ingress/i, [11]],
  [/SSM|Patch|Inspector|GuardDuty/i, [5]],
];

export function principlesForRuleId(ruleId: string): readonly NcscPrinciple[] {
  let principles = PRINCIPLES_BY_RULE.get(ruleId);
  if (!principles) {
    const suffix = ruleId.replace(/^[A-Za-z0-9.]+?-/, '');
    principles = FAMILY_PRINCIPLES.find(([pattern]) => pattern.test(suffix))?.[1] ?? OTHER_PRINCIPLES;
    PRINCIPLES_BY_RULE.set(ruleId, principles);
  }
  return principles;
}

const OTHER_PRINCIPLES: readonly NcscPrinciple[] = [14];

/** Answers by rule id: the audit asks once per rule application, millions of times on a large estate. */
const PRINCIPLES_BY_RULE = new Map<string, readonly NcscPrinciple[]>();

/**
 * Audit rows of a generated estate, for tests of the audit report at scale without synthesizing
 * it: the synthetic estate of scripts/bench (servers, databases, applications, waves as `npm run
 * bench` generates them), each resource checked by the rules the packs run on its type, with the
 * mix of outcomes a clean estate has (passes, suppressions, warnings, not-applicable rules).
 * About 34 rows per server, as the 1,000-server audit measured (34,000 rows).
 */
import { syntheticEstateSize } from '../../scripts/bench/synthetic-estate';
import {
  addToCounts,
  emptyCounts,
  type AuditRow,
  type StatusCounts,
} from '../../lib/compliance/audit/audit-row';
import type { Audit } from '../../lib/compliance/audit/build-audit';

const SERVER_RULES: readonly (readonly [string, string])[] = [
  ...['EC26', 'EC27', 'EC28', 'EC29', 'IAM4', 'IAM5', 'SMG4'].map(
    (r) => ['AwsSolutions', `AwsSolutions-${r}`] as const,
  ),
  ...[
    'EC2EBSOptimizedInstance',
    'EC2IMDSv2Enabled',
    'EC2InstanceDetailedMonitoringEnabled',
    'EC2InstanceNoPublicIp',
    'EC2InstanceProfileAttached',
    'EC2InstancesInVPC',
    'EC2RestrictedCommonPorts',
    'EC2RestrictedSSH',
    'EC2EBSInBackupPlan',
    'EC2EBSVolumeEncrypted',
    'IAMNoInlinePolicy',
    'IAMPolicyNoStatementsWithAdminAccess',
    'IAMPolicyNoStatementsWithFullAccess',
    'IAMUserGroupMembership',
  ].map((r) => ['NIST.800.53.R5', `NIST.800.53.R5-${r}`] as const),
  ...[
    'EncryptedVolumes',
    'ImdsV2',
    'ApprovedImage',
    'PatchGroup',
    'BackupTagged',
    'NoPublicIp',
    'LoggingAgent',
  ].map((r) => ['UKPublicSector', `UKPublicSector-${r}`] as const),
  ...['ImageNotExportable', 'DataExportRoute'].map((r) => ['ExitReadiness', `ExitReadiness-${r}`] as const),
  ...['CT.EC2.PR.1', 'CT.EC2.PR.4', 'CT.EC2.PR.8', 'CT.EC2.PR.13'].map(
    (r) => ['cdk-validator-cfnguard', `${r} ct-ec2`] as const,
  ),
];
const DATABASE_RULES: readonly (readonly [string, string])[] = [
  ...['RDS2', 'RDS3', 'RDS10', 'RDS11', 'RDS13'].map((r) => ['AwsSolutions', `AwsSolutions-${r}`] as const),
  ...[
    'RDSAutomaticMinorVersionUpgradeEnabled',
    'RDSEnhancedMonitoringEnabled',
    'RDSInBackupPlan',
    'RDSInstanceDeletionProtectionEnabled',
    'RDSInstancePublicAccess',
    'RDSLoggingEnabled',
    'RDSMultiAZSupport',
    'RDSStorageEncrypted',
  ].map((r) => ['NIST.800.53.R5', `NIST.800.53.R5-${r}`] as const),
  ...['EncryptedStorage', 'BackupTagged'].map((r) => ['UKPublicSector', `UKPublicSector-${r}`] as const),
];

const pad = (n: number, w = 4) => String(n).padStart(w, '0');

function counts(rows: readonly AuditRow[], key: (r: AuditRow) => string): Record<string, StatusCounts> {
  const out: Record<string, StatusCounts> = {};
  for (const r of rows) addToCounts((out[key(r)] ??= emptyCounts()), r);
  return out;
}

/** The audit of a generated estate of `servers` servers (databases in the bench's proportion). */
export function generatedEstateAudit(servers: number): Audit {
  const size = syntheticEstateSize(servers);
  const rows: AuditRow[] = [];
  const stackOf = (n: number) => {
    const app = n % size.applications;
    const wave = 1 + (app % size.waves);
    return `Bench-Wave${pad(wave, 2)}-App${pad(app, 3)}`;
  };
  const add = (pack: string, ruleId: string, stack: string, path: string, type: string, n: number) => {
    const pick = (n * 7 + ruleId.length) % 20;
    const status: AuditRow['status'] = pick === 0 ? 'suppressed' : pick === 1 ? 'fail' : 'pass';
    rows.push({
      pack,
      stack,
      ruleId,
      resourcePath: path,
      resourceType: type,
      level: status === 'fail' ? 'warning' : 'error',
      status,
      ncsc: String(1 + (n % 14)),
      description: `${ruleId}: the ${type} meets the council's baseline`,
      reason:
        status === 'suppressed'
          ? 'Accepted by the Head of ICT Security: the organisation provides this control centrally'
          : '',
    });
  };
  for (let n = 0; n < size.servers; n++) {
    const stack = stackOf(n);
    const path = `${stack}/Server${pad(n)}/Instance/Resource`;
    for (const [pack, rule] of SERVER_RULES) add(pack, rule, stack, path, 'AWS::EC2::Instance', n);
  }
  for (let n = 0; n < size.databases; n++) {
    const stack = stackOf(n);
    const path = `${stack}/Database${pad(n)}/Instance/Resource`;
    for (const [pack, rule] of DATABASE_RULES) add(pack, rule, stack, path, 'AWS::RDS::DBInstance', n);
  }
  const totals = emptyCounts();
  for (const r of rows) addToCounts(totals, r);
  return {
    rows,
    byPack: counts(rows, (r) => r.pack),
    byStack: counts(rows, (r) => r.stack),
    totals,
    unusedSuppressions: [],
  };
}

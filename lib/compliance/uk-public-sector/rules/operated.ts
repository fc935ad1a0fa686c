import type { CfnResource } from 'aws-cdk-lib';
import { CfnInstance } from 'aws-cdk-lib/aws-ec2';
import { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { UkRule, UkRuleContext } from '../rule';
import { literalString } from '../private/resolve';
import { tagsOf } from './mandatory-tags';

/** Metrics every server's alarms watch: CPU, memory and (one of) disk (docs/operations.md). */
const SERVER_METRICS = ['CPUUtilization', 'mem_used_percent'];
const DISK_METRICS = ['disk_used_percent', 'disk_free_percent'];
/** Metrics every database's alarms watch. */
const DATABASE_METRICS = ['CPUUtilization', 'FreeStorageSpace', 'FreeableMemory', 'DatabaseConnections'];

/**
 * Every EC2 instance is in exactly one patch group that a patch baseline serves and exactly one
 * maintenance window that a window target selects, and has its CPU, memory and disk alarms; every
 * RDS instance has its CPU, storage, memory and connection alarms (lib/operations).
 */
export const operated: UkRule = {
  id: 'Operated',
  info: 'The server or database is not monitored and patched: a patch group, maintenance window or alarm is missing.',
  explanation:
    'A server nobody is told about and nothing patches is where incidents start (NCSC principle 5, operational security: vulnerability and protective monitoring). Every server must be in exactly one patch group served by a baseline and one maintenance window, with CPU, memory and disk alarms; every database needs CPU, storage, memory and connection alarms.',
  level: NagMessageLevel.ERROR,
  ncsc: [5],
  evaluate(node: CfnResource, { index }: UkRuleContext): NagRuleCompliance {
    if (node instanceof CfnInstance) {
      const tags = tagsOf(node) ?? {};
      const groups = ['PatchGroup', 'Patch Group'].filter((k) => tags[k] !== undefined).map((k) => tags[k]!);
      if (groups.length !== 1 || !index.patchGroups.has(groups[0]!)) return NagRuleCompliance.NON_COMPLIANT;
      const window = tags['MaintenanceWindow'];
      if (window === undefined || !index.maintenanceWindowTagValues.has(window))
        return NagRuleCompliance.NON_COMPLIANT;
      const metrics = index.instanceAlarmMetrics.get(node) ?? new Set<string>();
      const alarmed = SERVER_METRICS.every((m) => metrics.has(m)) && DISK_METRICS.some((m) => metrics.has(m));
      return alarmed ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
    }
    if (node instanceof CfnDBInstance) {
      if (node.dbClusterIdentifier !== undefined) return NagRuleCompliance.NOT_APPLICABLE;
      const identifier = literalString(node, node.dbInstanceIdentifier, 'DBInstanceIdentifier');
      if (identifier === undefined) return NagRuleCompliance.NON_COMPLIANT;
      const metrics = index.databaseAlarmMetrics.get(identifier) ?? new Set<string>();
      return DATABASE_METRICS.every((m) => metrics.has(m))
        ? NagRuleCompliance.COMPLIANT
        : NagRuleCompliance.NON_COMPLIANT;
    }
    return NagRuleCompliance.NOT_APPLICABLE;
  },
};

import { CfnResource, Stack } from 'aws-cdk-lib';
import { CfnBackupSelection } from 'aws-cdk-lib/aws-backup';
import { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { CfnMaintenanceWindowTarget, CfnPatchBaseline } from 'aws-cdk-lib/aws-ssm';
import { CfnFlowLog, CfnSubnet } from 'aws-cdk-lib/aws-ec2';
import { CfnLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CfnRotationSchedule, CfnSecretTargetAttachment } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import { field, listField, referencedConstruct, resolvedReferences } from './resolve';

/**
 * Facts about the whole app that single-resource rules need (which VPCs have flow logs, which
 * security groups belong to load balancers...). Built once per construct tree.
 */
export interface AppIndex {
  /** VPC constructs (CfnVPC) some CfnFlowLog points at. */
  readonly flowLoggedVpcs: ReadonlySet<IConstruct>;
  /** Security group constructs attached to an ELBv2 load balancer. */
  readonly loadBalancerSecurityGroups: ReadonlySet<IConstruct>;
  /** Values of the backup tag that some backup selection selects. */
  readonly backupSelectedTagValues: ReadonlySet<string>;
  /**
   * `<CloudFormation type>|<tag value>` pairs a selection covers (`*|<tag value>` when it selects
   * every resource type), read from its resource ARN patterns.
   */
  readonly backupSelectedTypes: ReadonlySet<string>;
  /** Secret constructs that have a rotation schedule. */
  readonly rotatedSecrets: ReadonlySet<IConstruct>;
  /** Subnets that give instances a public IP on launch. */
  readonly publicSubnets: ReadonlySet<IConstruct>;
  /** Patch groups some patch baseline serves. */
  readonly patchGroups: ReadonlySet<string>;
  /** Values of the `MaintenanceWindow` tag some maintenance window target selects. */
  readonly maintenanceWindowTagValues: ReadonlySet<string>;
  /** Metric names alarmed per EC2 instance construct (alarms with its `InstanceId` dimension). */
  readonly instanceAlarmMetrics: ReadonlyMap<IConstruct, ReadonlySet<string>>;
  /** Metric names alarmed per RDS instance identifier (alarms with a `DBInstanceIdentifier` dimension). */
  readonly databaseAlarmMetrics: ReadonlyMap<string, ReadonlySet<string>>;
}

function cfnOf(c: IConstruct | undefined): IConstruct | undefined {
  if (!c) return undefined;
  return CfnResource.isCfnResource(c) ? c : (c.node.defaultChild ?? c);
}

function tagConditionValues(selection: CfnBackupSelection, tagKey: string): string[] {
  const r = Stack.of(selection).resolve(selection.backupSelection);
  const values: string[] = [];
  for (const t of listField(r, 'ListOfTags')) {
    const value = field(t, 'ConditionValue');
    if (field(t, 'ConditionKey') === tagKey && typeof value === 'string') values.push(value);
  }
  for (const t of listField(field(r, 'Conditions'), 'StringEquals')) {
    const key = field(t, 'ConditionKey');
    const value = field(t, 'ConditionValue');
    if ((key === `aws:ResourceTag/${tagKey}` || key === tagKey) && typeof value === 'string')
      values.push(value);
  }
  return values;
}

/** CloudFormation types a selection's resource ARN patterns cover; `*` for every type. */
function selectedTypes(selection: CfnBackupSelection): string[] {
  const r = Stack.of(selection).resolve(selection.backupSelection);
  const arns = listField(r, 'Resources').map((a) => (typeof a === 'string' ? a : JSON.stringify(a)));
  if (arns.length === 0 || arns.includes('*')) return ['*'];
  const types: string[] = [];
  for (const arn of arns) {
    if (/:ec2:[^"]*instance\/\*/.test(arn)) types.push('AWS::EC2::Instance');
    else if (/:rds:[^"]*:db:\*/.test(arn)) types.push('AWS::RDS::DBInstance');
    else if (/:rds:[^"]*:cluster:\*/.test(arn)) types.push('AWS::RDS::DBCluster');
    else if (/:ec2:[^"]*volume\/\*/.test(arn)) types.push('AWS::EC2::Volume');
  }
  return types;
}

export function buildAppIndex(root: IConstruct, backupTagKey: string): AppIndex {
  const flowLoggedVpcs = new Set<IConstruct>();
  const loadBalancerSecurityGroups = new Set<IConstruct>();
  const backupSelectedTagValues = new Set<string>();
  const backupSelectedTypes = new Set<string>();
  const rotatedSecrets = new Set<IConstruct>();
  const publicSubnets = new Set<IConstruct>();
  const patchGroups = new Set<string>();
  const maintenanceWindowTagValues = new Set<string>();
  const instanceAlarmMetrics = new Map<IConstruct, Set<string>>();
  const databaseAlarmMetrics = new Map<string, Set<string>>();
  const addTo = <K>(map: Map<K, Set<string>>, key: K, metric: string) =>
    map.set(key, (map.get(key) ?? new Set<string>()).add(metric));
  for (const c of root.node.findAll()) {
    if (c instanceof CfnFlowLog) {
      const target = cfnOf(referencedConstruct(c.resourceId));
      if (target) flowLoggedVpcs.add(target);
    } else if (c instanceof CfnLoadBalancer) {
      for (const sg of c.securityGroups ?? []) {
        const target = cfnOf(referencedConstruct(sg));
        if (target) loadBalancerSecurityGroups.add(target);
      }
      for (const target of resolvedReferences(c, c.securityGroups)) loadBalancerSecurityGroups.add(target);
    } else if (c instanceof CfnBackupSelection) {
      for (const v of tagConditionValues(c, backupTagKey)) {
        backupSelectedTagValues.add(v);
        for (const type of selectedTypes(c)) backupSelectedTypes.add(`${type}|${v}`);
      }
    } else if (c instanceof CfnRotationSchedule) {
      let target = cfnOf(referencedConstruct(c.secretId));
      // A secret attached to a database is rotated through its target attachment.
      if (target instanceof CfnSecretTargetAttachment) target = cfnOf(referencedConstruct(target.secretId));
      if (target) rotatedSecrets.add(target);
    } else if (c instanceof CfnSubnet) {
      if (Stack.of(c).resolve(c.mapPublicIpOnLaunch) === true) publicSubnets.add(c);
    } else if (c instanceof CfnPatchBaseline) {
      for (const g of c.patchGroups ?? []) if (typeof g === 'string') patchGroups.add(g);
    } else if (c instanceof CfnMaintenanceWindowTarget) {
      const targets: unknown = Stack.of(c).resolve(c.targets);
      for (const t of Array.isArray(targets) ? targets : []) {
        if (field(t, 'Key') !== 'tag:MaintenanceWindow') continue;
        for (const v of listField(t, 'Values')) if (typeof v === 'string') maintenanceWindowTagValues.add(v);
      }
    } else if (c instanceof CfnAlarm && typeof c.metricName === 'string') {
      const dims = Array.isArray(c.dimensions) ? c.dimensions : [];
      for (const d of dims) {
        const name = field(d, 'Name');
        const value = field(d, 'Value');
        if (name === 'InstanceId') {
          const target = cfnOf(referencedConstruct(value));
          if (target) addTo(instanceAlarmMetrics, target, c.metricName);
        } else if (name === 'DBInstanceIdentifier' && typeof value === 'string') {
          addTo(databaseAlarmMetrics, value, c.metricName);
        }
      }
    }
  }
  return {
    flowLoggedVpcs,
    loadBalancerSecurityGroups,
    backupSelectedTagValues,
    backupSelectedTypes,
    rotatedSecrets,
    publicSubnets,
    patchGroups,
    maintenanceWindowTagValues,
    instanceAlarmMetrics,
    databaseAlarmMetrics,
  };
}

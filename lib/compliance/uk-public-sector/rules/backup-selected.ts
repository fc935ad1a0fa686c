import type { CfnResource } from 'aws-cdk-lib';
import { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { CfnInstance, CfnVolume } from 'aws-cdk-lib/aws-ec2';
import { CfnFileSystem } from 'aws-cdk-lib/aws-efs';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import type { UkRule, UkRuleContext } from '../rule';
import { tagsOf } from './mandatory-tags';

function isStateful(node: CfnResource): boolean {
  if (node instanceof CfnDBInstance) return node.dbClusterIdentifier === undefined;
  return (
    node instanceof CfnInstance ||
    node instanceof CfnVolume ||
    node instanceof CfnDBCluster ||
    node instanceof CfnFileSystem ||
    node instanceof CfnTable
  );
}

/**
 * Every stateful resource (EBS-backed instance, volume, RDS instance or cluster, EFS, DynamoDB)
 * carries a backup-tier tag value that some AWS Backup selection in the app selects for its
 * resource type (selections may name resource types by ARN pattern and narrow them by tag).
 */
export const backupSelected: UkRule = {
  id: 'BackupSelected',
  info: 'The stateful resource is not selected by any AWS Backup plan (its backup tier tag matches no backup selection).',
  explanation:
    'Data must survive the loss of a resource or an availability zone (NCSC principle 2.6, resilience). The estate selects resources for backup by tag: a resource whose tier no selection covers is silently never backed up.',
  level: NagMessageLevel.ERROR,
  ncsc: [2],
  evaluate(node: CfnResource, { facts, index }: UkRuleContext): NagRuleCompliance {
    if (!isStateful(node)) return NagRuleCompliance.NOT_APPLICABLE;
    const tier = tagsOf(node)?.[facts.backupTagKey];
    if (tier === undefined) return NagRuleCompliance.NON_COMPLIANT;
    const selected =
      index.backupSelectedTypes.has(`*|${tier}`) ||
      index.backupSelectedTypes.has(`${node.cfnResourceType}|${tier}`);
    return selected ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
  },
};

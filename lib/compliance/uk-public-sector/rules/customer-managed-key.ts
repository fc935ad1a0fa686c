import type { CfnResource } from 'aws-cdk-lib';
import { CfnBackupVault } from 'aws-cdk-lib/aws-backup';
import { CfnTable } from 'aws-cdk-lib/aws-dynamodb';
import { CfnInstance, CfnVolume } from 'aws-cdk-lib/aws-ec2';
import { CfnFileSystem } from 'aws-cdk-lib/aws-efs';
import { CfnLogGroup } from 'aws-cdk-lib/aws-logs';
import { CfnDBCluster, CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import { CfnBucket } from 'aws-cdk-lib/aws-s3';
import { CfnSecret } from 'aws-cdk-lib/aws-secretsmanager';
import { CfnTopic } from 'aws-cdk-lib/aws-sns';
import { CfnQueue } from 'aws-cdk-lib/aws-sqs';
import { NagMessageLevel, NagRuleCompliance } from 'cdk-nag';
import { field, listField, literalBoolean, resolved } from '../private/resolve';
import type { UkRule } from '../rule';

/** A key id/ARN that names a customer-managed key: present, and not an AWS-managed alias. */
function isCustomerKey(node: CfnResource, key: unknown): boolean {
  const v = resolved(node, key);
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'string') return !/(^|[:/])alias\/aws\//.test(v) && !v.startsWith('aws/');
  return true; // a reference to a key resource or an imported key ARN
}

function verdict(ok: boolean): NagRuleCompliance {
  return ok ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NON_COMPLIANT;
}

function instanceVolumesOk(node: CfnInstance): boolean {
  const mappings = (resolved(node, node.blockDeviceMappings) ?? []) as unknown[];
  // No mappings: the root volume comes from the image's defaults, which this template cannot prove encrypted.
  if (mappings.length === 0) return false;
  return mappings.every((m) => {
    const ebs = field(m, 'Ebs');
    if (!ebs) return field(m, 'NoDevice') !== undefined || field(m, 'VirtualName') !== undefined;
    return (
      literalBoolean(node, field(ebs, 'Encrypted'), 'BlockDeviceMappings.Ebs.Encrypted') === true &&
      isCustomerKey(node, field(ebs, 'KmsKeyId'))
    );
  });
}

/** Data stores and logs are encrypted with a customer-managed KMS key. */
export const customerManagedKey: UkRule = {
  id: 'CustomerManagedKey',
  info: 'The data store or log is not encrypted with a customer-managed KMS key.',
  explanation:
    'Data at rest (volumes, databases, file systems, buckets, queues, secrets, backups and logs) must be encrypted under a key the council controls, so that access can be audited and revoked and the exit plan can re-key (NCSC principles 2.3 and 13).',
  level: NagMessageLevel.ERROR,
  ncsc: [2, 13],
  evaluate(node: CfnResource): NagRuleCompliance {
    if (node instanceof CfnInstance) return verdict(instanceVolumesOk(node));
    if (node instanceof CfnVolume) {
      return verdict(
        literalBoolean(node, node.encrypted, 'Encrypted') === true && isCustomerKey(node, node.kmsKeyId),
      );
    }
    if (node instanceof CfnDBInstance) {
      if (node.dbClusterIdentifier !== undefined) return NagRuleCompliance.NOT_APPLICABLE; // the cluster holds the storage
      if (node.sourceDbInstanceIdentifier !== undefined && node.kmsKeyId === undefined)
        return NagRuleCompliance.NON_COMPLIANT;
      return verdict(
        literalBoolean(node, node.storageEncrypted, 'StorageEncrypted') === true &&
          isCustomerKey(node, node.kmsKeyId),
      );
    }
    if (node instanceof CfnDBCluster) {
      return verdict(
        literalBoolean(node, node.storageEncrypted, 'StorageEncrypted') === true &&
          isCustomerKey(node, node.kmsKeyId),
      );
    }
    if (node instanceof CfnFileSystem) {
      return verdict(
        literalBoolean(node, node.encrypted, 'Encrypted') === true && isCustomerKey(node, node.kmsKeyId),
      );
    }
    if (node instanceof CfnTable) {
      const sse = resolved(node, node.sseSpecification);
      return verdict(
        !!sse &&
          literalBoolean(
            node,
            field(sse, 'SSEEnabled') ?? field(sse, 'SseEnabled'),
            'SSESpecification.SSEEnabled',
          ) === true &&
          isCustomerKey(node, field(sse, 'KMSMasterKeyId') ?? field(sse, 'KmsMasterKeyId')),
      );
    }
    if (node instanceof CfnBucket) {
      const rules = listField(resolved(node, node.bucketEncryption), 'ServerSideEncryptionConfiguration');
      return verdict(
        rules.length > 0 &&
          rules.every((r) => {
            const d = field(r, 'ServerSideEncryptionByDefault');
            const algorithm = field(d, 'SSEAlgorithm') ?? field(d, 'SseAlgorithm');
            return (
              String(algorithm).startsWith('aws:kms') &&
              isCustomerKey(node, field(d, 'KMSMasterKeyID') ?? field(d, 'KmsMasterKeyId'))
            );
          }),
      );
    }
    if (node instanceof CfnLogGroup) return verdict(isCustomerKey(node, node.kmsKeyId));
    if (node instanceof CfnBackupVault) return verdict(isCustomerKey(node, node.encryptionKeyArn));
    if (node instanceof CfnTopic) return verdict(isCustomerKey(node, node.kmsMasterKeyId));
    if (node instanceof CfnQueue) return verdict(isCustomerKey(node, node.kmsMasterKeyId));
    if (node instanceof CfnSecret) return verdict(isCustomerKey(node, node.kmsKeyId));
    return NagRuleCompliance.NOT_APPLICABLE;
  },
};

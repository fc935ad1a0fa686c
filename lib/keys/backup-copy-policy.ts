import type { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { KeyPurpose } from './key-purpose';

/**
 * Keys whose recovery points AWS Backup copies to another account still encrypted with them. EC2
 * (EBS snapshots) and RDS are not fully managed by AWS Backup: their recovery points keep the
 * source resource's key (`ebs`, `rds`). Fully managed resource types are encrypted with the
 * vault's key (`backup`).
 */
export const BACKUP_COPY_PURPOSES: readonly KeyPurpose[] = ['ebs', 'rds', 'backup'];

/**
 * The services through which the destination account uses a shared source key during a copy:
 * AWS Backup itself, and EBS (EC2) and RDS, which copy their own snapshots for it.
 */
export const BACKUP_COPY_SERVICES = ['backup', 'ec2', 'rds'] as const;

/**
 * Key policy statements that share a source key with the account AWS Backup copies recovery
 * points to. AWS Backup Developer Guide, "Creating backup copies across AWS accounts": "In the
 * source account, if your resources are encrypted with a customer managed key, you must share this
 * customer managed key with the destination account" (re:Post "Given key ID is not accessible"
 * names the actions). The destination account uses the key only through those services: the
 * statements carry `kms:ViaService` (AWS Backup, EC2, RDS in the key's region) and
 * `kms:CallerAccount` (the destination account), the conditions the AWS KMS Developer Guide
 * ("kms:ViaService", "kms:CallerAccount") documents for limiting a cross-account key to use on an
 * AWS service's behalf; grants are further limited to AWS resources (`kms:GrantIsForAWSResource`).
 * Nobody in the backup account can decrypt with the key directly.
 */
export function backupCopyStatements(stack: Stack, destinationAccount: string): iam.PolicyStatement[] {
  const principal = new iam.AccountPrincipal(destinationAccount);
  const viaCopyServices = {
    'kms:ViaService': BACKUP_COPY_SERVICES.map((s) => `${s}.${stack.region}.amazonaws.com`),
    'kms:CallerAccount': destinationAccount,
  };
  return [
    new iam.PolicyStatement({
      sid: 'AllowBackupAccountToCopyRecoveryPoints',
      principals: [principal],
      actions: ['kms:DescribeKey', 'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: viaCopyServices },
    }),
    new iam.PolicyStatement({
      sid: 'AllowBackupAccountGrantsForAwsResources',
      principals: [principal],
      actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      resources: ['*'],
      conditions: { StringEquals: viaCopyServices, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }),
  ];
}

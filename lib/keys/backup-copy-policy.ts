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
 * Key policy statements that share a source key with the account AWS Backup copies recovery
 * points to, as AWS documents for cross-account copy ("Encryption for copies of a backup to a
 * different account"; re:Post "Given key ID is not accessible"): the destination account's root
 * may use the key (describe, encrypt, decrypt, re-encrypt, generate data keys) and may create,
 * list and revoke grants only for AWS resources (`kms:GrantIsForAWSResource`). AWS documents no
 * `kms:ViaService` or `kms:CallerAccount` condition for this copy, so none is added; the principal
 * is that one account, and it delegates to its own roles with IAM policies.
 */
export function backupCopyStatements(destinationAccount: string): iam.PolicyStatement[] {
  const principal = new iam.AccountPrincipal(destinationAccount);
  return [
    new iam.PolicyStatement({
      sid: 'AllowBackupAccountToCopyRecoveryPoints',
      principals: [principal],
      actions: ['kms:DescribeKey', 'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'AllowBackupAccountGrantsForAwsResources',
      principals: [principal],
      actions: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      resources: ['*'],
      conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    }),
  ];
}

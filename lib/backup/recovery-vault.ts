import { Arn, ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { administeredKey } from '../keys/administered-key';
import type { KeyAdministration } from '../keys/key-administration';
import type { DeepReadonly } from '../plan/plan';
import type { BackupPolicy } from '../plan/schema';

/** Properties of {@link RecoveryVault}. */
export interface RecoveryVaultProps {
  /** Vault name, the same in every region of the backup account (workload plans address it by ARN). */
  readonly vaultName: string;
  /** The plan's backup policy (vault lock bounds). */
  readonly policy: DeepReadonly<BackupPolicy>;
  /** Workload accounts allowed to copy recovery points into the vault. */
  readonly sourceAccounts: readonly string[];
  /** Key administrator and break-glass roles for the vault's own key. */
  readonly administration: KeyAdministration;
  /**
   * The AWS Organization the workload accounts belong to (`o-...`): copies in are accepted only
   * from principals of it (`aws:PrincipalOrgID`). @default - the named accounts only
   */
  readonly organizationId?: string;
  /**
   * Shortest retention of the recovery points copied in: the lock's minimum is never below it.
   * @default - the plan's minimum alone
   */
  readonly shortestCopiedRetentionDays?: number;
}

/** Vault actions that remove recovery points or the vault's protection: break-glass only. */
export const RECOVERY_VAULT_DELETIONS = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:DeleteBackupVault',
  'backup:DeleteBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultLockConfiguration',
  'backup:DeleteBackupVaultNotifications',
] as const;

/** Vault actions that replace the policy or the lock: break-glass and CloudFormation (updates). */
export const RECOVERY_VAULT_REPLACEMENTS = [
  'backup:PutBackupVaultAccessPolicy',
  'backup:PutBackupVaultLockConfiguration',
] as const;

/** The vault's name for an estate (fixed, so workload accounts can build its ARN without a lookup). */
export function recoveryVaultName(estateId: string): string {
  return `${estateId}-recovery`;
}

/** ARN of the recovery vault in the backup account, for copy actions in workload accounts. */
export function recoveryVaultArn(
  scope: Construct,
  estateId: string,
  account: string,
  region: string,
): string {
  return Arn.format(
    {
      service: 'backup',
      account,
      region,
      resource: 'backup-vault',
      resourceName: recoveryVaultName(estateId),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    },
    Stack.of(scope),
  );
}

/**
 * The vault in the backup account that every tier's backups are copied to: its own
 * customer-managed key (rotated; administered by the named role; only the break-glass role may
 * disable or delete it), vault lock in compliance mode (after the cooling-off period nobody, not
 * even the account root, can shorten retention or delete the vault), and an access policy that
 * lets the workload accounts copy in, and nothing more.
 */
export class RecoveryVault extends Construct {
  readonly vault: backup.BackupVault;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: RecoveryVaultProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = administeredKey(this, 'Key', {
      description: `${props.vaultName}: recovery points copied from the workload accounts`,
      administration: props.administration,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowUseViaBackup',
        principals: [new iam.AccountPrincipal(stack.account)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:DescribeKey',
          'kms:CreateGrant',
        ],
        resources: ['*'],
        conditions: { StringEquals: { 'kms:ViaService': `backup.${stack.region}.amazonaws.com` } },
      }),
    );
    const lock = props.policy.vaultLock;
    const iamRole = (name: string) =>
      stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: name });
    const breakGlass = iamRole(props.administration.breakGlassRole);
    // The CDK deployment role must still update the policy and lock it replaces (cdk bootstrap).
    const cfnExecRole = iamRole(`cdk-*-cfn-exec-role-${stack.account}-${stack.region}`);
    // Vault access policies take Deny statements with aws:PrincipalArn ("Vault access policies",
    // AWS Backup Developer Guide: "Deny access to delete recovery points in a backup vault"), and
    // cross-account copy in needs backup:CopyIntoBackupVault for the source accounts, optionally
    // only from the Organization ("Creating backup copies across AWS accounts": aws:PrincipalOrgID).
    const accessPolicy = new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({
          sid: 'AllowCopyFromWorkloadAccounts',
          principals: [...new Set(props.sourceAccounts)].map((a) => new iam.AccountPrincipal(a)),
          actions: ['backup:CopyIntoBackupVault'],
          resources: ['*'],
          ...(props.organizationId
            ? { conditions: { StringEquals: { 'aws:PrincipalOrgID': props.organizationId } } }
            : {}),
        }),
        new iam.PolicyStatement({
          sid: 'OnlyBreakGlassMayDelete',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: [...RECOVERY_VAULT_DELETIONS],
          resources: ['*'],
          conditions: { ArnNotEquals: { 'aws:PrincipalArn': breakGlass } },
        }),
        new iam.PolicyStatement({
          sid: 'OnlyBreakGlassAndDeploymentMayReplaceProtection',
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: [...RECOVERY_VAULT_REPLACEMENTS],
          resources: ['*'],
          conditions: { ArnNotLike: { 'aws:PrincipalArn': [breakGlass, cfnExecRole] } },
        }),
      ],
    });
    this.vault = new backup.BackupVault(this, 'Vault', {
      backupVaultName: props.vaultName,
      encryptionKey: this.key,
      accessPolicy,
      // changeableFor makes this a compliance-mode lock: immutable once the cooling-off ends.
      lockConfiguration: {
        minRetention: Duration.days(Math.max(lock.minRetentionDays, props.shortestCopiedRetentionDays ?? 0)),
        maxRetention: Duration.days(lock.maxRetentionDays),
        changeableFor: Duration.days(lock.changeableForDays),
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

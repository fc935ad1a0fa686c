import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { BackupPolicy } from '../plan/schema';
import type { DeepReadonly } from '../plan/plan';

/** Properties of {@link EstateBackupVault}. */
export interface EstateBackupVaultProps {
  /** Key for recovery points (`keyFor('backup', ...)`). */
  readonly key: kms.IKey;
  /** The plan's backup policy (vault lock bounds). */
  readonly policy: DeepReadonly<BackupPolicy>;
  /** Where failed and expired jobs are reported. */
  readonly notificationTopic: sns.ITopic;
}

/** Vault events worth waking someone for. */
export const NOTIFIED_VAULT_EVENTS: readonly backup.BackupVaultEvents[] = [
  backup.BackupVaultEvents.BACKUP_JOB_FAILED,
  backup.BackupVaultEvents.BACKUP_JOB_EXPIRED,
  backup.BackupVaultEvents.RESTORE_JOB_FAILED,
  backup.BackupVaultEvents.COPY_JOB_FAILED,
];

/**
 * The estate's backup vault: encrypted with the backup key, locked (retention bounds and cooling-off
 * period from `backup.vaultLock` in estate.yaml; after the cooling-off period nobody, not even the
 * account root, can shorten retention or delete the vault), retained if the stack is deleted.
 */
export class EstateBackupVault extends Construct {
  readonly vault: backup.BackupVault;

  constructor(scope: Construct, id: string, props: EstateBackupVaultProps) {
    super(scope, id);
    const lock = props.policy.vaultLock;
    this.vault = new backup.BackupVault(this, 'Vault', {
      encryptionKey: props.key,
      lockConfiguration: {
        minRetention: Duration.days(lock.minRetentionDays),
        maxRetention: Duration.days(lock.maxRetentionDays),
        changeableFor: Duration.days(lock.changeableForDays),
      },
      notificationTopic: props.notificationTopic,
      notificationEvents: [...NOTIFIED_VAULT_EVENTS],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The vault's notifications name the topic: create it after the topic policy that lets AWS
    // Backup publish ("Using Amazon SNS to track AWS Backup events", AWS Backup Developer Guide).
    this.vault.node.addDependency(props.notificationTopic);
  }
}

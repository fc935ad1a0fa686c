import * as backup from 'aws-cdk-lib/aws-backup';
import type { Construct } from 'constructs';
import {
  BackupNotifications,
  CopyEventForwarding,
  EstateBackupVault,
  GoldRestoreTesting,
  recoveryVaultArn,
  scheduleProblems,
  TIER_SCHEDULES,
  TierBackupPlan,
} from '../lib/backup';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import { constructIdFor } from '../lib/shared/naming';
import type { EstateModel } from '../lib/estate-model/estate-model';
import { TierSchema } from '../lib/plan/schema';
import { applyTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface BackupStackProps {
  readonly model: EstateModel;
  readonly keys: KeyProvider;
  /** The estate network: restore tests place copies in its isolated subnets. */
  readonly network: LandingZoneNetwork;
  /** Regions of the backup account's recovery vaults that every recovery point is copied to. */
  readonly copyRegions: readonly string[];
  /**
   * The workload account whose resources these plans back up (estate model).
   * @default - the production account
   */
  readonly account?: WorkloadAccount;
}

/**
 * AWS Backup for the estate (stateful, termination-protected): a locked vault under the backup key,
 * gold/silver/bronze plans selecting resources by their `BackupTier` tag and copying every recovery
 * point to the backup account's locked vaults, failure notifications on an encrypted topic, and
 * weekly restore testing of gold.
 */
export class BackupStack extends EstateStack {
  readonly vault: EstateBackupVault;
  readonly notifications: BackupNotifications;

  constructor(scope: Construct, props: BackupStackProps) {
    const { model } = props;
    super(scope, {
      model,
      ...workloadStackProps(props.account, 'Backup'),
      description: `${model.estate.name}: backup vault (locked), tiered backup plans, restore testing`,
      stateful: true,
    });
    const problems = scheduleProblems(TIER_SCHEDULES, model.settings.backup.vaultLock);
    if (problems.length > 0) {
      throw new Error(`The backup schedules do not fit estate.yaml:\n  - ${problems.join('\n  - ')}`);
    }
    const tags = props.account?.sharedTags ?? model.sharedTags;
    applyTags(this, tags);
    // Backup holds every application's data: the most sensitive classification in the account.
    const classification = tags.DataClassification === 'OFFICIAL' ? 'OFFICIAL' : 'OFFICIAL-SENSITIVE';
    this.notifications = new BackupNotifications(this, 'Notifications', {
      key: props.keys.keyFor('sns', classification),
      emails: model.settings.backup.notifyEmails,
    });
    this.vault = new EstateBackupVault(this, 'Vault', {
      key: props.keys.keyFor('backup', classification),
      policy: model.settings.backup,
      notificationTopic: this.notifications.topic,
    });
    // The backup account's vaults, by ARN (another account: no cross-stack reference is possible).
    const copyTo = props.copyRegions.map((region) =>
      backup.BackupVault.fromBackupVaultArn(
        this,
        `RecoveryVault${constructIdFor(region)}`,
        recoveryVaultArn(this, model.estate.id, model.settings.accounts.backup, region),
      ),
    );
    for (const tier of TierSchema.options) {
      new TierBackupPlan(this, `${constructIdFor(tier)}Plan`, {
        tier,
        rules: TIER_SCHEDULES[tier],
        vault: this.vault.vault,
        namePrefix: model.estate.id,
        copyTo,
      });
    }
    // With a copy region, the backup account copies on what lands in its home vault; it learns of
    // this account's completed copies only when they are sent to its event bus.
    if (model.settings.backup.copyRegion && this.account !== model.settings.accounts.backup)
      new CopyEventForwarding(this, 'CopyEvents', {
        recoveryVaultArn: recoveryVaultArn(
          this,
          model.estate.id,
          model.settings.accounts.backup,
          model.estate.region,
        ),
        backupAccount: model.settings.accounts.backup,
      });
    new GoldRestoreTesting(this, 'GoldRestoreTesting', {
      vault: this.vault.vault,
      namePrefix: model.estate.id,
      vpc: props.network.vpc,
      isolatedSubnets: props.network.databaseSubnets,
      logKey: props.keys.keyFor('logs', classification),
    });
  }
}

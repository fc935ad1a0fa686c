import { Duration } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import { Construct } from 'constructs';
import type { Tier } from '../plan/schema';
import type { BackupScheduleRule } from './tier-schedules';

/** Tag key the backup selections match on (set by lib/tagging from the application's tier). */
export const BACKUP_TIER_TAG = 'BackupTier';

/** Properties of a {@link TierBackupPlan}. */
export interface TierBackupPlanProps {
  readonly tier: Tier;
  readonly rules: readonly BackupScheduleRule[];
  readonly vault: backup.IBackupVault;
  /** Prefix of the plan name, e.g. the estate id. */
  readonly namePrefix: string;
  /**
   * Vaults every recovery point is also copied to (the backup account's locked vaults), with the
   * rule's own retention. @default - no copies
   */
  readonly copyTo?: readonly backup.IBackupVault[];
}

/**
 * One tier's backup plan: its schedules into the estate vault, Windows VSS on (application-consistent
 * backups of SQL Server and Exchange on EC2), and a selection of every resource tagged
 * `BackupTier=<tier>`.
 */
export class TierBackupPlan extends Construct {
  readonly plan: backup.BackupPlan;

  constructor(scope: Construct, id: string, props: TierBackupPlanProps) {
    super(scope, id);
    this.plan = new backup.BackupPlan(this, 'Plan', {
      backupPlanName: `${props.namePrefix}-${props.tier}`,
      backupVault: props.vault,
      windowsVss: true,
      backupPlanRules: props.rules.map(
        (rule) =>
          new backup.BackupPlanRule({
            ruleName: rule.name,
            scheduleExpression: events.Schedule.cron({ ...rule.cron }),
            startWindow: Duration.hours(1),
            completionWindow: Duration.hours(rule.name === 'Hourly' ? 2 : 8),
            deleteAfter: Duration.days(rule.deleteAfterDays),
            moveToColdStorageAfter:
              rule.moveToColdAfterDays === undefined ? undefined : Duration.days(rule.moveToColdAfterDays),
            copyActions: (props.copyTo ?? []).map((destinationBackupVault) => ({
              destinationBackupVault,
              deleteAfter: Duration.days(rule.deleteAfterDays),
              ...(rule.moveToColdAfterDays === undefined
                ? {}
                : { moveToColdStorageAfter: Duration.days(rule.moveToColdAfterDays) }),
            })),
          }),
      ),
    });
    this.plan.addSelection('Selection', {
      backupSelectionName: `${props.tier}-tagged`,
      resources: [backup.BackupResource.fromTag(BACKUP_TIER_TAG, props.tier)],
    });
  }
}

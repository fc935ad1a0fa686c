import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import type * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { Tier } from '../plan/schema';
import { BACKUP_START_WINDOW_HOURS, completionWindowHours, type BackupScheduleRule } from './tier-schedules';

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
 * Resource types the tier plans back up, as ARN patterns: EC2 instances (with all their EBS
 * volumes, so volumes are never backed up a second time on their own tags) and RDS instances.
 * S3 buckets (the native-backup exit buckets carry the tier tag too) and anything else are never
 * selected by accident.
 */
export function selectedResourceArns(stack: Stack): string[] {
  return [
    stack.formatArn({ service: 'ec2', resource: 'instance', resourceName: '*' }),
    stack.formatArn({
      service: 'rds',
      resource: 'db',
      resourceName: '*',
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
  ];
}

/**
 * One tier's backup plan: its schedules into the estate vault, Windows VSS on (application-consistent
 * backups of SQL Server and Exchange on EC2; servers get the VSS components and permissions in
 * lib/compute), and a selection of the EC2 and RDS instances tagged `BackupTier=<tier>` (by type
 * and tag together, see {@link selectedResourceArns}).
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
            startWindow: Duration.hours(BACKUP_START_WINDOW_HOURS),
            completionWindow: Duration.hours(completionWindowHours(rule)),
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
    const selection = this.plan.addSelection('Selection', {
      backupSelectionName: `${props.tier}-tagged`,
      resources: selectedResourceArns(Stack.of(this)).map((arn) => backup.BackupResource.fromArn(arn)),
    });
    // Type AND tag: the ARN patterns above, narrowed by a tag condition (ListOfTags would OR).
    const cfn = selection.node.defaultChild as backup.CfnBackupSelection;
    cfn.backupSelection = {
      selectionName: `${props.tier}-tagged`,
      iamRoleArn: (selection.grantPrincipal as iam.IRole).roleArn,
      resources: selectedResourceArns(Stack.of(this)),
      conditions: {
        StringEquals: [{ ConditionKey: `aws:ResourceTag/${BACKUP_TIER_TAG}`, ConditionValue: props.tier }],
      },
    };
  }
}

import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { BACKUP_TIER_TAG } from './tier-backup-plan';

/** Properties of {@link GoldRestoreTesting}. */
export interface GoldRestoreTestingProps {
  readonly vault: backup.IBackupVault;
  /** Prefix of the plan name (letters, digits, underscores are kept). */
  readonly namePrefix: string;
  /**
   * When the weekly test runs (AWS Backup cron, UTC).
   * @default 'cron(0 5 ? * SAT *)' (Saturday 05:00)
   */
  readonly schedule?: string;
}

/** Resource types whose gold recovery points are restored on schedule. */
export const RESTORE_TESTED_TYPES = ['EC2', 'RDS'] as const;

/**
 * Weekly restore testing of gold resources: AWS Backup restores the latest recovery point of each
 * gold EC2 instance and RDS database from the estate vault, validates it, then deletes the copy.
 * Proves the backups restore, for the auditors.
 */
export class GoldRestoreTesting extends Construct {
  readonly plan: backup.CfnRestoreTestingPlan;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GoldRestoreTestingProps) {
    super(scope, id);
    const planName = `${props.namePrefix.replace(/[^A-Za-z0-9_]/g, '_')}_gold_restore_test`.slice(0, 50);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSBackupServiceRolePolicyForRestores'),
      ],
      description: 'AWS Backup restore testing of gold resources',
    });
    this.plan = new backup.CfnRestoreTestingPlan(this, 'Plan', {
      restoreTestingPlanName: planName,
      scheduleExpression: props.schedule ?? 'cron(0 5 ? * SAT *)',
      scheduleExpressionTimezone: 'Europe/London',
      startWindowHours: 4,
      recoveryPointSelection: {
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: [props.vault.backupVaultArn],
        recoveryPointTypes: ['SNAPSHOT'],
        selectionWindowDays: 7,
      },
    });
    for (const type of RESTORE_TESTED_TYPES) {
      const selection = new backup.CfnRestoreTestingSelection(this, `Selection${type}`, {
        restoreTestingPlanName: planName,
        restoreTestingSelectionName: `gold_${type.toLowerCase()}`,
        protectedResourceType: type,
        iamRoleArn: this.role.roleArn,
        protectedResourceArns: ['*'],
        protectedResourceConditions: {
          stringEquals: [{ key: `aws:ResourceTag/${BACKUP_TIER_TAG}`, value: 'gold' }],
        },
        validationWindowHours: 4,
      });
      selection.addResourceDependency(this.plan);
    }
  }
}

import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { RestoreValidation } from './restore-validation';
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
  /** The estate VPC: restored copies land in it, never in the account's default VPC. */
  readonly vpc: ec2.IVpc;
  /** Isolated subnets (no route out) the restored copies are placed in. */
  readonly isolatedSubnets: ec2.SubnetSelection;
  /** Key for the validation step's log group (`keyFor('logs', ...)`). */
  readonly logKey: kms.IKey;
}

/** Restore metadata keys that place a restored copy, per tested resource type. */
export const RESTORE_PLACEMENT_KEYS: Readonly<Record<RestoreTestedType, readonly string[]>> = {
  EC2: ['subnetId', 'securityGroupIds'],
  RDS: ['dbSubnetGroupName', 'vpcSecurityGroupIds'],
};

/** Resource types whose gold recovery points are restored on schedule. */
export const RESTORE_TESTED_TYPES = ['EC2', 'RDS'] as const;
export type RestoreTestedType = (typeof RESTORE_TESTED_TYPES)[number];

/**
 * Weekly restore testing of gold resources: AWS Backup restores the latest recovery point of each
 * gold EC2 instance and RDS database from the estate vault, the validation step (`RestoreValidation`)
 * checks where the copy landed and that it is healthy and reports to AWS Backup, then AWS Backup
 * deletes the copy.
 * Proves the backups restore, for the auditors. Restore metadata overrides place every copy in the
 * estate's isolated subnets behind a restore-test security group with no rules at all (nothing in,
 * nothing out), never in the default VPC where a restored server could reach the internet or answer
 * as the original; a construct validation fails synth if a selection lacks those overrides.
 */
export class GoldRestoreTesting extends Construct {
  readonly plan: backup.CfnRestoreTestingPlan;
  readonly role: iam.Role;
  /** Admits nothing and sends nothing: restored copies are cut off. */
  readonly securityGroup: ec2.SecurityGroup;
  readonly dbSubnetGroup: rds.SubnetGroup;
  readonly selections: readonly backup.CfnRestoreTestingSelection[];
  readonly validation: RestoreValidation;

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
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Restore tests: restored copies admit and send nothing',
      allowAllOutbound: false,
    });
    this.dbSubnetGroup = new rds.SubnetGroup(this, 'DbSubnetGroup', {
      vpc: props.vpc,
      vpcSubnets: props.isolatedSubnets,
      description: 'Restore tests: isolated subnets for restored databases',
    });
    const subnetIds = props.vpc.selectSubnets(props.isolatedSubnets).subnetIds;
    const groupIds = `["${this.securityGroup.securityGroupId}"]`;
    const overrides: Record<RestoreTestedType, Record<string, string>> = {
      EC2: { subnetId: subnetIds[0]!, securityGroupIds: groupIds },
      RDS: { dbSubnetGroupName: this.dbSubnetGroup.subnetGroupName, vpcSecurityGroupIds: groupIds },
    };
    const selections: backup.CfnRestoreTestingSelection[] = [];
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
        restoreMetadataOverrides: overrides[type],
        validationWindowHours: 4,
      });
      selection.addResourceDependency(this.plan);
      selections.push(selection);
    }
    this.selections = selections;
    this.validation = new RestoreValidation(this, 'Validation', {
      restoreTestingPlanArn: this.plan.attrRestoreTestingPlanArn,
      placement: {
        vpcId: props.vpc.vpcId,
        subnetId: subnetIds[0]!,
        dbSubnetGroupName: this.dbSubnetGroup.subnetGroupName,
        securityGroupId: this.securityGroup.securityGroupId,
      },
      logKey: props.logKey,
    });
    this.node.addValidation({ validate: () => restorePlacementProblems(selections) });
  }
}

/** Selections that could restore outside the estate's isolated subnets (missing placement overrides). */
export function restorePlacementProblems(selections: readonly backup.CfnRestoreTestingSelection[]): string[] {
  const problems: string[] = [];
  for (const selection of selections) {
    const type = selection.protectedResourceType as RestoreTestedType;
    const keys = RESTORE_PLACEMENT_KEYS[type];
    if (!keys) {
      problems.push(`Restore testing selection for ${type}: no restore placement is defined for this type`);
      continue;
    }
    const overrides = (selection.restoreMetadataOverrides ?? {}) as Record<string, string>;
    const missing = keys.filter((k) => !overrides[k]);
    if (missing.length > 0) {
      problems.push(
        `Restore testing selection for ${type} lacks ${missing.join(', ')}: the copy would be restored into the default VPC`,
      );
    }
  }
  return problems;
}

import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** The name of the role AWS Backup uses for the second hop: `<estate>-recovery-copy`. */
export function recoveryCopyRoleName(estateId: string): string {
  return `${estateId}-recovery-copy`;
}

/**
 * The key statement that lets the copy role use a vault key through AWS Backup, EC2 and RDS in
 * that key's region only (a key policy naming the role: no IAM grant of the key is needed).
 */
export function recoveryCopyKeyStatement(
  stack: Stack,
  copyRoleName: string,
  region: string,
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowRecoveryCopyRoleViaBackupEc2Rds',
    principals: [new iam.ArnPrincipal(`arn:aws:iam::${stack.account}:role/${copyRoleName}`)],
    actions: [
      'kms:Decrypt',
      'kms:Encrypt',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:GenerateDataKeyWithoutPlaintext',
      'kms:DescribeKey',
      'kms:CreateGrant',
    ],
    resources: ['*'],
    conditions: {
      StringEquals: {
        'kms:ViaService': ['backup', 'ec2', 'rds'].map((s) => `${s}.${region}.amazonaws.com`),
      },
    },
  });
}

/** Properties of {@link RecoveryCopyRole}. */
export interface RecoveryCopyRoleProps {
  /** Fixed name (the copy region's vault key names it). */
  readonly roleName: string;
  /** The home-region vault copied from (for descriptions). */
  readonly vaultName: string;
  readonly copyRegion: string;
  /** The only vault it may copy into. */
  readonly copyVaultArn: string;
}

/**
 * The role AWS Backup assumes to copy a recovery point of the home-region recovery vault to the
 * copy region (StartCopyJob's IamRoleArn), with a customer-managed policy in place of AWS's
 * AWSBackupServiceRolePolicyForBackup, cut to a copy: into the copy vault only; EBS snapshots,
 * AMIs and AWS Backup's RDS snapshots (`awsbackup:` identifiers) of the home and copy regions
 * only; tags only on the copies it creates. The vault keys grant it use in their key policies
 * ({@link recoveryCopyKeyStatement}).
 */
export class RecoveryCopyRole extends Construct {
  readonly role: iam.Role;
  readonly policy: iam.ManagedPolicy;
  /** Resource patterns whose ids AWS Backup creates at run time (snapshots, images, DB snapshots). */
  readonly runTimeResources: readonly string[];

  constructor(scope: Construct, id: string, props: RecoveryCopyRoleProps) {
    super(scope, id);
    const { account, region } = Stack.of(this);
    const regions = [region, props.copyRegion];
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: `AWS Backup: copy recovery points of ${props.vaultName} to ${props.copyRegion}`,
    });
    const snapshots = regions.map((r) => `arn:aws:ec2:${r}::snapshot/*`);
    const images = regions.map((r) => `arn:aws:ec2:${r}::image/*`);
    const rdsSnapshots = regions.map((r) => `arn:aws:rds:${r}:${account}:snapshot:awsbackup:*`);
    this.runTimeResources = [...snapshots, ...images, ...rdsSnapshots];
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: `AWS Backup copies recovery points of ${props.vaultName} into ${props.copyRegion} only`,
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'CopyIntoTheCopyVaultOnly',
          actions: ['backup:CopyIntoBackupVault'],
          resources: [props.copyVaultArn],
        }),
        new iam.PolicyStatement({
          sid: 'CopyEbsAndEc2Backups',
          actions: ['ec2:CopySnapshot', 'ec2:CopyImage'],
          resources: [...snapshots, ...images],
        }),
        new iam.PolicyStatement({
          sid: 'TagOnlyTheCopies',
          actions: ['ec2:CreateTags'],
          resources: [
            `arn:aws:ec2:${props.copyRegion}::snapshot/*`,
            `arn:aws:ec2:${props.copyRegion}::image/*`,
          ],
          conditions: { StringEquals: { 'ec2:CreateAction': ['CopySnapshot', 'CopyImage'] } },
        }),
        new iam.PolicyStatement({
          sid: 'CopyRdsBackups',
          actions: [
            'rds:CopyDBSnapshot',
            'rds:DescribeDBSnapshots',
            'rds:AddTagsToResource',
            'rds:ListTagsForResource',
          ],
          resources: rdsSnapshots,
        }),
        new iam.PolicyStatement({
          sid: 'DescribeBackups',
          // No resource-level permissions for these Describe calls.
          actions: ['ec2:DescribeSnapshots', 'ec2:DescribeImages', 'ec2:DescribeTags'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:RequestedRegion': regions } },
        }),
      ],
    });
  }
}

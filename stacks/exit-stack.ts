import { CfnOutput } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import { exitBucketName, rdsExportRoleName } from '../lib/exit/exit-names';
import {
  ExitBucket,
  RdsExportRole,
  StagingSubnet,
  StagingWorker,
  STAGING_WORKER_BASE_IMAGE,
  VmImportRole,
} from '../lib/exit/constructs';
import { pinnedImage } from '../lib/plan/image-lock';
import type { Plan } from '../lib/plan/plan';
import { applyTags, sharedTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface ExitStackProps {
  readonly plan: Plan;
  /** The estate VPC (network stack): the staging subnet lives in it. */
  readonly vpc: ec2.IVpc;
  /** The workload account (estate model): its id names the bucket. @default - the production account */
  readonly account?: WorkloadAccount;
}

/**
 * What the exit tooling needs in the account (stateful: it holds exports): the exit bucket and its
 * access logs, the `vmimport` service role, the RDS export role and key, and the isolated staging
 * subnet and security group for staged exports. `npm run estate -- exit export` uses them.
 */
export class ExitStack extends EstateStack {
  readonly exitBucket: ExitBucket;
  readonly vmImport: VmImportRole;
  readonly rdsExport: RdsExportRole;
  readonly staging: StagingSubnet;
  readonly stagingWorker: StagingWorker;

  constructor(scope: Construct, props: ExitStackProps) {
    const { plan } = props;
    const { account } = props;
    super(scope, {
      plan,
      ...workloadStackProps(account, 'Exit'),
      description: `${plan.estate.name}: exit bucket, VM Import/Export and RDS export roles, staging subnet`,
      stateful: true,
    });
    applyTags(this, account?.sharedTags ?? sharedTags(plan));
    const naming = {
      estateId: plan.estate.id,
      account: account?.account ?? plan.estate.account,
      region: plan.estate.region,
    };
    this.exitBucket = new ExitBucket(this, 'ExitBucket', { bucketName: exitBucketName(naming) });
    this.vmImport = new VmImportRole(this, 'VmImport', { bucket: this.exitBucket.bucket });
    this.rdsExport = new RdsExportRole(this, 'RdsExport', {
      bucket: this.exitBucket.bucket,
      roleName: rdsExportRoleName(naming),
      keyAlias: `alias/${plan.estate.id}/rds-exit-export`,
    });
    this.staging = new StagingSubnet(this, 'Staging', {
      vpc: props.vpc,
      vpcCidr: account?.vpcCidr ?? plan.network.vpcCidr,
      availabilityZone: plan.network.availabilityZones[0]!,
    });
    // `exit stage` launches its worker from this template (pinned image; see docs/exit-rehearsal.md).
    this.stagingWorker = new StagingWorker(this, 'StagingWorker', {
      estateId: plan.estate.id,
      staging: this.staging,
      imageId: pinnedImage(plan.imageLock, STAGING_WORKER_BASE_IMAGE, plan.estate.region)?.imageId,
    });
    new CfnOutput(this, 'ExitBucketName', { value: this.exitBucket.bucket.bucketName });
    new CfnOutput(this, 'VmImportRoleName', { value: this.vmImport.role.roleName });
    new CfnOutput(this, 'RdsExportRoleArn', { value: this.rdsExport.role.roleArn });
    new CfnOutput(this, 'RdsExportKeyArn', { value: this.rdsExport.key.keyArn });
    new CfnOutput(this, 'StagingSubnetId', { value: this.staging.subnet.ref });
    new CfnOutput(this, 'StagingSecurityGroupId', { value: this.staging.securityGroup.securityGroupId });
  }
}

import { CfnOutput } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { Construct } from 'constructs';
import {
  exitBucketName,
  exitOperatorRoleName,
  rdsExportRoleName,
  VMIMPORT_ROLE_NAME,
} from '../lib/exit/exit-names';
import {
  ExitBucket,
  ExitOperatorRole,
  RdsExportRole,
  StagingSubnet,
  StagingWorker,
  STAGING_WORKER_BASE_IMAGE,
  VmImportRole,
} from '../lib/exit/constructs';
import { pinnedImage } from '../lib/plan/image-lock';
import type { EstateModel } from '../lib/estate-model/estate-model';
import { applyTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface ExitStackProps {
  readonly model: EstateModel;
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
  /** The `vmimport` service role, unless the Organization already has it in the account. */
  readonly vmImport?: VmImportRole;
  readonly rdsExport: RdsExportRole;
  /** The role that downloads exports (the exit bucket's only human principal besides break-glass). */
  readonly operator: ExitOperatorRole;
  readonly staging: StagingSubnet;
  readonly stagingWorker: StagingWorker;

  constructor(scope: Construct, props: ExitStackProps) {
    const { model } = props;
    const { account } = props;
    super(scope, {
      model,
      ...workloadStackProps(account, 'Exit'),
      description: `${model.estate.name}: exit bucket, VM Import/Export and RDS export roles, staging subnet`,
      stateful: true,
    });
    applyTags(this, account?.sharedTags ?? model.sharedTags);
    const naming = {
      estateId: model.estate.id,
      account: account?.account ?? model.defaultAccount,
      region: model.estate.region,
    };
    this.exitBucket = new ExitBucket(this, 'ExitBucket', {
      bucketName: exitBucketName(naming),
      breakGlassRoleArn: this.formatArn({
        service: 'iam',
        region: '',
        resource: 'role',
        resourceName: model.settings.keyAdministration.breakGlassRole,
      }),
    });
    // An account that already has `vmimport` keeps it (IAM refuses a second role of that name); its
    // policy must then allow the exit bucket (docs/organisation.md).
    if (!model.settings.organisation.provides.vmImportRole)
      this.vmImport = new VmImportRole(this, 'VmImport', { bucket: this.exitBucket.bucket });
    this.rdsExport = new RdsExportRole(this, 'RdsExport', {
      bucket: this.exitBucket.bucket,
      roleName: rdsExportRoleName(naming),
      keyAlias: `alias/${model.estate.id}/rds-exit-export`,
      administration: model.settings.keyAdministration,
    });
    this.operator = new ExitOperatorRole(this, 'ExitOperator', {
      roleName: exitOperatorRoleName(naming),
      bucket: this.exitBucket.bucket,
    });
    // A provided `vmimport` is still the role the service writes exports with.
    this.exitBucket.allow(
      this.vmImport?.role.roleArn ??
        this.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: VMIMPORT_ROLE_NAME }),
    );
    this.exitBucket.allow(this.rdsExport.role.roleArn);
    this.exitBucket.allow(this.operator.role.roleArn);
    this.staging = new StagingSubnet(this, 'Staging', {
      vpc: props.vpc,
      vpcCidr: account?.vpcCidr ?? model.settings.network.vpcCidr,
      availabilityZone: model.settings.network.availabilityZones[0]!,
    });
    // `exit stage` launches its worker from this template (pinned image; see docs/exit-rehearsal.md).
    this.stagingWorker = new StagingWorker(this, 'StagingWorker', {
      estateId: model.estate.id,
      staging: this.staging,
      imageId: pinnedImage(model.settings.imageLock, STAGING_WORKER_BASE_IMAGE, model.estate.region)?.imageId,
    });
    new CfnOutput(this, 'ExitBucketName', { value: this.exitBucket.bucket.bucketName });
    new CfnOutput(this, 'VmImportRoleName', { value: this.vmImport?.role.roleName ?? VMIMPORT_ROLE_NAME });
    new CfnOutput(this, 'RdsExportRoleArn', { value: this.rdsExport.role.roleArn });
    new CfnOutput(this, 'ExitOperatorRoleArn', { value: this.operator.role.roleArn });
    new CfnOutput(this, 'RdsExportKeyArn', { value: this.rdsExport.key.keyArn });
    new CfnOutput(this, 'StagingSubnetId', { value: this.staging.subnet.ref });
    new CfnOutput(this, 'StagingSecurityGroupId', { value: this.staging.securityGroup.securityGroupId });
  }
}

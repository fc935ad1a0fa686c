import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { STAGING_TAG, stagingWorkerRoleName, stagingWorkerTemplateName } from '../exit-names';
export { STAGING_WORKER_BASE_IMAGE } from '../exit-names';
import type { StagingSubnet } from './staging-subnet';

export interface StagingWorkerProps {
  /** The estate id: names the launch template and the role (`exit stage` uses them without lookups). */
  readonly estateId: string;
  /** The isolated exit subnet and its no-inbound security group. */
  readonly staging: StagingSubnet;
  /**
   * The worker's AMI, pinned in the plan's image-lock.yaml (base image `amazon-linux-2023`, whose
   * SSM Agent is preinstalled). Never "latest": a new AWS image must not change the worker unseen.
   * @default - no image in the template: `exit stage --worker-image` must name one
   */
  readonly imageId?: string;
  /**
   * Instance type: Nitro (volumes appear as NVMe devices named by volume id), EBS-optimised.
   * @default 'm6i.large'
   */
  readonly instanceType?: string;
}

/**
 * The short-lived staging worker `exit stage` launches for each server: a launch template with the
 * pinned image, the isolated exit subnet and its no-inbound security group, no public address,
 * IMDSv2 only, an encrypted root volume, and terminate on shutdown; and its instance role.
 *
 * The role gives the worker nothing but the Systems Manager channel it is reached through
 * (AWS Systems Manager User Guide, "Create an IAM instance profile for Systems Manager": the agent
 * needs ssm:UpdateInstanceInformation and the ec2messages/ssmmessages channel actions, which have
 * no resource-level permissions). The Systems Manager actions are allowed only on an instance
 * tagged `ExitStaging` (condition key `ssm:resourceTag/ExitStaging`), which `exit stage` puts on
 * every worker at launch. It has no EC2, S3 or KMS permission at all: the copy reads and writes
 * block devices that `exit stage` attached, and the volumes are encrypted and decrypted by EBS.
 */
export class StagingWorker extends Construct {
  readonly role: iam.Role;
  readonly instanceProfile: iam.InstanceProfile;
  readonly launchTemplate: ec2.CfnLaunchTemplate;
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: StagingWorkerProps) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Exit staging worker: the Systems Manager channel only, on instances tagged ExitStaging',
      statements: [
        new iam.PolicyStatement({
          sid: 'AgentOnStagingWorkersOnly',
          actions: [
            'ssm:UpdateInstanceInformation',
            'ssm:ListInstanceAssociations',
            'ssm:UpdateInstanceAssociationStatus',
          ],
          resources: ['*'],
          conditions: { StringLike: { [`ssm:resourceTag/${STAGING_TAG}`]: '?*' } },
        }),
        new iam.PolicyStatement({
          sid: 'MessageChannelsHaveNoResourceLevelPermissions',
          actions: [
            'ec2messages:AcknowledgeMessage',
            'ec2messages:DeleteMessage',
            'ec2messages:FailMessage',
            'ec2messages:GetEndpoint',
            'ec2messages:GetMessages',
            'ec2messages:SendReply',
            'ssmmessages:CreateControlChannel',
            'ssmmessages:CreateDataChannel',
            'ssmmessages:OpenControlChannel',
            'ssmmessages:OpenDataChannel',
          ],
          resources: ['*'],
        }),
      ],
    });
    this.role = new iam.Role(this, 'Role', {
      roleName: stagingWorkerRoleName(props.estateId),
      description: 'Exit staging worker: reached through Systems Manager only; no EC2, S3 or KMS rights',
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [this.policy],
    });
    this.instanceProfile = new iam.InstanceProfile(this, 'InstanceProfile', {
      role: this.role,
      instanceProfileName: stagingWorkerRoleName(props.estateId),
    });
    this.launchTemplate = new ec2.CfnLaunchTemplate(this, 'LaunchTemplate', {
      launchTemplateName: stagingWorkerTemplateName(props.estateId),
      launchTemplateData: {
        ...(props.imageId ? { imageId: props.imageId } : {}),
        instanceType: props.instanceType ?? 'm6i.large',
        ebsOptimized: true,
        iamInstanceProfile: { arn: this.instanceProfile.instanceProfileArn },
        instanceInitiatedShutdownBehavior: 'terminate',
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
        monitoring: { enabled: true },
        networkInterfaces: [
          {
            deviceIndex: 0,
            subnetId: props.staging.subnet.ref,
            groups: [props.staging.securityGroup.securityGroupId],
            associatePublicIpAddress: false,
            deleteOnTermination: true,
          },
        ],
        blockDeviceMappings: [
          {
            deviceName: '/dev/xvda',
            ebs: { encrypted: true, volumeType: 'gp3', volumeSize: 30, deleteOnTermination: true },
          },
        ],
        tagSpecifications: [
          { resourceType: 'instance', tags: [{ key: STAGING_TAG, value: 'worker' }] },
          { resourceType: 'volume', tags: [{ key: STAGING_TAG, value: 'worker' }] },
        ],
      },
    });
  }
}

import { CfnResource } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import type { ImageDecision } from '../estate-model/image';
import type { PlanApplication, PlanServer } from '../plan/plan';
import { getsLandingZone } from '../plan/plan';
import { blockDevicesFor } from './disks';
import { machineImageFor } from './images';
import type { LicensingDecision } from '../estate-model/licensing';
import { StatusCheckRecovery } from './status-check-recovery';
import { wantsTerminationProtection } from '../estate-model/termination-protection';

/** Properties of a {@link MigratedServer}. */
export interface MigratedServerProps {
  readonly server: PlanServer;
  readonly application: PlanApplication;
  /** EC2 instance type, as the estate model decided it (right-sized, or the plan's override). */
  readonly instanceType: string;
  /** The image, as the estate model decided it. */
  readonly image: ImageDecision;
  /** Tenancy and licence, as the estate model decided them (a Dedicated Host for bring-your-own Windows). */
  readonly licensing: LicensingDecision;
  readonly vpc: ec2.IVpc;
  /** The subnet in the availability zone the estate model placed this server in (see `subnetInZone`). */
  readonly subnet: ec2.ISubnet;
  /** The application's security group (see `ApplicationSecurityGroups`). */
  readonly securityGroup: ec2.ISecurityGroup;
  /** Shared instance profile of the stack (see `ServerRole`). */
  readonly instanceProfile: iam.IInstanceProfile;
  /** Customer-managed key for the EBS volumes (`keyFor('ebs', classification)`). */
  readonly ebsKey: kms.IKey;
  /**
   * The AMI pinned for the server's base image (image-lock.yaml).
   * @default - none: only servers with `image.importedImageId` can be built
   */
  readonly pinnedImageId?: string;
}

/**
 * One on-premises server rehosted, replatformed or relocated onto EC2: IMDSv2 only, no key pair,
 * no public address, managed through Systems Manager, detailed monitoring, encrypted gp3 volumes
 * sized from the plan, termination protection for production, auto-recovery on status-check failure.
 */
export class MigratedServer extends Construct {
  readonly instance: ec2.Instance;
  readonly licensing: LicensingDecision;

  constructor(scope: Construct, id: string, props: MigratedServerProps) {
    super(scope, id);
    const { server, application } = props;
    if (!getsLandingZone(server)) {
      throw new Error(
        `Server "${server.id}" has strategy "${server.strategy}", which gets no landing-zone resources`,
      );
    }
    if (server.application !== application.id) {
      throw new Error(`Server "${server.id}" belongs to "${server.application}", not to "${application.id}"`);
    }
    this.licensing = props.licensing;
    this.instance = new ec2.Instance(this, 'Instance', {
      instanceType: new ec2.InstanceType(props.instanceType),
      machineImage: machineImageFor(props.image),
      vpc: props.vpc,
      vpcSubnets: { subnets: [props.subnet] },
      securityGroup: props.securityGroup,
      instanceProfile: props.instanceProfile,
      associatePublicIpAddress: false,
      detailedMonitoring: true,
      disableApiTermination: wantsTerminationProtection(application),
      blockDevices: blockDevicesFor(server, props.ebsKey, props.image.rootDeviceName),
      propagateTagsToVolumeOnCreation: true,
      // IMDSv2 set directly on the instance (`requireImdsv2` would add a launch template per server).
      httpTokens: ec2.HttpTokens.REQUIRED,
      httpEndpoint: true,
      httpPutResponseHopLimit: 2,
      instanceName: server.hostname,
    });
    const cfn = this.instance.node.defaultChild as ec2.CfnInstance;
    if (this.licensing.tenancy === 'host') {
      cfn.tenancy = 'host';
    }
    // Recorded on the resource for auditors and the exit plan.
    (cfn as CfnResource).addMetadata('EstateLicensing', this.licensing.reason);
    new StatusCheckRecovery(this, 'Recovery', {
      instanceId: this.instance.instanceId,
      serverId: server.id,
      tenancy: this.licensing.tenancy,
    });
  }
}

import { Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { StatusCheckRecovery } from '../compute/status-check-recovery';
import type { PlanServer } from '../plan/plan';
import type { AdoptedServer } from '../plan/migration-state';
import { mgnLaunchTargetParameterName, type MgnLaunchTarget } from './mgn-launch-target';

/** Properties of an {@link MgnServerLanding}. */
export interface MgnServerLandingProps {
  readonly server: PlanServer;
  /** Estate id (the SSM parameter path of the launch target). */
  readonly estateId: string;
  /** Subnet in the availability zone the estate model placed the server in. */
  readonly subnet: ec2.ISubnet;
  /** The application's server security group. */
  readonly securityGroup: ec2.ISecurityGroup;
  /** The stack's instance profile (SSM and CloudWatch agents). */
  readonly instanceProfile: iam.IInstanceProfile;
  /** Key for the server's EBS volumes. */
  readonly ebsKey: kms.IKey;
  /**
   * The instance MGN launched at cut-over, once `migrate adopt` recorded it in migration-state.yaml.
   * @default - not launched yet: nothing to manage
   */
  readonly adopted?: Readonly<AdoptedServer>;
  /** Tenancy from the licensing decision (Dedicated Host instances reboot instead of recover). */
  readonly tenancy: 'default' | 'host';
}

/**
 * The landing of a server that moves with AWS MGN. The stack never creates (so can never replace or
 * reboot) its instance: MGN launches it from the replicated disks. The stack publishes the server's
 * launch target (subnet of its placement, security group, instance profile, EBS key: see
 * mgn-launch-target.ts) as an SSM parameter, from which `migrate configure` sets MGN's EC2 launch
 * template. After cut-over, `migrate adopt` records the instance id and turns on its termination
 * protection through the EC2 API, and this construct brings it under management by reference only:
 * the status-check recovery alarm. Backup selection is by the tags the launch template copies.
 */
export class MgnServerLanding extends Construct {
  readonly instanceId?: string;
  readonly launchTarget: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: MgnServerLandingProps) {
    super(scope, id);
    if (props.adopted && props.adopted.server !== props.server.id) {
      throw new Error(`Adopted record for "${props.adopted.server}" given to server "${props.server.id}"`);
    }
    const target: MgnLaunchTarget = {
      subnetId: props.subnet.subnetId,
      securityGroupIds: [props.securityGroup.securityGroupId],
      instanceProfileArn: props.instanceProfile.instanceProfileArn,
      ebsKeyArn: props.ebsKey.keyArn,
    };
    this.launchTarget = new ssm.StringParameter(this, 'LaunchTarget', {
      parameterName: mgnLaunchTargetParameterName(props.estateId, props.server.id),
      description: `Launch target of ${props.server.id} for migrate configure (MGN launch template)`,
      stringValue: Stack.of(this).toJsonString(target),
      tier: ssm.ParameterTier.STANDARD,
    });
    if (props.adopted) {
      this.instanceId = props.adopted.instanceId;
      new StatusCheckRecovery(this, 'Recovery', {
        instanceId: props.adopted.instanceId,
        serverId: props.server.id,
        tenancy: props.tenancy,
      });
    }
  }
}

import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { SUBNET_GROUPS, subnetLayoutFor } from './subnet-layout';

export interface EstateVpcProps {
  /** VPC address range, e.g. `10.40.0.0/16`. Subnet masks are computed from it. */
  readonly vpcCidr: string;
  /** Availability zones, pinned (never looked up). */
  readonly availabilityZones: readonly string[];
  /**
   * How many NAT gateways: the estate model's decision (`EstateModel.network.natGatewaysPerVpc`,
   * from the plan's `network.natGateways`), so the estimate and the preflight count the same.
   * @default - one per availability zone
   */
  readonly natGatewayCount?: number;
}

/**
 * The estate VPC: per AZ a public subnet (NAT gateways only), a private-with-egress subnet for
 * servers and an isolated subnet for databases. The default security group is stripped of all
 * rules.
 */
export class EstateVpc extends Construct {
  readonly vpc: ec2.Vpc;

  constructor(scope: Construct, id: string, props: EstateVpcProps) {
    super(scope, id);
    const layout = subnetLayoutFor(props.vpcCidr, props.availabilityZones.length);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(props.vpcCidr),
      availabilityZones: [...props.availabilityZones],
      natGateways: props.natGatewayCount ?? props.availabilityZones.length,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      restrictDefaultSecurityGroup: true,
      createInternetGateway: true,
      subnetConfiguration: [
        {
          name: SUBNET_GROUPS.public,
          subnetType: ec2.SubnetType.PUBLIC,
          cidrMask: layout.publicMask,
          mapPublicIpOnLaunch: false,
        },
        {
          name: SUBNET_GROUPS.servers,
          subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS,
          cidrMask: layout.serverMask,
        },
        {
          name: SUBNET_GROUPS.databases,
          subnetType: ec2.SubnetType.PRIVATE_ISOLATED,
          cidrMask: layout.databaseMask,
        },
      ],
    });
  }
}

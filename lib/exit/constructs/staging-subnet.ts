import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';

export interface StagingSubnetProps {
  readonly vpc: ec2.IVpc;
  /** The VPC's CIDR (from the plan); the subnet takes the highest block its subnets leave free. */
  readonly vpcCidr: string;
  /** Availability zone of the subnet (the first of the plan). */
  readonly availabilityZone: string;
}

function toRange(cidr: string): readonly [number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(cidr);
  if (!m) throw new Error(`expected an IPv4 CIDR, received "${cidr}"`);
  const start = ((Number(m[1]) * 256 + Number(m[2])) * 256 + Number(m[3])) * 256 + Number(m[4]);
  return [start, start + 2 ** (32 - Number(m[5])) - 1];
}

function toCidr(start: number, mask: number): string {
  return `${[24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256).join('.')}/${mask}`;
}

/**
 * The highest block of the VPC that none of its subnets uses: a /24 when one is free, else the
 * largest smaller block (down to /28). Pure; `used` are the CIDRs of the VPC's subnets.
 */
export function stagingSubnetCidr(vpcCidr: string, used: readonly string[]): string {
  const [vpcStart, vpcEnd] = toRange(vpcCidr);
  const prefix = Number(vpcCidr.split('/')[1]);
  const taken = used.map(toRange);
  for (let mask = Math.max(24, prefix + 1); mask <= 28; mask++) {
    const size = 2 ** (32 - mask);
    for (let start = vpcEnd + 1 - size; start >= vpcStart; start -= size) {
      const end = start + size - 1;
      if (taken.every(([a, b]) => b < start || a > end)) return toCidr(start, mask);
    }
  }
  throw new Error(`network.vpcCidr: "${vpcCidr}" has no free /28 left for the exit staging subnet`);
}

/**
 * An isolated subnet for staged exports: a helper instance copies encrypted volumes to
 * unencrypted staging volumes here. Its route table has only the VPC's local route (no internet,
 * no NAT, no on-premises); the security group allows no inbound traffic and only HTTPS to the VPC
 * (the interface endpoints, for Systems Manager).
 */
export class StagingSubnet extends Construct {
  readonly subnet: ec2.CfnSubnet;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: StagingSubnetProps) {
    super(scope, id);
    this.subnet = new ec2.CfnSubnet(this, 'Subnet', {
      vpcId: props.vpc.vpcId,
      cidrBlock: stagingSubnetCidr(
        props.vpcCidr,
        [...props.vpc.publicSubnets, ...props.vpc.privateSubnets, ...props.vpc.isolatedSubnets].map(
          (s) => s.ipv4CidrBlock,
        ),
      ),
      availabilityZone: props.availabilityZone,
      mapPublicIpOnLaunch: false,
    });
    const routeTable = new ec2.CfnRouteTable(this, 'RouteTable', { vpcId: props.vpc.vpcId });
    new ec2.CfnSubnetRouteTableAssociation(this, 'RouteTableAssociation', {
      subnetId: this.subnet.ref,
      routeTableId: routeTable.ref,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'Exit staging helper: no inbound; HTTPS to the VPC endpoints only',
      allowAllOutbound: false,
    });
    this.securityGroup.addEgressRule(
      ec2.Peer.ipv4(props.vpcCidr),
      ec2.Port.tcp(443),
      'HTTPS to the VPC interface endpoints (Systems Manager)',
    );
  }
}

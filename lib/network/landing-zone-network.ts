/**
 * What the landing-zone constructs need from the network stack, as a structural type:
 * `NetworkStack` satisfies it, and tests can pass a plain `Vpc`.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';

/** The parts of the network the landing zones are placed in. */
export interface LandingZoneNetwork {
  readonly vpc: ec2.IVpc;
  /** Private subnets with egress (NAT), one per AZ, for EC2 servers. */
  readonly serverSubnets: ec2.SubnetSelection;
  /** Isolated subnets, one per AZ, for RDS. */
  readonly databaseSubnets: ec2.SubnetSelection;
}

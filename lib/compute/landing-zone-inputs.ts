/**
 * What the landing-zone constructs need from the keys and network stacks, as structural types:
 * N's `KeysStack` and `NetworkStack` satisfy them, and tests can pass a plain `Key` and `Vpc`.
 */
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { DataClassification } from '../plan/schema';

/** What a customer-managed key protects. */
export type KeyPurpose = 'ebs' | 'rds' | 'logs' | 'backup' | 'secrets' | 'sns';

/** Hands out the customer-managed key for a purpose and data classification. */
export interface KeyProvider {
  keyFor(purpose: KeyPurpose, classification: DataClassification): kms.IKey;
}

/** The parts of the network the landing zones are placed in. */
export interface LandingZoneNetwork {
  readonly vpc: ec2.IVpc;
  /** Private subnets with egress (NAT), one per AZ, for EC2 servers. */
  readonly serverSubnets: ec2.SubnetSelection;
  /** Isolated subnets, one per AZ, for RDS. */
  readonly databaseSubnets: ec2.SubnetSelection;
  /**
   * Security group of the AWS service interface endpoints: servers may reach it on HTTPS.
   * @default - no egress to the endpoints
   */
  readonly endpointSecurityGroup?: ec2.ISecurityGroup;
  /**
   * The region's S3 managed prefix list (the gateway endpoint): servers may reach it on HTTPS.
   * @default - no egress to S3
   */
  readonly s3PrefixListId?: string;
}

/**
 * The replication path of an estate (the estate model's decision) and the AWS-owned buckets
 * MGN's replication servers and agents read. No CDK code: the network stack, the migration stack
 * and the CLI read it.
 */
import type { EstateModel, ReplicationNetwork } from '../estate-model';

export type { ReplicationNetwork } from '../estate-model';

/** The estate model's replication path (lib/estate-model/migration-settings.ts decides it). */
export function replicationNetworkOf(model: EstateModel): ReplicationNetwork {
  return model.migration.replicationNetwork;
}

/**
 * The S3 buckets MGN's agent installer and replication servers read in `region`, as the MGN user
 * guide lists them for an S3 VPC endpoint policy ("Network requirements for Application Migration
 * Service", Communication over TCP port 443: "The staging area subnet should have access to S3",
 * and the example endpoint policy). Read-only (s3:GetObject).
 */
export function mgnBucketsFor(region: string): string[] {
  return [
    `aws-mgn-clients-${region}`,
    `aws-mgn-clients-hashes-${region}`,
    `aws-mgn-internal-${region}`,
    `aws-mgn-internal-hashes-${region}`,
    `aws-application-migration-service-${region}`,
    `aws-application-migration-service-hashes-${region}`,
    `amazon-ssm-${region}`,
  ];
}

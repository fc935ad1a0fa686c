/**
 * The replication path of an estate (plan `migration.replicationNetwork`) and the AWS-owned buckets
 * MGN's replication servers and agents read. No CDK code: the network stack, the migration stack
 * and the CLI read it.
 */
import type { Plan } from '../plan/plan';

export type ReplicationNetwork = 'private' | 'public-internet';

/** The plan's choice, or `private` for an estate holding OFFICIAL-SENSITIVE data, else `public-internet`. */
export function replicationNetworkOf(plan: Plan): ReplicationNetwork {
  if (plan.migration.replicationNetwork) return plan.migration.replicationNetwork;
  return plan.applications.some((a) => a.dataClassification === 'OFFICIAL-SENSITIVE')
    ? 'private'
    : 'public-internet';
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

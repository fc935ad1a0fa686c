/**
 * The Service Quotas the plan needs in a workload account's home region, with their real quota
 * codes (Service Quotas console and `aws service-quotas list-service-quotas`; the default values
 * are the ones each service's quota page lists):
 * - rds L-272F1212 "Manual DB instance snapshots" (default 100; Amazon RDS User Guide, "Quotas in
 *   Amazon RDS"): AWS Backup's RDS recovery points count as manual snapshots;
 * - ebs L-309BACF6 "Snapshots per Region" (default 100,000; Amazon EBS User Guide, "Amazon EBS quotas");
 * - vpc L-F678F1CE "VPCs per Region" (default 5; Amazon VPC User Guide, "Amazon VPC quotas");
 * - vpc L-FE5A380F "NAT gateways per Availability Zone" (default 5; same page);
 * - ec2 L-0263D0A3 "EC2-VPC Elastic IPs" (default 5; Amazon EC2 User Guide, "Elastic IP address
 *   quota"): one per NAT gateway.
 * VM export has no Service Quotas code: "You can't have more than five export tasks per Region in
 * progress at the same time" (VM Import/Export User Guide, limits-image-export.html) is a fixed
 * limit, checked against the exit plan's concurrency without asking the account.
 */
import { retainedSnapshotsPerDatabase } from '../backup/snapshot-quota';
import type { EstateModel, WorkloadAccount } from '../estate-model';

export interface QuotaNeed {
  readonly serviceCode: string;
  readonly quotaCode: string;
  readonly name: string;
  readonly region: string;
  /** What the plan needs at once in this account and region. */
  readonly needed: number;
  /** Why, in a few words. */
  readonly because: string;
}

/** VM Import/Export's fixed limit of export tasks in progress per region. */
export const VM_EXPORT_TASKS_PER_REGION = 5;

export function quotaNeeds(model: EstateModel, account: WorkloadAccount): QuotaNeed[] {
  const region = model.estate.region;
  const tierOf = (app: string) => model.planned.applications.find((a) => a.id === app)?.tier;
  const dbs = model.databases.filter((d) => d.landingZone && d.account.role === account.role);
  const servers = model.servers.filter((s) => s.landingZone && s.account.role === account.role);
  const rdsSnapshots = dbs.reduce((sum, d) => {
    const tier = tierOf(d.application);
    return sum + (tier ? retainedSnapshotsPerDatabase(tier) : 0);
  }, 0);
  const ebsSnapshots = servers.reduce((sum, s) => {
    const tier = tierOf(s.application);
    const disks = s.landingZone ? s.disksGiB.length : 1;
    return sum + (tier ? disks * retainedSnapshotsPerDatabase(tier) : 0);
  }, 0);
  const natGateways = model.network.natGatewaysPerVpc;
  const needs: QuotaNeed[] = [
    {
      serviceCode: 'vpc',
      quotaCode: 'L-F678F1CE',
      name: 'VPCs per Region',
      region,
      needed: 1,
      because: "the account's estate VPC",
    },
    {
      serviceCode: 'vpc',
      quotaCode: 'L-FE5A380F',
      name: 'NAT gateways per Availability Zone',
      region,
      needed: 1,
      because: `network.natGateways: ${model.network.natGatewayChoice}`,
    },
    {
      serviceCode: 'ec2',
      quotaCode: 'L-0263D0A3',
      name: 'EC2-VPC Elastic IPs',
      region,
      needed: natGateways,
      because: `one per NAT gateway (${natGateways})`,
    },
  ];
  if (rdsSnapshots > 0)
    needs.push({
      serviceCode: 'rds',
      quotaCode: 'L-272F1212',
      name: 'Manual DB instance snapshots',
      region,
      needed: rdsSnapshots,
      because: `AWS Backup keeps that many RDS snapshots of ${dbs.length} databases at once`,
    });
  if (ebsSnapshots > 0)
    needs.push({
      serviceCode: 'ebs',
      quotaCode: 'L-309BACF6',
      name: 'Snapshots per Region',
      region,
      needed: ebsSnapshots,
      because: `AWS Backup keeps that many EBS snapshots of ${servers.length} servers at once`,
    });
  return needs;
}

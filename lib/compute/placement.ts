import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { PlanServer } from '../plan/plan';
import { stableSlot } from '../shared/stable-hash';

/**
 * The subnet (and so the availability zone) a server lands in: a stable function of the server id
 * over the subnets sorted by availability zone. Adding or removing other servers never moves it.
 */
export function placeServer(server: Pick<PlanServer, 'id'>, subnets: readonly ec2.ISubnet[]): ec2.ISubnet {
  if (subnets.length === 0) throw new Error(`No server subnets to place "${server.id}" in`);
  const sorted = [...subnets].sort(
    (a, b) => compare(a.availabilityZone, b.availabilityZone) || compare(a.node.path, b.node.path),
  );
  return sorted[stableSlot(server.id, sorted.length)]!;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

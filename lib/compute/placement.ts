import type * as ec2 from 'aws-cdk-lib/aws-ec2';

/**
 * The subnet of the server subnet group in the availability zone the estate model placed a server
 * in (lib/estate-model/placement.ts decides the zone; this only finds the subnet).
 */
export function subnetInZone(
  subnets: readonly ec2.ISubnet[],
  availabilityZone: string,
  serverId: string,
): ec2.ISubnet {
  const found = subnets.filter((s) => s.availabilityZone === availabilityZone);
  if (found.length !== 1) {
    throw new Error(
      `Server "${serverId}" is placed in ${availabilityZone}, but the server subnets offer ${found.length} subnets there ` +
        `(zones: ${subnets.map((s) => s.availabilityZone).join(', ')})`,
    );
  }
  return found[0]!;
}

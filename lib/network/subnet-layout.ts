/**
 * Subnet sizes computed from the VPC CIDR and the number of availability zones. Pure.
 *
 * Each AZ gets one subnet per tier. Servers get half the VPC, databases a quarter and the
 * public (NAT-only) tier an eighth, split across a power-of-two number of AZ slots so every
 * subnet stays aligned:
 *
 * | AZs | servers | databases | public | e.g. /16 VPC          |
 * |-----|---------|-----------|--------|-----------------------|
 * | 2   | p + 2   | p + 3     | p + 4  | /18, /19, /20         |
 * | 3   | p + 3   | p + 4     | p + 5  | /19, /20, /21         |
 */

/** Names of the subnet groups; other stacks select subnets by these names. */
export const SUBNET_GROUPS = {
  public: 'Public',
  servers: 'Servers',
  databases: 'Databases',
} as const;

export interface SubnetLayout {
  /** Prefix length of each public (NAT gateway only) subnet. */
  readonly publicMask: number;
  /** Prefix length of each private-with-egress subnet (servers). */
  readonly serverMask: number;
  /** Prefix length of each isolated subnet (databases). */
  readonly databaseMask: number;
}

/** Smallest subnet AWS allows. */
const SMALLEST_SUBNET = 28;

export function subnetLayoutFor(vpcCidr: string, azCount: number): SubnetLayout {
  const match = /^(\d{1,3})(\.\d{1,3}){3}\/(\d{1,2})$/.exec(vpcCidr);
  if (!match)
    throw new Error(`network.vpcCidr: expected an IPv4 CIDR such as "10.40.0.0/16", received "${vpcCidr}"`);
  const prefix = Number(match[3]);
  if (prefix < 16 || prefix > SMALLEST_SUBNET) {
    throw new Error(`network.vpcCidr: a VPC must be between /16 and /28, received "${vpcCidr}"`);
  }
  if (!Number.isInteger(azCount) || azCount < 1 || azCount > 4) {
    throw new Error(`network.availabilityZones: expected 1 to 4 zones, received ${azCount}`);
  }
  const slotBits = Math.ceil(Math.log2(azCount));
  const serverMask = prefix + slotBits + 1;
  const layout: SubnetLayout = { serverMask, databaseMask: serverMask + 1, publicMask: serverMask + 2 };
  if (layout.publicMask > SMALLEST_SUBNET) {
    const largestPrefix = SMALLEST_SUBNET - slotBits - 3;
    throw new Error(
      `network.vpcCidr: "${vpcCidr}" is too small for three subnet tiers over ${azCount} availability zones ` +
        `(public subnets would be /${layout.publicMask}; AWS allows /${SMALLEST_SUBNET} at most). ` +
        `Use a /${largestPrefix} or larger VPC.`,
    );
  }
  return layout;
}

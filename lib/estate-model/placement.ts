/**
 * Where servers and databases land: availability zone and subnet group. Pure and stable.
 *
 * Servers, with anti-affinity: servers of one application with the same role are a placement
 * group, spread over the availability zones. The role is the explicit `placementGroup`, or else
 * the id without its trailing number (`rev-app-01`, `rev-app-02` -> `rev-app`). A member numbered
 * n lands in zone `(hash(application/group) + n) mod zones` of the plan's zones sorted by name:
 * consecutive numbers get different zones, and because a server's zone depends only on its own
 * group and number, adding or removing a server never moves another. A member without a trailing
 * number is placed by a stable hash of its id: stable too, but it may share a zone with another
 * member (the reason says so; number the ids to guarantee the spread).
 *
 * Databases go in the isolated database subnets through one subnet group over every zone; RDS
 * chooses the zone at creation and, for Multi-AZ, keeps the standby in another one.
 */
import { stableHash, stableSlot } from '../shared/stable-hash';
import type { PlanServer } from '../plan/plan';

export interface ServerPlacement {
  /** The availability zone, e.g. "eu-west-2b". */
  readonly availabilityZone: string;
  /** The subnet group the server is placed in (private, with NAT egress). */
  readonly subnetGroup: 'servers';
  /** Placement group: `<application>/<group>`. */
  readonly group: string;
  /** The member's number within the group (the id's trailing number), or null without one. */
  readonly member: number | null;
  readonly reason: string;
}

export interface DatabasePlacement {
  /** RDS chooses the zone within the subnet group, so the template pins none. */
  readonly availabilityZone: null;
  /** The subnet group the database is placed in (isolated, no internet route). */
  readonly subnetGroup: 'databases';
  /** Zones the subnet group spans. */
  readonly availabilityZones: readonly string[];
  readonly reason: string;
}

/** The placement group and member number of a server (see the file comment). */
export function placementGroupOf(server: Pick<PlanServer, 'id' | 'application' | 'placementGroup'>): {
  readonly group: string;
  readonly member: number | null;
  readonly explicit: boolean;
} {
  const numbered = /^(.+?)-?(\d+)$/.exec(server.id);
  const member = numbered ? Number(numbered[2]) : null;
  if (server.placementGroup) {
    return { group: `${server.application}/${server.placementGroup}`, member, explicit: true };
  }
  return {
    group: `${server.application}/${numbered ? numbered[1]! : server.id}`,
    member,
    explicit: false,
  };
}

/** The plan's availability zones in the order placement counts them (by name). */
export function placementZones(zones: readonly string[]): string[] {
  return [...zones].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The zone and subnet group of a landing-zone server. */
export function placeServer(
  server: Pick<PlanServer, 'id' | 'application' | 'placementGroup'>,
  availabilityZones: readonly string[],
): ServerPlacement {
  const zones = placementZones(availabilityZones);
  if (zones.length === 0) throw new Error(`No availability zones to place server "${server.id}" in`);
  const { group, member, explicit } = placementGroupOf(server);
  const named = explicit ? `placement group "${group}"` : `role group "${group}"`;
  if (member === null) {
    const zone = zones[stableSlot(server.id, zones.length)]!;
    return {
      availabilityZone: zone,
      subnetGroup: 'servers',
      group,
      member,
      reason: explicit
        ? `${named}, but the id has no trailing number: ${zone} by a stable hash of the id (it may share a zone with another member; number the ids to guarantee the spread)`
        : `${zone} by a stable hash of the id (no other server shares its role)`,
    };
  }
  const slot = ((stableHash(group) % zones.length) + (member % zones.length)) % zones.length;
  const zone = zones[slot]!;
  return {
    availabilityZone: zone,
    subnetGroup: 'servers',
    group,
    member,
    reason: `member ${member} of ${named}, spread over ${zones.length} zones: ${zone}`,
  };
}

/** The placement of a landing-zone database. */
export function placeDatabase(availabilityZones: readonly string[], multiAz: boolean): DatabasePlacement {
  const zones = placementZones(availabilityZones);
  return {
    availabilityZone: null,
    subnetGroup: 'databases',
    availabilityZones: zones,
    reason: `isolated database subnets over ${zones.join(', ')}; RDS chooses the zone${multiAz ? ' and keeps the standby in another' : ''}`,
  };
}

/**
 * Which stack each migrated server and database lives in. Pure and stable:
 *
 * - One stack per wave and application ("Wave01-Pilot-Revenues"): adding a server to an application
 *   never touches other applications' stacks, and construct ids inside a stack come from plan ids,
 *   so the other servers' logical ids do not change either.
 * - Only if one application's items in one wave would exceed the resource budget is that group split
 *   into 2, 4, 8... shards by a stable hash of each item's id (shard 0 keeps the base stack name). A
 *   group crossing a power-of-two threshold (about 170 servers of one application in one wave) moves
 *   about half of its items to the new shards: that is the only time an item changes stack.
 */
import { stableSlot } from '../shared/stable-hash';
import type { Plan, PlanApplication, PlanDatabase, PlanServer, PlanWave } from '../plan/plan';
import { getsLandingZone } from '../plan/plan';

/** Resources a stack may hold before it is split (CloudFormation's limit is 500; the estate's, 400). */
export const STACK_RESOURCE_BUDGET = 340;
/**
 * Estimated CloudFormation resources per item (see MigratedServer: instance + status-check alarm, and
 * its CPU, memory and disk alarms (lib/operations/server-alarms.ts); MigratedDatabase: instance,
 * secret, attachment, rotation, security group and rules, log groups, option group, and its CPU,
 * storage, memory and connection alarms (lib/operations/database-alarms.ts)).
 * Measured before the operations alarms: 1,140 servers and 150 databases in 10 waves gave 305
 * stacks, the largest 210 resources.
 */
export const RESOURCES_PER_SERVER = 5;
export const RESOURCES_PER_DATABASE = 17;
/**
 * Shared parts of a wave stack (roles, subnet group, parameter/option groups, bucket) and its
 * backup-failure rules (one per 16 items, lib/operations/event-rules.ts).
 */
export const RESOURCES_PER_STACK = 24;

export interface WaveStackAssignment {
  readonly wave: PlanWave;
  readonly application: PlanApplication;
  /** 0-based shard; 0 unless the group is split. */
  readonly shard: number;
  readonly shardCount: number;
  readonly servers: readonly PlanServer[];
  readonly databases: readonly PlanDatabase[];
}

export function estimateResources(servers: number, databases: number): number {
  return RESOURCES_PER_STACK + servers * RESOURCES_PER_SERVER + databases * RESOURCES_PER_DATABASE;
}

/** Every wave stack of the plan, in wave order, then application id, then shard. */
export function assignWaveStacks(plan: Plan): WaveStackAssignment[] {
  const result: WaveStackAssignment[] = [];
  for (const wave of plan.waves) {
    const apps = [...plan.applications].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const application of apps) {
      const servers = plan.servers.filter(
        (s) => s.wave === wave.id && s.application === application.id && getsLandingZone(s),
      );
      const databases = plan.databases.filter(
        (d) => d.wave === wave.id && d.application === application.id && getsLandingZone(d),
      );
      if (servers.length === 0 && databases.length === 0) continue;
      const shardCount = shardCountFor(servers, databases);
      for (let shard = 0; shard < shardCount; shard++) {
        const s = servers.filter((x) => stableSlot(x.id, shardCount) === shard);
        const d = databases.filter((x) => stableSlot(x.id, shardCount) === shard);
        if (s.length === 0 && d.length === 0) continue;
        result.push({ wave, application, shard, shardCount, servers: s, databases: d });
      }
    }
  }
  return result;
}

function shardCountFor(servers: readonly PlanServer[], databases: readonly PlanDatabase[]): number {
  for (let count = 1; count <= 64; count *= 2) {
    let fits = true;
    for (let shard = 0; shard < count && fits; shard++) {
      const s = servers.filter((x) => stableSlot(x.id, count) === shard).length;
      const d = databases.filter((x) => stableSlot(x.id, count) === shard).length;
      fits = estimateResources(s, d) <= STACK_RESOURCE_BUDGET;
    }
    if (fits) return count;
  }
  throw new Error(
    `Application "${servers[0]?.application ?? databases[0]?.application}" has ${servers.length} servers and ${databases.length} databases in wave ` +
      `"${servers[0]?.wave ?? databases[0]?.wave}": too many for 64 stacks; split the wave in the plan`,
  );
}

/**
 * The estate-wide migration decision lib/migration, the network and migration stacks and the
 * estimate read: the path MGN's replication servers take to the AWS APIs. The migration settings
 * as written are in `EstateModel.settings.migration`, the adopted servers in `settings.adopted`.
 */
import type { Plan } from '../plan/plan';

export type ReplicationNetwork = 'private' | 'public-internet';

export interface MigrationDecision {
  /**
   * `migration.replicationNetwork` when the plan sets it; otherwise `private` for an estate holding
   * OFFICIAL-SENSITIVE data, else `public-internet`.
   */
  readonly replicationNetwork: ReplicationNetwork;
}

export function replicationNetworkFor(plan: Plan): ReplicationNetwork {
  if (plan.migration.replicationNetwork) return plan.migration.replicationNetwork;
  return plan.applications.some((a) => a.dataClassification === 'OFFICIAL-SENSITIVE')
    ? 'private'
    : 'public-internet';
}

export function migrationDecisionFor(plan: Plan): MigrationDecision {
  return { replicationNetwork: replicationNetworkFor(plan) };
}

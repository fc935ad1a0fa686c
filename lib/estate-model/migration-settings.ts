/**
 * Estate-wide migration decisions: the path MGN's replication servers take to the AWS APIs, the
 * servers already adopted after their cut-over (migration-state.yaml), and the VPC range DMS runs
 * in (the on-premises firewall admits it). The network and migration stacks, the estimate and the
 * migration commands read them here.
 */
import type { DeepReadonly, Plan } from '../plan/plan';
import type { AdoptedServer } from '../plan/migration-state';

export type ReplicationNetwork = 'private' | 'public-internet';

export interface MigrationModel {
  /**
   * `migration.replicationNetwork` when the plan sets it; otherwise `private` for an estate holding
   * OFFICIAL-SENSITIVE data, else `public-internet`.
   */
  readonly replicationNetwork: ReplicationNetwork;
  /** Servers already launched and adopted (migration-state.yaml); empty when absent. */
  readonly adopted: readonly DeepReadonly<AdoptedServer>[];
  /** `network.vpcCidr`: the range DMS's replication instances run in. */
  readonly vpcCidr: string;
}

export function replicationNetworkFor(plan: Plan): ReplicationNetwork {
  if (plan.migration.replicationNetwork) return plan.migration.replicationNetwork;
  return plan.applications.some((a) => a.dataClassification === 'OFFICIAL-SENSITIVE')
    ? 'private'
    : 'public-internet';
}

export function migrationModelOf(plan: Plan): MigrationModel {
  return {
    replicationNetwork: replicationNetworkFor(plan),
    adopted: plan.adopted,
    vpcCidr: plan.network.vpcCidr,
  };
}

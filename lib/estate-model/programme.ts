/**
 * The migration programme as planned: the agreement, the waves and the applications, and each
 * server and database as the plan describes it (hostname, disks, engine, version). Plain
 * configuration, carried as the plan's own frozen sub-types: the cost report, the runbooks and the
 * migration commands read it beside the model's decisions about the same items, never the plan.
 */
import type { DeepReadonly, Plan, PlanApplication, PlanDatabase, PlanServer, PlanWave } from '../plan/plan';
import type { Estate } from '../plan/schema';

export interface ProgrammeModel {
  /** The AWS agreement the migration runs under (`estate.agreement`): months `YYYY-MM`. */
  readonly agreement: DeepReadonly<Estate['agreement']>;
  /** The waves, sorted by `order`. */
  readonly waves: readonly PlanWave[];
  /** The applications, in plan order. */
  readonly applications: readonly PlanApplication[];
  /** Every server as planned, in plan order (the decisions about it: `EstateModel.servers`). */
  readonly plannedServers: readonly PlanServer[];
  /** Every database as planned, in plan order (the decisions about it: `EstateModel.databases`). */
  readonly plannedDatabases: readonly PlanDatabase[];
}

export function programmeOf(plan: Plan): ProgrammeModel {
  return {
    agreement: plan.estate.agreement,
    waves: plan.waves,
    applications: plan.applications,
    plannedServers: plan.servers,
    plannedDatabases: plan.databases,
  };
}

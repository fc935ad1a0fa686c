/**
 * Sizing is S's capability (lib/sizing); the landing zones only consume its decisions. These
 * function types are what the stacks are given, so sizing rules change in one place.
 */
import type { PlanApplication, PlanDatabase, PlanServer } from '../plan/plan';

export interface ServerSizingDecision {
  /** EC2 instance type, e.g. "m7i.large". */
  readonly instanceType: string;
  readonly reason: string;
  /** True when the plan's `instanceType` override was used. */
  readonly overridden: boolean;
}

export interface DatabaseSizingDecision {
  /** RDS instance class, e.g. "db.m6i.large". */
  readonly instanceClass: string;
  readonly reason: string;
  readonly overridden: boolean;
}

export type ServerSizer = (server: PlanServer, application: PlanApplication) => ServerSizingDecision;
export type DatabaseSizer = (database: PlanDatabase, application: PlanApplication) => DatabaseSizingDecision;

/** Both sizing functions, passed together through stack props. */
export interface LandingZoneSizing {
  readonly server: ServerSizer;
  readonly database: DatabaseSizer;
}

/**
 * The validated, frozen plan that every later stage consumes. Only the loader
 * (`loadPlan` in ./loader.ts) produces one from files; tests may build one in memory
 * with `planFromObjects` (same validation, no files).
 */
import type {
  Application,
  BackupPolicy,
  Finance,
  Database,
  MigrationSettings,
  Estate,
  LegacyBaseline,
  OrganisationControls,
  Network,
  Operations,
  Server,
  Wave,
} from './schema';
import { LANDING_ZONE_STRATEGIES } from './schema';
import type { ImageLockEntry } from './image-lock';
import type { AdoptedServer } from './migration-state';
import type { PlanProblem } from './errors';

export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export interface PlanSource {
  /** Folder the plan was read from (as given by the user). */
  readonly dir: string;
  /** Files read, relative to `dir`, in the order read. */
  readonly files: readonly string[];
}

export interface Plan {
  readonly source: PlanSource;
  /** `allowedRegions` is always filled in (defaults to `['eu-west-2']`: UK by default). */
  readonly estate: DeepReadonly<Estate & { allowedRegions: string[] }>;
  readonly network: DeepReadonly<Network>;
  readonly backup: DeepReadonly<BackupPolicy>;
  /** Finance in AWS (budgets, anomaly alerts, export, monthly job); absent: no finance stacks. */
  readonly finance?: DeepReadonly<Finance>;
  /** Operations (estate.yaml `operations`): the default alert target. Empty when absent. */
  readonly operations: DeepReadonly<Operations>;
  /**
   * The accounts by role, always filled in: a single-account plan names `estate.account` for
   * every role (`multiAccount` false).
   */
  readonly accounts: PlanAccounts;
  /** Key administrator role, and the break-glass role (defaulted for single-account plans). */
  readonly keyAdministration: { readonly adminRole: string; readonly breakGlassRole: string };
  /** Detective controls the organisation provides; the security-baseline stack adds the rest. */
  readonly organisation: { readonly id?: string; readonly provides: DeepReadonly<OrganisationControls> };
  readonly applications: readonly DeepReadonly<Application>[];
  /** Sorted by `order`. */
  readonly waves: readonly DeepReadonly<Wave>[];
  readonly servers: readonly DeepReadonly<Server>[];
  readonly databases: readonly DeepReadonly<Database>[];
  readonly baseline: DeepReadonly<LegacyBaseline>;
  /** MGN replication settings (estate.yaml `migration`, defaults filled in). */
  readonly migration: DeepReadonly<MigrationSettings>;
  /** Pinned base images (image-lock.yaml); empty when the file is absent. */
  readonly imageLock: readonly DeepReadonly<ImageLockEntry>[];
  /** Servers already launched and adopted (migration-state.yaml); empty when absent. */
  readonly adopted: readonly DeepReadonly<AdoptedServer>[];
  /**
   * What is valid but deserves a decision (software leaving support, a VPC-wide flow source, a
   * quota the plan will exceed): same format as problems, never a reason to fail. Sorted by file.
   */
  readonly warnings: readonly PlanProblem[];
}

/** Account ids by role. */
export interface PlanAccounts {
  readonly production: string;
  readonly nonProduction: string;
  readonly backup: string;
  readonly logArchive?: string;
  readonly securityTooling?: string;
  /** False for a single-account plan (no `accounts` section). */
  readonly multiAccount: boolean;
}

/** Break-glass role name of a single-account plan that names none. */
export const DEFAULT_BREAK_GLASS_ROLE = 'BreakGlass';

/** The workload account of an application (by its environment). */
export function accountOf(plan: Plan, application: { readonly environment: string }): string {
  return application.environment === 'production' ? plan.accounts.production : plan.accounts.nonProduction;
}

export type PlanServer = Plan['servers'][number];
export type PlanDatabase = Plan['databases'][number];
export type PlanApplication = Plan['applications'][number];
export type PlanWave = Plan['waves'][number];

/** True when the strategy means this tool builds EC2 / RDS resources for it. */
export function getsLandingZone(item: { readonly strategy: string }): boolean {
  return (LANDING_ZONE_STRATEGIES as readonly string[]).includes(item.strategy);
}

export function applicationOf(plan: Plan, id: string): PlanApplication {
  const app = plan.applications.find((a) => a.id === id);
  if (!app) throw new Error(`Plan has no application "${id}" (the validator should have caught this)`);
  return app;
}

export function waveOf(plan: Plan, id: string): PlanWave {
  const wave = plan.waves.find((w) => w.id === id);
  if (!wave) throw new Error(`Plan has no wave "${id}" (the validator should have caught this)`);
  return wave;
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

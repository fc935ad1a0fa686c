/**
 * The validated, frozen plan that every later stage consumes. Only the loader
 * (`loadPlan` in ./loader.ts) produces one from files; tests may build one in memory
 * with `planFromObjects` (same validation, no files).
 */
import type {
  Application,
  BackupPolicy,
  Database,
  Estate,
  LegacyBaseline,
  Network,
  Server,
  Wave,
} from './schema';
import { LANDING_ZONE_STRATEGIES } from './schema';

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
  readonly applications: readonly DeepReadonly<Application>[];
  /** Sorted by `order`. */
  readonly waves: readonly DeepReadonly<Wave>[];
  readonly servers: readonly DeepReadonly<Server>[];
  readonly databases: readonly DeepReadonly<Database>[];
  readonly baseline: DeepReadonly<LegacyBaseline>;
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

/**
 * The estate-level settings the stacks, the compliance packs, the exit plan and preflight read:
 * sections of the plan that are plain configuration (nothing is decided from them here), carried
 * on the model with the plan's own frozen sub-types so that nothing below lib/app needs the `Plan`
 * (eslint.config.mjs, PLAN_ONLY_FROM_APP). The loader has already filled in their defaults
 * (`allowedRegions`, the accounts of a single-account plan, the break-glass role). The plan's
 * entries of its applications, waves, servers and databases are carried as `PlannedItems` for the
 * constructs that build from them (flows, disks, ports); every decision about them is on the
 * model's items.
 */
import type {
  DeepReadonly,
  Plan,
  PlanAccounts,
  PlanApplication,
  PlanDatabase,
  PlanServer,
  PlanWave,
} from '../plan/plan';
import type { ImageLockEntry } from '../plan/image-lock';
import type { AdoptedServer } from '../plan/migration-state';
import type {
  BackupPolicy,
  Estate,
  Finance,
  MigrationSettings,
  Network,
  Operations,
  OrganisationControls,
} from '../plan/schema';

export interface EstateSettings {
  /** Folder the plan was read from (problems and the monthly job name it). */
  readonly sourceDir: string;
  /** The plan's `estate` section; `allowedRegions` always filled in. */
  readonly estate: DeepReadonly<Estate & { allowedRegions: string[] }>;
  /** The plan's `network` section (VPC CIDR, zones, on-premises ranges, hybrid link, flow logs). */
  readonly network: DeepReadonly<Network>;
  /** The plan's `backup` section (vault lock, copy region, notification emails). */
  readonly backup: DeepReadonly<BackupPolicy>;
  /** The plan's `finance` section; absent: no finance stacks. */
  readonly finance?: DeepReadonly<Finance>;
  /** The plan's `operations` section (the default alert target). */
  readonly operations: DeepReadonly<Operations>;
  /** MGN replication settings, defaults filled in. */
  readonly migration: DeepReadonly<MigrationSettings>;
  /** Account ids by role, always filled in. */
  readonly accounts: PlanAccounts;
  /** Key administrator and break-glass roles. */
  readonly keyAdministration: { readonly adminRole: string; readonly breakGlassRole: string };
  /** The Organization's id and the controls it provides. */
  readonly organisation: { readonly id?: string; readonly provides: DeepReadonly<OrganisationControls> };
  /** Pinned base images (image-lock.yaml). */
  readonly imageLock: readonly DeepReadonly<ImageLockEntry>[];
  /** Servers already launched and adopted (migration-state.yaml). */
  readonly adopted: readonly DeepReadonly<AdoptedServer>[];
}

/** The plan's entries, in plan order (waves sorted by order), for constructs that build from them. */
export interface PlannedItems {
  readonly applications: readonly PlanApplication[];
  readonly waves: readonly PlanWave[];
  readonly servers: readonly PlanServer[];
  readonly databases: readonly PlanDatabase[];
}

/** The settings of a plan (its own frozen sections; no copy of the plan as a whole). */
export function estateSettingsFor(plan: Plan): EstateSettings {
  return {
    sourceDir: plan.source.dir,
    estate: plan.estate,
    network: plan.network,
    backup: plan.backup,
    ...(plan.finance ? { finance: plan.finance } : {}),
    operations: plan.operations,
    migration: plan.migration,
    accounts: plan.accounts,
    keyAdministration: plan.keyAdministration,
    organisation: plan.organisation,
    imageLock: plan.imageLock,
    adopted: plan.adopted,
  };
}

export function plannedItemsFor(plan: Plan): PlannedItems {
  return {
    applications: plan.applications,
    waves: plan.waves,
    servers: plan.servers,
    databases: plan.databases,
  };
}

/**
 * The estate's tag set, derived from the plan by pure functions. Every taggable resource carries
 * these keys; the backup plans select resources by `BackupTier`, finance reports group by
 * `CostCentre` and `Application`.
 */
import type { Plan, PlanApplication, PlanDatabase, PlanServer, PlanWave } from '../plan/plan';

/** Tag keys every taggable resource carries. */
export const ESTATE_TAG_KEYS = [
  'Estate',
  'Application',
  'MigrationWave',
  'CostCentre',
  'DataClassification',
  'BackupTier',
  'Environment',
] as const;

export type EstateTagKey = (typeof ESTATE_TAG_KEYS)[number];

/** Tag key -> value. Values use only characters AWS allows in tag values. */
export type TagSet = Readonly<Record<EstateTagKey, string>> & {
  readonly ServerId?: string;
  readonly DatabaseId?: string;
};

/** Value of `Application` (and `CostCentre`) on resources shared by the whole estate. */
export const SHARED_PLATFORM = 'shared-platform';
/** Value of `MigrationWave` on resources that belong to no wave. */
export const NO_WAVE = 'shared';
/** Value of `BackupTier` on resources no backup plan selects. */
export const NO_BACKUP = 'none';

/**
 * Tags for everything that belongs to one application in one wave. `estate` is the plan's or the
 * estate model's (both carry the estate id), so stacks call it with the model.
 */
export function tagsForApplication(
  estate: { readonly estate: { readonly id: string } },
  application: PlanApplication,
  wave: PlanWave,
): TagSet {
  return {
    Estate: estate.estate.id,
    Application: application.id,
    MigrationWave: wave.id,
    CostCentre: application.costCentre,
    DataClassification: application.dataClassification,
    BackupTier: application.tier,
    Environment: application.environment,
  };
}

/** Tags for one migrated server (its application's tags plus `ServerId`). */
export function tagsForServer(plan: Plan, server: PlanServer): TagSet {
  return {
    ...tagsForApplication(plan, findApp(plan, server.application), findWave(plan, server.wave)),
    ServerId: server.id,
  };
}

/** Tags for one migrated database (its application's tags plus `DatabaseId`). */
export function tagsForDatabase(plan: Plan, database: PlanDatabase): TagSet {
  return {
    ...tagsForApplication(plan, findApp(plan, database.application), findWave(plan, database.wave)),
    DatabaseId: database.id,
  };
}

/**
 * Tags for estate-wide shared resources (network, keys, backup, access groups).
 * Shared resources hold data of every classification, so they carry the highest one in the plan;
 * they are not selected by any backup plan (`BackupTier: none`); they are production.
 */
export function sharedTags(plan: Plan): TagSet {
  const sensitive = plan.applications.some((a) => a.dataClassification === 'OFFICIAL-SENSITIVE');
  return {
    Estate: plan.estate.id,
    Application: SHARED_PLATFORM,
    MigrationWave: NO_WAVE,
    CostCentre: SHARED_PLATFORM,
    DataClassification: sensitive ? 'OFFICIAL-SENSITIVE' : 'OFFICIAL',
    BackupTier: NO_BACKUP,
    Environment: 'production',
  };
}

function findApp(plan: Plan, id: string): PlanApplication {
  const app = plan.applications.find((a) => a.id === id);
  if (!app) throw new Error(`Cannot tag: the plan has no application "${id}"`);
  return app;
}

function findWave(plan: Plan, id: string): PlanWave {
  const wave = plan.waves.find((w) => w.id === id);
  if (!wave) throw new Error(`Cannot tag: the plan has no wave "${id}"`);
  return wave;
}

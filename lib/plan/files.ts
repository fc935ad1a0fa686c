/** The files a plan folder holds. */

export const PLAN_FILES = {
  estate: 'estate.yaml',
  servers: 'servers.yaml',
  databases: 'databases.yaml',
  baseline: 'legacy-baseline.yaml',
} as const;

/** Alternative (or additional) source of servers: an MGN-style import CSV. */
export const MGN_CSV_FILE = 'mgn-import.csv';

export type PlanFileKey = keyof typeof PLAN_FILES;

export const PLAN_FILE_KEYS: readonly PlanFileKey[] = ['estate', 'servers', 'databases', 'baseline'];

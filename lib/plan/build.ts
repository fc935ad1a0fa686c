/**
 * Builds a frozen `Plan` from already-parsed file contents. The loader calls this after reading
 * YAML; tests call it with objects. Structure problems come from the zod schemas; meaning
 * problems from ./checks. Every problem is collected before one `PlanError` is thrown.
 */
import { z } from 'zod';
import {
  DatabasesFileSchema,
  EstateFileSchema,
  LegacyBaselineSchema,
  ServersFileSchema,
} from './schema';
import { deepFreeze, type Plan, type PlanSource } from './plan';

/** Raw contents of each plan file, as parsed from YAML (or built by a test). */
export interface PlanInput {
  readonly estate: unknown;
  readonly servers: unknown;
  readonly databases: unknown;
  readonly baseline: unknown;
}

export const PLAN_FILES = {
  estate: 'estate.yaml',
  servers: 'servers.yaml',
  databases: 'databases.yaml',
  baseline: 'legacy-baseline.yaml',
} as const;

export type PlanFileKey = keyof typeof PLAN_FILES;

export interface RawProblem {
  readonly file: PlanFileKey;
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly received?: unknown;
}

export function parseFiles(input: PlanInput): {
  problems: RawProblem[];
  parsed?: {
    estate: z.output<typeof EstateFileSchema>;
    servers: z.output<typeof ServersFileSchema>;
    databases: z.output<typeof DatabasesFileSchema>;
    baseline: z.output<typeof LegacyBaselineSchema>;
  };
} {
  const problems: RawProblem[] = [];
  const run = <S extends z.ZodType>(file: PlanFileKey, schema: S, value: unknown): z.output<S> | undefined => {
    const r = schema.safeParse(value);
    if (r.success) return r.data;
    for (const issue of r.error.issues) {
      problems.push({ file, path: issue.path as (string | number)[], message: issue.message, received: (issue as { input?: unknown }).input });
    }
    return undefined;
  };
  const estate = run('estate', EstateFileSchema, input.estate);
  const servers = run('servers', ServersFileSchema, input.servers);
  const databases = run('databases', DatabasesFileSchema, input.databases);
  const baseline = run('baseline', LegacyBaselineSchema, input.baseline);
  if (estate && servers && databases && baseline) return { problems, parsed: { estate, servers, databases, baseline } };
  return { problems };
}

/** Assembles and freezes the Plan from parsed files (no checks; see the validator). */
export function assemblePlan(
  parsed: NonNullable<ReturnType<typeof parseFiles>['parsed']>,
  source: PlanSource,
): Plan {
  const e = parsed.estate;
  const plan: Plan = {
    source,
    estate: { ...e.estate, allowedRegions: e.estate.allowedRegions ?? [e.estate.region] },
    network: e.network,
    backup: e.backup,
    applications: e.applications,
    waves: [...e.waves].sort((a, b) => a.order - b.order),
    servers: parsed.servers.servers,
    databases: parsed.databases.databases,
    baseline: parsed.baseline,
  };
  return deepFreeze(plan);
}

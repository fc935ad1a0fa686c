/**
 * Builds a frozen `Plan` from already-parsed file contents. The loader calls this after reading
 * YAML (and CSV); tests call `planFromObjects` with objects. Two passes: structure (zod, per
 * file) then meaning (./checks, only when structure passed). Every problem is collected before
 * one `PlanError` is thrown; nothing is returned from half a plan.
 */
import { DatabasesFileSchema, EstateFileSchema, LegacyBaselineSchema, ServersFileSchema } from './schema';
import { DEFAULT_BREAK_GLASS_ROLE, deepFreeze, type Plan, type PlanSource } from './plan';
import { PlanError, renderValue, type PlanProblem } from './errors';
import { MGN_CSV_FILE, PLAN_FILES, type PlanFileKey } from './files';
import type { RawProblem } from './problem';
import type { ParsedFiles } from './parsed-files';
import { structureProblems } from './private/zod-issues';
import { formatPath, type FieldPath } from './private/path';
import { checkSideInput, EMPTY_SIDE_FILES, type SideFiles, type SideInput } from './side-files';
import { ALL_CHECKS, ALL_WARNINGS } from './checks/all';
import { UK_DEFAULT_REGION } from './uk-default-region';

export { PLAN_FILES, type PlanFileKey } from './files';
export type { RawProblem } from './problem';
export type { ParsedFiles } from './parsed-files';

/** Raw contents of each plan file, as parsed from YAML (or built by a test). */
export interface PlanInput extends SideInput {
  readonly estate: unknown;
  readonly servers: unknown;
  readonly databases: unknown;
  readonly baseline: unknown;
}

/** Where a path inside a plan file is: file name, line and column when known. */
export interface ProblemLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** Replaces the displayed path (e.g. a CSV column name). */
  readonly path?: string;
}

/** Maps a file and field path to a location; the loader supplies one backed by the YAML. */
export type Locator = (file: PlanFileKey, path: FieldPath) => ProblemLocation;

const noLines: Locator = (file) => ({ file: PLAN_FILES[file] });

const FILE_SCHEMAS = {
  estate: EstateFileSchema,
  servers: ServersFileSchema,
  databases: DatabasesFileSchema,
  baseline: LegacyBaselineSchema,
} as const;

/**
 * Both passes over only the files that could be read (when others could not): structure problems
 * in those files, and the meaning checks that need nothing else.
 */
export function checkReadableFiles(input: PlanInput, readable: readonly PlanFileKey[]): RawProblem[] {
  const problems: RawProblem[] = [];
  const valid: Partial<Record<PlanFileKey, unknown>> = {};
  for (const key of readable) {
    const r = structureProblems(key, FILE_SCHEMAS[key], input[key]);
    problems.push(...r.problems);
    if (r.data !== undefined) valid[key] = r.data;
  }
  return [...problems, ...checkMeaning(valid as Partial<ParsedFiles>)];
}

/** Structure pass over all four files; `valid` holds each file that passed. */
export function parseFiles(input: PlanInput): {
  problems: RawProblem[];
  parsed?: ParsedFiles;
  valid: Partial<ParsedFiles>;
} {
  const estate = structureProblems('estate', EstateFileSchema, input.estate);
  const servers = structureProblems('servers', ServersFileSchema, input.servers);
  const databases = structureProblems('databases', DatabasesFileSchema, input.databases);
  const baseline = structureProblems('baseline', LegacyBaselineSchema, input.baseline);
  const problems = [...estate.problems, ...servers.problems, ...databases.problems, ...baseline.problems];
  const valid: Partial<ParsedFiles> = {
    ...(estate.data ? { estate: estate.data } : {}),
    ...(servers.data ? { servers: servers.data } : {}),
    ...(databases.data ? { databases: databases.data } : {}),
    ...(baseline.data ? { baseline: baseline.data } : {}),
  };
  if (problems.length === 0 && estate.data && servers.data && databases.data && baseline.data) {
    return {
      problems,
      valid,
      parsed: {
        estate: estate.data,
        servers: servers.data,
        databases: databases.data,
        baseline: baseline.data,
      },
    };
  }
  return { problems, valid };
}

/**
 * Meaning pass: every check whose files all passed the structure pass, all problems collected.
 * So a typo in servers.yaml does not hide an overlapping CIDR in estate.yaml.
 */
export function checkMeaning(files: Partial<ParsedFiles>): RawProblem[] {
  return ALL_CHECKS.filter((c) => c.needs.every((k) => files[k] !== undefined)).flatMap((c) =>
    c.check(files as ParsedFiles),
  );
}

/** File order for listing problems: the order a reader goes through a plan folder. */
const FILE_RANK: readonly string[] = [
  PLAN_FILES.estate,
  PLAN_FILES.servers,
  MGN_CSV_FILE,
  PLAN_FILES.databases,
  PLAN_FILES.baseline,
];

/** Orders problems by file, then line, then column; otherwise keeps their order. */
export function sortProblems(problems: readonly PlanProblem[]): PlanProblem[] {
  const rank = (file: string): number => {
    const i = FILE_RANK.indexOf(file);
    return i < 0 ? FILE_RANK.length : i;
  };
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        rank(a.problem.file) - rank(b.problem.file) ||
        a.problem.file.localeCompare(b.problem.file) ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        (a.problem.column ?? 0) - (b.problem.column ?? 0) ||
        a.index - b.index,
    )
    .map((x) => x.problem);
}

/** Locates raw problems in their files. */
export function locateProblems(raw: readonly RawProblem[], locate: Locator = noLines): PlanProblem[] {
  return raw.map((p) => {
    const loc = locate(p.file, p.path);
    return {
      file: loc.file,
      ...(loc.line !== undefined ? { line: loc.line, column: loc.column ?? 1 } : {}),
      path: loc.path ?? formatPath(p.path),
      message: p.message,
      ...(p.received !== undefined ? { received: renderValue(p.received) } : {}),
      ...(p.allowed !== undefined ? { allowed: p.allowed } : {}),
    };
  });
}

/** Warning checks over a plan that passed both passes. */
export function checkWarnings(files: ParsedFiles): RawProblem[] {
  return ALL_WARNINGS.flatMap((c) => c.check(files));
}

/** Assembles and freezes the Plan from parsed files (no checks). */
export function assemblePlan(
  parsed: ParsedFiles,
  source: PlanSource,
  side: SideFiles = EMPTY_SIDE_FILES,
  warnings: readonly PlanProblem[] = [],
): Plan {
  const e = parsed.estate;
  const plan: Plan = {
    source,
    estate: { ...e.estate, allowedRegions: e.estate.allowedRegions ?? [UK_DEFAULT_REGION] },
    network: e.network,
    backup: e.backup,
    ...(e.finance ? { finance: e.finance } : {}),
    operations: e.operations ?? {},
    accounts: e.accounts
      ? { ...e.accounts, multiAccount: true }
      : {
          production: e.estate.account,
          nonProduction: e.estate.account,
          backup: e.estate.account,
          multiAccount: false,
        },
    keyAdministration: {
      adminRole: e.keyAdministration.adminRole,
      breakGlassRole: e.keyAdministration.breakGlassRole ?? DEFAULT_BREAK_GLASS_ROLE,
    },
    organisation: e.organisation,
    applications: e.applications,
    waves: [...e.waves].sort((a, b) => a.order - b.order),
    servers: parsed.servers.servers,
    databases: parsed.databases.databases,
    baseline: parsed.baseline,
    migration: e.migration,
    imageLock: side.imageLock.images,
    adopted: side.migrationState.adopted,
    warnings,
  };
  return deepFreeze(plan);
}

/**
 * Validates in-memory plan file contents (both passes) and returns the frozen Plan.
 * @param extraProblems problems already found while reading (e.g. bad CSV rows); any makes it fail
 * @throws PlanError with every problem found
 */
export function planFromObjects(
  input: PlanInput,
  source: PlanSource = { dir: '<memory>', files: [] },
  locate: Locator = noLines,
  extraProblems: readonly PlanProblem[] = [],
): Plan {
  const { problems, parsed, valid } = parseFiles(input);
  const raw = [...problems, ...checkMeaning(valid)];
  const side = checkSideInput(input);
  if (!parsed || raw.length > 0 || extraProblems.length > 0 || side.problems.length > 0) {
    throw new PlanError(
      sortProblems([...locateProblems(raw, locate), ...extraProblems, ...side.problems]),
      source.dir,
    );
  }
  return assemblePlan(
    parsed,
    source,
    side.files,
    sortProblems(locateProblems(checkWarnings(parsed), locate)),
  );
}

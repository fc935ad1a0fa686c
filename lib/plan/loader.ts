/**
 * The only code that reads plan files. `loadPlan(dir)` reads the four plan files (and an
 * optional MGN-style `mgn-import.csv` for servers), runs the structure and meaning passes and
 * returns a frozen `Plan`, or throws a `PlanError` listing every problem with file:line:column.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deepFreeze, type Plan } from './plan';
import { PlanError, type PlanProblem } from './errors';
import {
  locateProblems,
  planFromObjects,
  sortProblems,
  checkReadableFiles,
  type Locator,
  type PlanInput,
} from './build';
import { MGN_CSV_FILE, PLAN_FILE_KEYS, PLAN_FILES, type PlanFileKey } from './files';
import { readYamlFile, type YamlFile } from './private/yaml-file';
import { readMgnCsv, type MgnCsv } from './mgn-csv';
import { IMAGE_LOCK_FILE } from './image-lock';
import { MIGRATION_STATE_FILE } from './migration-state';
import { readSideFile } from './side-files';

/** What is at `path`; `unreadable` when it exists but cannot be looked at (e.g. permissions). */
function statKind(path: string): 'file' | 'dir' | 'other' | 'missing' | 'unreadable' {
  try {
    const s = statSync(path);
    return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : 'other';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'unreadable';
  }
}

function readBytes(path: string, file: string, problems: PlanProblem[]): Uint8Array | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    problems.push({
      file,
      path: '',
      message: `could not be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    });
    return undefined;
  }
}

/**
 * A check over the whole, validated plan that another capability owns (e.g. what the landing
 * zones can build). It returns problems with a file name and a field path; the loader adds the
 * line and column.
 */
export type CapabilityCheck = (plan: Plan) => readonly PlanProblem[];

export interface LoadPlanOptions {
  /** How to name the folder in messages and in `plan.source.dir`. @default dir */
  readonly name?: string;
  /** Further checks run on the validated plan; any problem fails the load. @default none */
  readonly checks?: readonly CapabilityCheck[];
  /** Further checks whose findings become `plan.warnings` (never a failure). @default none */
  readonly warnings?: readonly CapabilityCheck[];
}

/** `servers[1].inboundFlows[2].from.cidr` -> ['servers', 1, 'inboundFlows', 2, 'from', 'cidr']. */
function parseFieldPath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    segments.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  }
  return segments;
}

/** Adds line and column to problems from `checks`, found through the same locator as the loader's. */
function locateCheckProblems(problems: readonly PlanProblem[], locate: Locator): PlanProblem[] {
  return problems.map((p) => {
    if (p.line !== undefined) return p;
    const key = PLAN_FILE_KEYS.find((k) => PLAN_FILES[k] === p.file);
    if (!key) return p;
    const loc = locate(key, parseFieldPath(p.path));
    return loc.line !== undefined && loc.file === p.file
      ? { ...p, line: loc.line, column: loc.column ?? 1 }
      : p;
  });
}

/** Problems and file names collected while reading, in reading order. */
interface Reading {
  readonly problems: PlanProblem[];
  readonly files: string[];
}

/**
 * Loads and validates the plan in `dir` (a folder path; relative paths resolve against the
 * process's working directory, so callers pass an absolute path when they have one).
 * @throws PlanError with every problem found; never any other error for bad input
 */
export function loadPlan(dir: string, options: LoadPlanOptions = {}): Plan {
  const name = options.name ?? dir;
  checkPlanFolder(dir, name);
  const reading: Reading = { problems: [], files: [] };
  const problems = reading.problems;
  const hasCsv = statKind(join(dir, MGN_CSV_FILE)) === 'file';
  const yaml = readPlanYaml(dir, hasCsv, reading);
  const yamlServers = yaml.servers?.value;
  const yamlList = (yamlServers as { servers?: unknown } | undefined)?.servers;
  const yamlServerCount = Array.isArray(yamlList) ? yamlList.length : 0;
  const csv = hasCsv ? readCsv(dir, yamlServerCount, reading) : undefined;
  let servers: unknown = yamlServers ?? { servers: [] };
  if (csv && servers && typeof servers === 'object' && Array.isArray(yamlList)) {
    servers = { ...servers, servers: [...yamlList, ...csv.servers] };
  } else if (csv && yamlServers === undefined) {
    servers = { servers: csv.servers };
  }
  const input: PlanInput = {
    estate: yaml.estate?.value,
    servers,
    databases: yaml.databases?.value,
    baseline: yaml.baseline?.value,
    ...readSideInputs(dir, reading),
  };
  const locate = planLocator(yaml, csv, yamlServerCount);
  if (problems.length > 0) throw readProblems(problems, input, yaml, csv, locate, name);
  const plan = planFromObjects(input, { dir: name, files: reading.files }, locate, csv?.rowProblems ?? []);
  const checked = (options.checks ?? []).flatMap((check) => check(plan));
  if (checked.length > 0) throw new PlanError(sortProblems(locateCheckProblems(checked, locate)), name);
  const extra = (options.warnings ?? []).flatMap((check) => check(plan));
  if (extra.length === 0) return plan;
  return deepFreeze({
    ...plan,
    warnings: sortProblems([...plan.warnings, ...locateCheckProblems(extra, locate)]),
  });
}

/** Throws unless `dir` is a readable folder. */
function checkPlanFolder(dir: string, name: string): void {
  const kind = statKind(dir);
  if (kind === 'missing')
    throw new PlanError([{ file: name, path: '', message: 'plan folder not found' }], name);
  if (kind === 'unreadable')
    throw new PlanError(
      [{ file: name, path: '', message: 'plan folder cannot be read (check its permissions)' }],
      name,
    );
  if (kind !== 'dir') throw new PlanError([{ file: name, path: '', message: 'is not a folder' }], name);
}

/** The four plan files as YAML (servers.yaml may be missing when there is an MGN CSV). */
function readPlanYaml(
  dir: string,
  hasCsv: boolean,
  reading: Reading,
): Partial<Record<PlanFileKey, YamlFile>> {
  const { problems, files } = reading;
  const yaml: Partial<Record<PlanFileKey, YamlFile>> = {};
  for (const key of PLAN_FILE_KEYS) {
    const name = PLAN_FILES[key];
    const path = join(dir, name);
    const k = statKind(path);
    if (k === 'missing') {
      if (key === 'servers' && hasCsv) continue;
      problems.push({
        file: name,
        path: '',
        message:
          key === 'servers'
            ? `file not found in the plan folder (a plan needs ${name} or ${MGN_CSV_FILE})`
            : 'file not found in the plan folder',
      });
      continue;
    }
    if (k !== 'file') {
      const message = k === 'unreadable' ? 'cannot be read (check its permissions)' : 'is not a regular file';
      problems.push({ file: name, path: '', message });
      continue;
    }
    const bytes = readBytes(path, name, problems);
    if (!bytes) continue;
    files.push(name);
    const read = readYamlFile(name, bytes);
    problems.push(...read.problems);
    yaml[key] = read;
  }
  return yaml;
}

/** The MGN-style CSV of servers, numbered after the YAML servers. */
function readCsv(dir: string, yamlServerCount: number, reading: Reading): MgnCsv | undefined {
  const bytes = readBytes(join(dir, MGN_CSV_FILE), MGN_CSV_FILE, reading.problems);
  if (!bytes) return undefined;
  reading.files.push(MGN_CSV_FILE);
  const csv = readMgnCsv(MGN_CSV_FILE, bytes, yamlServerCount);
  reading.problems.push(...csv.problems);
  return csv;
}

/** The optional side files (image lock, migration state), by their plan input key. */
function readSideInputs(dir: string, reading: Reading): Record<string, unknown> {
  const { problems, files } = reading;
  const side: Record<string, unknown> = {};
  for (const [key, file] of [
    ['imageLock', IMAGE_LOCK_FILE],
    ['migrationState', MIGRATION_STATE_FILE],
  ] as const) {
    const k = statKind(join(dir, file));
    if (k === 'missing') continue;
    const bytes = k === 'file' ? readBytes(join(dir, file), file, problems) : undefined;
    if (k !== 'file') problems.push({ file, path: '', message: 'is not a readable regular file' });
    if (!bytes) continue;
    files.push(file);
    const read = readSideFile(file, bytes);
    problems.push(...read.problems);
    if (read.value !== undefined) side[key] = read.value;
  }
  return side;
}

/** File, line and column of a field path: CSV rows after the YAML servers, else the YAML. */
function planLocator(
  yaml: Partial<Record<PlanFileKey, YamlFile>>,
  csv: MgnCsv | undefined,
  yamlServerCount: number,
): Locator {
  return (key, path) => {
    if (
      key === 'servers' &&
      csv &&
      path[0] === 'servers' &&
      typeof path[1] === 'number' &&
      path[1] >= yamlServerCount
    ) {
      return csv.locate(path[1] - yamlServerCount, path.slice(2));
    }
    const pos = yaml[key]?.locate(path);
    return pos ? { file: PLAN_FILES[key], line: pos.line, column: pos.column } : { file: PLAN_FILES[key] };
  };
}

/** Some files could not be read: the error, still reporting structure problems in the ones that could. */
function readProblems(
  problems: readonly PlanProblem[],
  input: PlanInput,
  yaml: Partial<Record<PlanFileKey, YamlFile>>,
  csv: MgnCsv | undefined,
  locate: Locator,
  name: string,
): PlanError {
  const failed = new Set(problems.map((p) => p.file));
  const readable = PLAN_FILE_KEYS.filter((k) =>
    k === 'servers'
      ? !failed.has(PLAN_FILES.servers) &&
        !failed.has(MGN_CSV_FILE) &&
        (yaml.servers?.value !== undefined || csv !== undefined)
      : yaml[k]?.value !== undefined,
  );
  const structure = checkReadableFiles(input, readable);
  return new PlanError(
    sortProblems([...problems, ...locateProblems(structure, locate), ...(csv?.rowProblems ?? [])]),
    name,
  );
}

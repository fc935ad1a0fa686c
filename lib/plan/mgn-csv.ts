/**
 * Servers from an MGN-style import CSV (`mgn-import.csv`), as an alternative or addition to
 * servers.yaml.
 *
 * Columns from the AWS Application Migration Service import template are accepted where they
 * carry what the plan needs: `mgn:server:user-provided-id` (server id), `mgn:server:fqdn-for-action-framework`
 * (hostname: its first label), `mgn:app:name` (application id), `mgn:wave:name` (wave id),
 * `mgn:server:platform` (WINDOWS / LINUX) and `mgn:launch:instance-type`. Other `mgn:` columns
 * (descriptions, tags, launch settings, account id) are accepted and ignored.
 *
 * Our own columns hold the rest: `hostname`, `os-family`, `os-name`, `os-version`, `vcpu`,
 * `memory-gib`, `disks` (`os:100;data:200`), `strategy`, `image` (a base image name or an AMI id),
 * `instance-type`, `licence`, `depends-on` (`a;b`), `cpu-p95-percent`, `memory-p95-percent`,
 * `notes`. Inbound flows cannot be written in CSV: servers that need them belong in servers.yaml.
 *
 * The rows become plain objects shaped like servers.yaml entries; the schema then checks them,
 * and every problem points at the CSV line and column.
 */
import type { PlanProblem } from './errors';
import type { ProblemLocation } from './build';
import { decodeText } from './private/yaml-file';
import { parseCsv } from './private/csv';
import { closest } from './private/suggest';
import { formatPath, type FieldPath } from './private/path';

/** Our columns, by the server field they fill. */
const OWN_COLUMNS = [
  'hostname',
  'os-family',
  'os-name',
  'os-version',
  'vcpu',
  'memory-gib',
  'disks',
  'strategy',
  'image',
  'instance-type',
  'licence',
  'depends-on',
  'cpu-p95-percent',
  'memory-p95-percent',
  'notes',
] as const;

/** MGN import template columns we read. */
const MGN_COLUMNS = {
  id: 'mgn:server:user-provided-id',
  fqdn: 'mgn:server:fqdn-for-action-framework',
  application: 'mgn:app:name',
  wave: 'mgn:wave:name',
  platform: 'mgn:server:platform',
  instanceType: 'mgn:launch:instance-type',
} as const;

const KNOWN_COLUMNS: readonly string[] = [...Object.values(MGN_COLUMNS), ...OWN_COLUMNS];

/** Which column(s) feed each top-level server field, for locating problems. */
const FIELD_COLUMNS: Record<string, readonly string[]> = {
  id: [MGN_COLUMNS.id],
  hostname: ['hostname', MGN_COLUMNS.fqdn],
  application: [MGN_COLUMNS.application],
  wave: [MGN_COLUMNS.wave],
  vcpu: ['vcpu'],
  memoryGiB: ['memory-gib'],
  disks: ['disks'],
  strategy: ['strategy'],
  image: ['image'],
  instanceType: ['instance-type', MGN_COLUMNS.instanceType],
  licence: ['licence'],
  dependsOn: ['depends-on'],
  notes: ['notes'],
};
const OS_COLUMNS: Record<string, readonly string[]> = {
  family: ['os-family', MGN_COLUMNS.platform],
  name: ['os-name'],
  version: ['os-version'],
};
const UTILISATION_COLUMNS: Record<string, readonly string[]> = {
  cpuP95Percent: ['cpu-p95-percent'],
  memoryP95Percent: ['memory-p95-percent'],
};

export interface MgnCsv {
  /** Rows as servers.yaml-shaped objects (not yet validated). */
  readonly servers: readonly Record<string, unknown>[];
  /** Problems that stop the file being read at all (encoding, quoting, headers). */
  readonly problems: readonly PlanProblem[];
  /** Problems in single rows or cells (cell counts, disk syntax); the plan is still checked. */
  readonly rowProblems: readonly PlanProblem[];
  /** Location of a field of the `row`-th server (0-based). */
  locate(row: number, path: FieldPath): ProblemLocation;
}

function numberOrText(cell: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell;
}

function list(cell: string): string[] {
  return cell
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

type CsvRecord = { readonly line: number; readonly cells: readonly string[] };

/**
 * Reads an MGN-style CSV's bytes. Never throws.
 * @param serverOffset how many servers come before the CSV's (from servers.yaml), for paths
 */
export function readMgnCsv(file: string, bytes: Uint8Array, serverOffset = 0): MgnCsv {
  const problems: PlanProblem[] = [];
  const rowProblems: PlanProblem[] = [];
  const empty = (): MgnCsv => ({ servers: [], problems, rowProblems, locate: () => ({ file }) });
  const text = decodeText(bytes);
  if (text === undefined) {
    problems.push({ file, path: '', message: 'is a binary file, not CSV text' });
    return empty();
  }
  const parsed = parseCsv(text);
  if ('error' in parsed) {
    problems.push({
      file,
      line: parsed.line,
      column: 1,
      path: '',
      message: `is not valid CSV: ${parsed.error}`,
    });
    return empty();
  }
  const [header, ...rows] = parsed.records;
  if (!header) {
    problems.push({ file, path: '', message: 'is empty' });
    return empty();
  }
  const columns = header.cells.map((c) => c.trim());
  problems.push(...headerProblems(file, header.line, columns));
  const servers: Record<string, unknown>[] = [];
  const rowLines: number[] = [];
  for (const row of rows) {
    if (row.cells.length !== columns.length) {
      rowProblems.push({
        file,
        line: row.line,
        column: 1,
        path: '',
        message: `has ${row.cells.length} cells but the header has ${columns.length} columns`,
      });
      continue;
    }
    const where = { file, row, columns, server: serverOffset + servers.length };
    servers.push(serverFromRow(where, rowProblems));
    rowLines.push(row.line);
  }
  return { servers, problems, rowProblems, locate: csvLocator(file, columns, rowLines, serverOffset) };
}

/** Unknown columns (with the closest known name) and a missing server id column. */
function headerProblems(file: string, line: number, columns: readonly string[]): PlanProblem[] {
  const problems: PlanProblem[] = [];
  columns.forEach((name, i) => {
    if (KNOWN_COLUMNS.includes(name) || (name.startsWith('mgn:') && name !== '')) return;
    const suggestion = closest(name, KNOWN_COLUMNS);
    problems.push({
      file,
      line,
      column: i + 1,
      path: '',
      message: `unknown column ${JSON.stringify(name)}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
      allowed: `${KNOWN_COLUMNS.join(', ')}, or any other mgn: column (ignored)`,
    });
  });
  if (!columns.includes(MGN_COLUMNS.id)) {
    problems.push({
      file,
      line,
      column: 1,
      path: '',
      message: `has no ${MGN_COLUMNS.id} column (the server id)`,
    });
  }
  return problems;
}

/** A row, where it is, and the index of the server it becomes among all the plan's servers. */
interface RowAt {
  readonly file: string;
  readonly row: CsvRecord;
  readonly columns: readonly string[];
  readonly server: number;
}

/** One row as a servers.yaml-shaped object (fields in servers.yaml order); cell problems go to `rowProblems`. */
function serverFromRow(at: RowAt, rowProblems: PlanProblem[]): Record<string, unknown> {
  const { row, columns } = at;
  const get = (...names: string[]): string | undefined => {
    for (const n of names) {
      const i = columns.indexOf(n);
      const v = i >= 0 ? row.cells[i]?.trim() : undefined;
      if (v) return v;
    }
    return undefined;
  };
  const server: Record<string, unknown> = {};
  const set = (key: string, value: unknown): void => {
    if (value !== undefined) server[key] = value;
  };
  set('id', get(MGN_COLUMNS.id));
  const fqdn = get(MGN_COLUMNS.fqdn);
  set('hostname', get('hostname') ?? (fqdn ? fqdn.split('.')[0] : undefined));
  set('application', get(MGN_COLUMNS.application));
  set('wave', get(MGN_COLUMNS.wave));
  const family = get('os-family') ?? get(MGN_COLUMNS.platform)?.toLowerCase();
  const os: Record<string, unknown> = {};
  if (family !== undefined) os.family = family;
  if (get('os-name') !== undefined) os.name = get('os-name');
  if (get('os-version') !== undefined) os.version = get('os-version');
  set('os', os);
  const vcpu = get('vcpu');
  set('vcpu', vcpu === undefined ? undefined : numberOrText(vcpu));
  const mem = get('memory-gib');
  set('memoryGiB', mem === undefined ? undefined : numberOrText(mem));
  const disks = get('disks');
  if (disks !== undefined) set('disks', diskList(at, disks, rowProblems));
  set('strategy', get('strategy'));
  const image = get('image');
  set(
    'image',
    image === undefined
      ? undefined
      : image.startsWith('ami-')
        ? { importedImageId: image }
        : { baseImage: image },
  );
  set('instanceType', get('instance-type', MGN_COLUMNS.instanceType));
  set('licence', get('licence'));
  const deps = get('depends-on');
  set('dependsOn', deps === undefined ? undefined : list(deps));
  const cpu = get('cpu-p95-percent');
  const memP = get('memory-p95-percent');
  if (cpu !== undefined || memP !== undefined) {
    const u: Record<string, unknown> = {};
    if (cpu !== undefined) u.cpuP95Percent = numberOrText(cpu);
    if (memP !== undefined) u.memoryP95Percent = numberOrText(memP);
    set('utilisation', u);
  }
  set('notes', get('notes'));
  return server;
}

/** The `disks` cell (`os:100;data:200`); an item not written purpose:GiB is a row problem. */
function diskList(at: RowAt, disks: string, rowProblems: PlanProblem[]): Record<string, unknown>[] {
  const parsedDisks: Record<string, unknown>[] = [];
  for (const item of list(disks)) {
    const m = /^([a-z]+)\s*:\s*(.+)$/i.exec(item);
    if (!m) {
      rowProblems.push({
        file: at.file,
        line: at.row.line,
        column: at.columns.indexOf('disks') + 1,
        path: `${formatPath(['servers', at.server, 'disks'])} (column disks)`,
        message: 'must be disks written purpose:GiB separated by ";"',
        received: JSON.stringify(disks),
        allowed: 'e.g. os:100;data:200',
      });
      continue;
    }
    parsedDisks.push({ purpose: m[1], sizeGiB: numberOrText(m[2] ?? '') });
  }
  return parsedDisks;
}

/** Line and column of a server field: the CSV row, and the column that fed the field. */
function csvLocator(
  file: string,
  columns: readonly string[],
  rowLines: readonly number[],
  serverOffset: number,
): MgnCsv['locate'] {
  const index = (name: string): number => columns.indexOf(name);
  return (row: number, path: FieldPath): ProblemLocation => {
    const line = rowLines[row];
    const [field, sub] = path;
    const candidates =
      field === 'os' && typeof sub === 'string'
        ? OS_COLUMNS[sub]
        : field === 'utilisation' && typeof sub === 'string'
          ? UTILISATION_COLUMNS[sub]
          : typeof field === 'string'
            ? FIELD_COLUMNS[field]
            : undefined;
    const present = candidates?.find((c) => index(c) >= 0);
    const name = present ?? candidates?.[0];
    const plan = formatPath(['servers', serverOffset + row, ...path]);
    return {
      file,
      ...(line !== undefined ? { line, column: present ? index(present) + 1 : 1 } : {}),
      path: present ? `${plan} (column ${present})` : name ? `${plan} (no ${name} column)` : plan,
    };
  };
}

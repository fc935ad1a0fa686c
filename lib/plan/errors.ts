/**
 * The one problem type and the one message format for everything wrong with a plan.
 *
 * A problem reads `file:line:column path: message (received X; allowed: Y)`, e.g.
 * `servers.yaml:12:7 servers[1].memoryGiB: must be a positive number (received -4; allowed: > 0)`.
 */
import { EXIT, UserError } from '../shared/user-error';

/** One thing wrong with a plan, located in the file it came from. */
export interface PlanProblem {
  /** File name relative to the plan folder (or the folder itself for folder-level problems). */
  readonly file: string;
  /** 1-based line, when known. */
  readonly line?: number;
  /** 1-based column, when known. */
  readonly column?: number;
  /** Field path inside the file, e.g. `servers[3].memoryGiB`; empty for whole-file problems. */
  readonly path: string;
  /** The value found, already rendered for display (strings quoted). */
  readonly received?: string;
  /** What was wrong, starting lower-case, e.g. "must be a positive number". */
  readonly message: string;
  /** What is allowed, e.g. "> 0" or "gold, silver, bronze". */
  readonly allowed?: string;
}

/** Formats one problem as a single line. The only place the format is defined. */
export function formatProblem(p: PlanProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  const subject = p.path ? `${where} ${p.path}` : where;
  const extra: string[] = [];
  if (p.received !== undefined) extra.push(`received ${p.received}`);
  if (p.allowed !== undefined) extra.push(`allowed: ${p.allowed}`);
  const line = `${subject}: ${p.message}${extra.length > 0 ? ` (${extra.join('; ')})` : ''}`;
  // One line, whatever odd keys or values a file holds.
  return line.replace(/[\r\n]+/g, ' ');
}

/** Renders a received value for a message: strings quoted, long values shortened. */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') {
    const keys = Object.keys(value);
    const shown = keys
      .slice(0, 6)
      .map((k) => (/^[A-Za-z_$][\w$-]*$/.test(k) ? k : JSON.stringify(k.slice(0, 20))));
    return `{${shown.join(', ')}${keys.length > 6 ? ', ...' : ''}}`;
  }
  if (typeof value === 'string') {
    const s = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(s);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return typeof value;
}

/** Thrown by the plan loader when anything is wrong; holds every problem found. */
export class PlanError extends UserError {
  readonly problems: readonly PlanProblem[];

  constructor(problems: readonly PlanProblem[], dir?: string) {
    const head = `${dir ? `Plan ${dir}` : 'Plan'} has ${problems.length} problem${problems.length === 1 ? '' : 's'}:`;
    super([head, ...problems.map((p) => `  ${formatProblem(p)}`)].join('\n'), { exitCode: EXIT.badInput });
    this.name = 'PlanError';
    this.problems = problems;
  }

  /** One line per problem. */
  lines(): string[] {
    return this.problems.map(formatProblem);
  }
}

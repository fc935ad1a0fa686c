/** Option parsing shared by the cost commands: formats, month, output folder (the plan folder: ../plan-dir). */
import { isAbsolute, resolve } from 'node:path';
import { stringOption, UsageError, type CliIo, type ParsedArgs } from '../../command';

/** Parses `--format a,b` against the allowed list. */
export function formatsOption<F extends string>(
  args: ParsedArgs,
  allowed: readonly F[],
  fallback: readonly F[],
): F[] {
  const raw = stringOption(args, 'format');
  if (raw === undefined) return [...fallback];
  const wanted = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = wanted.filter((f) => !(allowed as readonly string[]).includes(f));
  if (bad.length > 0 || wanted.length === 0) {
    throw new UsageError(
      `--format ${raw}: unknown format ${bad.map((b) => `"${b}"`).join(', ') || '(none)'}; allowed: ${allowed.join(', ')} (comma-separated)`,
    );
  }
  return [...new Set(wanted)] as F[];
}

/** The month before the clock's month (the last month that can be complete), `YYYY-MM`, UTC. */
export function previousMonth(now: Date): string {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth(); // 0-based: this is already "previous" as 1-based
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

export function monthOption(args: ParsedArgs, io: CliIo): string {
  const month = stringOption(args, 'month') ?? previousMonth(io.now());
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new UsageError(`--month ${month}: expected a month written YYYY-MM, such as 2027-03`);
  }
  return month;
}

export function pathOption(io: CliIo, value: string): string {
  return isAbsolute(value) ? value : resolve(io.cwd, value);
}

export function today(io: CliIo): string {
  return io.now().toISOString().slice(0, 10);
}

import { formatProblem, type PlanProblem } from './errors';

/** Locations named for a summarized warning before "and N more". */
export const SUMMARY_LOCATIONS = 3;

export interface SummarizeOptions {
  /** Every warning on its own line, as before. @default false */
  readonly verbose?: boolean;
  /** @default SUMMARY_LOCATIONS */
  readonly locations?: number;
}

/** Where a problem is, as `file:line:col`. */
function whereOf(p: PlanProblem): string {
  return p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
}

/**
 * Plan warnings, one line per distinct warning: the same message about many items (the same
 * field of different servers, `servers[3].os` and `servers[9].os`) prints once with the count and
 * the first few locations, so that a large estate's warnings stay readable. `verbose` lists each.
 * Lines start with `warning: `, in the order the first of each kind appeared.
 */
export function summarizePlanWarnings(
  warnings: readonly PlanProblem[],
  options: SummarizeOptions = {},
): string[] {
  if (options.verbose) return warnings.map((w) => `warning: ${formatProblem(w)}`);
  const groups = new Map<string, PlanProblem[]>();
  for (const w of warnings) {
    const key = [
      w.file,
      (w.path ?? '').replace(/\[\d+\]/g, '[]'),
      w.message,
      w.received ?? '',
      w.allowed ?? '',
    ].join('\u0000');
    const list = groups.get(key);
    if (list) list.push(w);
    else groups.set(key, [w]);
  }
  const shown = options.locations ?? SUMMARY_LOCATIONS;
  return [...groups.values()].map((items) => {
    const first = items[0]!;
    if (items.length === 1) return `warning: ${formatProblem(first)}`;
    const general = formatProblem({
      ...first,
      line: undefined,
      column: undefined,
      path: first.path?.replace(/\[\d+\]/g, '[]'),
    } as PlanProblem);
    const more = items.length - shown;
    return `warning: ${general} — ${items.length} items: ${items
      .slice(0, shown)
      .map(whereOf)
      .join(', ')}${more > 0 ? ` and ${more} more (--verbose lists every one)` : ''}`;
  });
}

/**
 * Text warnings summarized the same way: lines with the same `kindOf` print once with the count
 * and the first few `whereOf` values. `verbose` returns the lines unchanged.
 */
export function summarizeLines<T>(
  items: readonly T[],
  describe: {
    readonly kindOf: (item: T) => string;
    readonly whereOf: (item: T) => string;
    readonly line: (item: T) => string;
  },
  options: SummarizeOptions = {},
): string[] {
  if (options.verbose) return items.map(describe.line);
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = describe.kindOf(item);
    const list = groups.get(key);
    if (list) list.push(item);
    else groups.set(key, [item]);
  }
  const shown = options.locations ?? SUMMARY_LOCATIONS;
  return [...groups.entries()].map(([kind, list]) => {
    if (list.length === 1) return describe.line(list[0]!);
    const more = list.length - shown;
    return `${kind} — ${list.length} items: ${list
      .slice(0, shown)
      .map(describe.whereOf)
      .join(', ')}${more > 0 ? ` and ${more} more (--verbose lists every one)` : ''}`;
  });
}

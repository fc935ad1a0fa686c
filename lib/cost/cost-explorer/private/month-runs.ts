import { nextMonth } from '../../../shared/months';

/**
 * Splits months into runs of consecutive months (one request series each); the current month
 * always gets a run of its own so that closed months can be cached apart from it.
 */
export function contiguousRuns(months: readonly string[], current: string): string[][] {
  const runs: string[][] = [];
  for (const m of months) {
    const last = runs[runs.length - 1];
    const prev = last?.[last.length - 1];
    if (last && prev && nextMonth(prev) === m && m !== current && prev !== current) last.push(m);
    else runs.push([m]);
  }
  return runs;
}

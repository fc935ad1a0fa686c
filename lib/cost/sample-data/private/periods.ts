import { addMonths, daysInMonth, monthStartDate, nextMonth } from '../../../shared/months';

const DAY_MS = 86_400_000;

/** A charge period: whole UTC days [start, end). */
export interface Period {
  readonly month: string;
  /** Day numbers since the epoch. */
  readonly startDay: number;
  readonly endDay: number;
}

export function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

export function isoTimestamp(day: number): string {
  return `${new Date(day * DAY_MS).toISOString().slice(0, 19)}Z`;
}

/**
 * The charge periods of a month up to (not including) the day `today` (a day number): one for the
 * month, or one per day.
 */
export function periodsOf(month: string, today: number, granularity: 'daily' | 'monthly'): Period[] {
  const start = dayNumber(monthStartDate(month));
  const end = Math.min(dayNumber(monthStartDate(nextMonth(month))), today);
  if (end <= start) return [];
  if (granularity === 'monthly') return [{ month, startDay: start, endDay: end }];
  const out: Period[] = [];
  for (let d = start; d < end; d++) out.push({ month, startDay: d, endDay: d + 1 });
  return out;
}

/**
 * The first day a wave's resources run: the last 30% of the month before cutover (build and
 * parallel running alongside the on-premises servers), then every day from cutover on.
 */
export function firstActiveDay(cutover: string): number {
  const before = addMonths(cutover, -1);
  const days = daysInMonth(before);
  return dayNumber(monthStartDate(before)) + Math.floor(days * 0.7);
}

/** Days of the period on or after `from`. */
export function activeDays(p: Period, from: number): number {
  return Math.max(0, p.endDay - Math.max(p.startDay, from));
}

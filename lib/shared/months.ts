/**
 * Calendar-month arithmetic on `YYYY-MM` strings, in UTC (the one months helper: billing periods
 * are UTC months in both Cost Explorer and FOCUS exports; plans and baselines use the same form).
 */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Throws unless `month` is a `YYYY-MM` month. `what` names the value in the error. */
export function assertMonth(month: string, what = 'month'): void {
  if (!MONTH.test(month))
    throw new Error(`${what} must be a month written YYYY-MM, such as "2027-03"; got "${month}"`);
}

function parts(month: string): { year: number; month: number } {
  assertMonth(month);
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}

function format(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month after `month`. */
export function nextMonth(month: string): string {
  const p = parts(month);
  return p.month === 12 ? format(p.year + 1, 1) : format(p.year, p.month + 1);
}

/** Months since year 0: `monthIndex('2027-03')` is 2027 * 12 + 2. */
export function monthIndex(month: string): number {
  const p = parts(month);
  return p.year * 12 + (p.month - 1);
}

/** The month of a `monthIndex`. */
export function monthFromIndex(index: number): string {
  return format(Math.floor(index / 12), (index % 12) + 1);
}

/** Adds `n` months (n may be negative). */
export function addMonths(month: string, n: number): string {
  return monthFromIndex(monthIndex(month) + n);
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from);
}

/** The earlier of two months. */
export function minMonth(a: string, b: string): string {
  return a <= b ? a : b;
}

/** The later of two months. */
export function maxMonth(a: string, b: string): string {
  return a >= b ? a : b;
}

/** Every month from `from` to `to`, inclusive; empty when `to` is before `from`. */
export function monthRange(from: string, to: string): string[] {
  assertMonth(from, 'from');
  assertMonth(to, 'to');
  const out: string[] = [];
  for (let m = from; m <= to; m = nextMonth(m)) out.push(m);
  return out;
}

/** First day of the month, `YYYY-MM-01`. */
export function monthStartDate(month: string): string {
  assertMonth(month);
  return `${month}-01`;
}

/** The UTC month `now` falls in. */
export function monthOf(now: Date): string {
  return format(now.getUTCFullYear(), now.getUTCMonth() + 1);
}

/** The UTC date of `now`, `YYYY-MM-DD`. */
export function dateOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Number of days in the month. */
export function daysInMonth(month: string): number {
  const p = parts(month);
  return new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

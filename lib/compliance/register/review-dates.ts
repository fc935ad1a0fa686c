import type { PlanProblem } from '../../plan/errors';
import type { ComplianceRegister } from './register';

/** Synth warns this many days before an acceptance's review date. */
export const REVIEW_WARNING_DAYS = 30;

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a date, in UTC. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Whole days from `today` to the review date `reviewBy` (negative once it has passed). */
export function daysUntil(reviewBy: string, today: Date): number {
  const due = Date.parse(`${reviewBy}T00:00:00Z`);
  const day = Date.parse(`${isoDay(today)}T00:00:00Z`);
  return Math.round((due - day) / DAY_MS);
}

/** Where an entry stands against `today`: expired after its review date, due in the last 30 days. */
export type ReviewState = 'current' | 'due' | 'expired';

export function reviewState(reviewBy: string, today: Date): ReviewState {
  const days = daysUntil(reviewBy, today);
  if (days < 0) return 'expired';
  return days <= REVIEW_WARNING_DAYS ? 'due' : 'current';
}

/** Entries whose review date has passed (`reviewBy` before `today`), as problems. */
export function expiredEntries(register: ComplianceRegister, now: Date): PlanProblem[] {
  const today = isoDay(now);
  const problems: PlanProblem[] = [];
  register.suppressions.forEach((s, i) => {
    if (reviewState(s.reviewBy, now) === 'expired') {
      problems.push({
        file: s.location.file,
        line: s.location.line,
        column: s.location.column,
        path: `suppressions[${i}].reviewBy`,
        message: `suppression of ${s.rule} on "${s.scope}" expired on ${s.reviewBy}; ${s.acceptedBy} must review it and set a new date, or fix the finding`,
        received: JSON.stringify(s.reviewBy),
        allowed: `${today} or later`,
      });
    }
  });
  register.disabledControls.forEach((c, i) => {
    if (reviewState(c.reviewBy, now) === 'expired') {
      problems.push({
        file: c.location.file,
        line: c.location.line,
        column: c.location.column,
        path: `disabledControls[${i}].reviewBy`,
        message: `disabling of ${c.control} expired on ${c.reviewBy}; review it and set a new date, or enable the control`,
        received: JSON.stringify(c.reviewBy),
        allowed: `${today} or later`,
      });
    }
  });
  return problems;
}

/** One line per entry due for review within REVIEW_WARNING_DAYS of `now` (not yet expired). */
export function reviewWarnings(register: ComplianceRegister, now: Date): string[] {
  const entries = [
    ...register.suppressions.map((s) => ({ what: `suppression of ${s.rule} on "${s.scope}"`, ...s })),
    ...register.disabledControls.map((c) => ({ what: `disabling of ${c.control}`, ...c })),
  ];
  return entries
    .filter((e) => reviewState(e.reviewBy, now) === 'due')
    .map(
      (e) =>
        `${e.location.file}:${e.location.line}:${e.location.column} ${e.what} is due for review by ${e.reviewBy} ` +
        `(${daysUntil(e.reviewBy, now)} days); ${e.acceptedBy} must review it`,
    );
}

/** Which actual months are incomplete, and why; and the one-off costs by month and key. */
import type { BillingResult } from '../../billing/types';
import type { OneOffCost } from '../../../plan/schema';
import { Money } from '../../../shared/money';
import { addTo, type Keyed } from './keyed';
import type { Period } from './period';

export function incompleteMonths(
  billing: BillingResult,
  actual: ReadonlySet<string>,
  today: string,
): Map<string, string> {
  const todayMonth = today.slice(0, 7);
  const status = new Map(billing.months.map((s) => [s.month, s]));
  const incomplete = new Map<string, string>();
  for (const m of actual) {
    const s = status.get(m);
    if (s && !s.complete) incomplete.set(m, s.reason ?? 'the billing source marked this month incomplete');
    else if (m >= todayMonth) incomplete.set(m, `the month is still open on ${today}`);
    else if (!s) incomplete.set(m, 'no billing data was requested or returned for this month');
  }
  return incomplete;
}

export interface OneOffs {
  readonly byMonth: Map<string, Money>;
  /** To date, by owning application and wave. */
  readonly app: Keyed;
  readonly wave: Keyed;
  readonly caveats: string[];
}

export function oneOffsOf(costs: readonly OneOffCost[], period: Period): OneOffs {
  const { start, end } = period;
  const o: OneOffs = { byMonth: new Map(), app: new Map(), wave: new Map(), caveats: [] };
  for (const c of costs) {
    if (c.month < start || c.month > end) {
      o.caveats.push(
        `One-off cost "${c.id}" (${c.month}) is outside the agreement ${start} to ${end} and is not counted.`,
      );
      continue;
    }
    const v = new Money(c.amountGbp);
    addTo(o.byMonth, c.month, v);
    if (period.actual.has(c.month)) {
      addTo(o.app, c.application ?? null, v);
      addTo(o.wave, c.wave ?? null, v);
    }
  }
  return o;
}

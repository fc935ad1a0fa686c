/**
 * AWS actuals of the cost report: the billing rows counted (tax lines left out or kept, and said
 * so), then their exact GBP per month and per application, wave and service.
 */
import type { BillingResult, MonthlyCostRow } from '../../billing/types';
import { Money, penny } from '../../../shared/money';
import { addTo, gbpOf, type Keyed, type Rates } from './keyed';
import type { Period } from './period';

export interface CountedRows {
  /** Rows counted as AWS spend, keyed to plan applications. */
  readonly rows: readonly MonthlyCostRow[];
  /** Tax lines to date in GBP (counted or not). */
  readonly vatToDate: Money;
}

export function countedRows(
  billing: BillingResult,
  vatMode: 'exclude' | 'include',
  period: Period,
  key: (row: MonthlyCostRow) => MonthlyCostRow,
): CountedRows {
  const kept = vatMode === 'exclude' ? billing.rows.filter((r) => r.chargeCategory !== 'tax') : billing.rows;
  let vatToDate = new Money(0);
  for (const row of billing.rows) {
    if (row.chargeCategory === 'tax' && period.actual.has(row.month))
      vatToDate = vatToDate.plus(gbpOf(row, period.rates));
  }
  return { rows: kept.map(key), vatToDate };
}

export interface Actuals {
  readonly byMonth: Map<string, Money>;
  /** Spend per month in its own currencies (the trend forecast's input). */
  readonly spendByMonth: Map<string, { usd: Money; gbp: Money }>;
  readonly app: Keyed;
  readonly wave: Keyed;
  readonly service: Map<string, Money>;
  /** Rows outside the actual months, not counted. */
  readonly ignored: number;
}

function addSpend(a: Actuals, row: MonthlyCostRow): void {
  const s = a.spendByMonth.get(row.month) ?? { usd: new Money(0), gbp: new Money(0) };
  const amount = new Money(row.amortizedCost);
  a.spendByMonth.set(
    row.month,
    row.currency === 'GBP' ? { ...s, gbp: s.gbp.plus(amount) } : { ...s, usd: s.usd.plus(amount) },
  );
}

export function actualsOf(
  rows: readonly MonthlyCostRow[],
  rates: Rates,
  actual: ReadonlySet<string>,
): Actuals {
  const a = {
    byMonth: new Map<string, Money>(),
    spendByMonth: new Map<string, { usd: Money; gbp: Money }>(),
    app: new Map<string | null, Money>(),
    wave: new Map<string | null, Money>(),
    service: new Map<string, Money>(),
    ignored: 0,
  };
  for (const row of rows) {
    if (!actual.has(row.month)) {
      a.ignored++;
      continue;
    }
    const gbp = gbpOf(row, rates);
    if (row.breakdown !== 'tags') addTo(a.service, row.service, gbp);
    if (row.breakdown === 'service') continue; // the same spend as the tags rows, seen by service
    addTo(a.byMonth, row.month, gbp);
    addSpend(a, row);
    addTo(a.app, row.application, gbp);
    addTo(a.wave, row.wave, gbp);
  }
  return a;
}

export function vatCaveats(vatToDate: Money, caveat: (totalGbp: string) => string): string[] {
  return vatToDate.isZero() ? [] : [caveat(penny(vatToDate))];
}

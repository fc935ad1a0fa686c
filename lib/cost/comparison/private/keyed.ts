/** Small pure helpers the cost report's steps share: keyed sums and GBP conversion of a row. */
import type { MonthlyCostRow } from '../../billing/types';
import { Money } from '../../../shared/money';
import type { PlanExchangeRate } from '../exchange';

/** Amounts by application or wave key (`null`: untagged). */
export type Keyed = Map<string | null, Money>;

export function addTo<K>(map: Map<K, Money>, key: K, v: Money): void {
  map.set(key, (map.get(key) ?? new Money(0)).plus(v));
}

/** Exchange rate per month of the agreement. */
export type Rates = ReadonlyMap<string, PlanExchangeRate>;

/** A billing row's amount in GBP at its month's rate (GBP rows as they are). */
export function gbpOf(row: MonthlyCostRow, rates: Rates): Money {
  const amount = new Money(row.amortizedCost);
  return row.currency === 'GBP' ? amount : amount.times(rates.get(row.month)!.usdToGbp);
}

export function sumOf(values: Iterable<Money>): Money {
  let total = new Money(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/**
 * The forecast by application and by wave: the estimate's lines per key from each wave's cut-over,
 * or the monthly forecast apportioned by each key's share of the last complete months.
 */
import type { MonthlyCostRow } from '../../billing/types';
import { Money } from '../../../shared/money';
import { TREND_MONTHS, type EstimateLine, type MonthSpend } from '../forecast';
import { addTo, gbpOf, sumOf, type Keyed } from './keyed';
import type { Period } from './period';

export interface BreakdownForecast {
  readonly app: Keyed;
  readonly wave: Keyed;
  readonly caveats: string[];
}

function fromEstimate(
  cutover: ReadonlyMap<string, string>,
  period: Period,
  estimate: readonly EstimateLine[],
): BreakdownForecast {
  const f: BreakdownForecast = { app: new Map(), wave: new Map(), caveats: [] };
  for (const m of period.future) {
    const rate = new Money(period.rates.get(m)!.usdToGbp);
    for (const l of estimate) {
      if ((cutover.get(l.wave) ?? '9999-12') > m) continue;
      const v = new Money(l.monthlyUsd).times(rate);
      addTo(f.app, l.application, v);
      addTo(f.wave, l.wave, v);
    }
  }
  return f;
}

export interface TrendInputs {
  readonly period: Period;
  readonly rows: readonly MonthlyCostRow[];
  readonly completeSpend: readonly MonthSpend[];
  readonly forecastByMonth: ReadonlyMap<string, Money>;
}

function byRecentShares(x: TrendInputs): BreakdownForecast {
  const f: BreakdownForecast = { app: new Map(), wave: new Map(), caveats: [] };
  const recent = { app: new Map<string | null, Money>(), wave: new Map<string | null, Money>() };
  const recentMonths = new Set(x.completeSpend.slice(-TREND_MONTHS).map((s) => s.month));
  for (const row of x.rows) {
    if (!recentMonths.has(row.month) || row.breakdown === 'service') continue;
    const gbp = gbpOf(row, x.period.rates);
    addTo(recent.app, row.application, gbp);
    addTo(recent.wave, row.wave, gbp);
  }
  const recentTotal = sumOf(recent.app.values());
  const futureTotal = sumOf(x.forecastByMonth.values());
  if (!recentTotal.isZero()) {
    for (const [k, v] of recent.app) addTo(f.app, k, futureTotal.times(v).div(recentTotal));
    for (const [k, v] of recent.wave) addTo(f.wave, k, futureTotal.times(v).div(recentTotal));
    f.caveats.push(
      "Forecasts by application and by wave apportion the monthly forecast by each line's share of the last complete months.",
    );
  } else if (!futureTotal.isZero()) {
    f.caveats.push(
      'The forecast could not be apportioned to applications and waves (no spend in recent complete months).',
    );
  }
  return f;
}

/** `cutover`: each wave's cut-over month, by wave id. */
export function breakdownForecast(
  cutover: ReadonlyMap<string, string>,
  x: TrendInputs,
  basis: string,
  estimate: readonly EstimateLine[] | undefined,
): BreakdownForecast {
  if (basis === 'estimate' && estimate) return fromEstimate(cutover, x.period, estimate);
  if (x.period.future.length > 0) return byRecentShares(x);
  return { app: new Map(), wave: new Map(), caveats: [] };
}

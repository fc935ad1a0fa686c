/**
 * AWS spend for months after the report month, from (in order of preference) Cost Explorer
 * forecasts, the cost estimate (each wave's estimated monthly cost from its cut-over month), or the
 * trend of complete months (mean of the last three complete months, held flat).
 */
import type { MonthlyForecast } from '../billing/types';
import type { EstateModel } from '../../estate-model';
import { Money } from '../../shared/money';
import type { ForecastBasis } from './types';

/** One line of a cost estimate, in USD per month at the chosen rate. */
export interface EstimateLine {
  readonly wave: string;
  /** `null` for shared items (network), shown on the untagged line. */
  readonly application: string | null;
  readonly monthlyUsd: string;
}

/** Exact spend of one complete month split by currency, the input of the trend. */
export interface MonthSpend {
  readonly month: string;
  readonly usd: Money;
  readonly gbp: Money;
}

export interface ForecastPlan {
  readonly basis: ForecastBasis;
  readonly text: string;
  /** Exact forecast for a future month, in GBP, given that month's USD-to-GBP rate. */
  readonly forMonth: (month: string, usdToGbp: Money) => Money;
}

export const TREND_MONTHS = 3;

export function chooseForecast(
  model: EstateModel,
  futureMonths: readonly string[],
  completeSpend: readonly MonthSpend[],
  forecasts: readonly MonthlyForecast[] | undefined,
  estimate: readonly EstimateLine[] | undefined,
): ForecastPlan {
  if (futureMonths.length === 0) {
    return {
      basis: 'none',
      text: 'No forecast: the report month is the last month of the agreement.',
      forMonth: () => new Money(0),
    };
  }
  const recent = completeSpend.slice(-TREND_MONTHS);
  const trendUsd =
    recent.length === 0
      ? new Money(0)
      : recent.reduce((a, s) => a.plus(s.usd), new Money(0)).div(recent.length);
  const trendGbp =
    recent.length === 0
      ? new Money(0)
      : recent.reduce((a, s) => a.plus(s.gbp), new Money(0)).div(recent.length);
  const trend = (_m: string, rate: Money): Money => trendUsd.times(rate).plus(trendGbp);
  const trendText =
    recent.length === 0
      ? 'no complete month to take a trend from, so future AWS spend is shown as zero'
      : `the mean of the last ${recent.length} complete month(s) (${recent[0]!.month} to ${recent[recent.length - 1]!.month}), held flat`;

  if (forecasts && forecasts.length > 0) {
    const byMonth = new Map(forecasts.map((f) => [f.month, f]));
    const missing = futureMonths.filter((m) => !byMonth.has(m));
    return {
      basis: 'cost-explorer',
      text:
        `AWS Cost Explorer forecast (GetCostForecast) for ${futureMonths.filter((m) => byMonth.has(m)).length} month(s)` +
        (missing.length > 0
          ? `; ${missing.length} later month(s) (${missing[0]} to ${missing[missing.length - 1]}) use ${trendText}`
          : '') +
        '.',
      forMonth: (m, rate) => {
        const f = byMonth.get(m);
        if (!f) return trend(m, rate);
        return f.currency === 'GBP' ? new Money(f.amount) : new Money(f.amount).times(rate);
      },
    };
  }
  if (estimate && estimate.length > 0) {
    const cutover = new Map(model.programme.waves.map((w) => [w.id, w.cutover]));
    return {
      basis: 'estimate',
      text: "Projected from the cost estimate (price snapshot, on-demand): each wave's estimated monthly AWS cost counts from its cut-over month.",
      forMonth: (m, rate) =>
        estimate
          .filter((l) => (cutover.get(l.wave) ?? '9999-12') <= m)
          .reduce((a, l) => a.plus(l.monthlyUsd), new Money(0))
          .times(rate),
    };
  }
  return { basis: 'trend', text: `Projected from the trend: ${trendText}.`, forMonth: trend };
}

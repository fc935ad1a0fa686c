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

/** The trend of the last complete months, held flat, and how to describe it. */
function trendOf(completeSpend: readonly MonthSpend[]) {
  const recent = completeSpend.slice(-TREND_MONTHS);
  const mean = (pick: (s: MonthSpend) => Money) =>
    recent.length === 0
      ? new Money(0)
      : recent.reduce((a, s) => a.plus(pick(s)), new Money(0)).div(recent.length);
  const trendUsd = mean((s) => s.usd);
  const trendGbp = mean((s) => s.gbp);
  const forMonth = (_m: string, rate: Money): Money => trendUsd.times(rate).plus(trendGbp);
  const text =
    recent.length === 0
      ? 'no complete month to take a trend from, so future AWS spend is shown as zero'
      : `the mean of the last ${recent.length} complete month(s) (${recent[0]!.month} to ${recent[recent.length - 1]!.month}), held flat`;
  return { forMonth, text };
}

/** Cost Explorer's forecast where it has the month, the trend after it. */
function costExplorerForecast(
  futureMonths: readonly string[],
  forecasts: readonly MonthlyForecast[],
  trend: ReturnType<typeof trendOf>,
): ForecastPlan {
  const byMonth = new Map(forecasts.map((f) => [f.month, f]));
  const missing = futureMonths.filter((m) => !byMonth.has(m));
  return {
    basis: 'cost-explorer',
    text:
      `AWS Cost Explorer forecast (GetCostForecast) for ${futureMonths.filter((m) => byMonth.has(m)).length} month(s)` +
      (missing.length > 0
        ? `; ${missing.length} later month(s) (${missing[0]} to ${missing[missing.length - 1]}) use ${trend.text}`
        : '') +
      '.',
    forMonth: (m, rate) => {
      const f = byMonth.get(m);
      if (!f) return trend.forMonth(m, rate);
      return f.currency === 'GBP' ? new Money(f.amount) : new Money(f.amount).times(rate);
    },
  };
}

/** Each wave's estimated monthly cost, counted from its cut-over month (the model's waves). */
function estimateForecast(model: EstateModel, estimate: readonly EstimateLine[]): ForecastPlan {
  const cutover = new Map(model.planned.waves.map((w) => [w.id, w.cutover]));
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
  const trend = trendOf(completeSpend);
  if (forecasts && forecasts.length > 0) return costExplorerForecast(futureMonths, forecasts, trend);
  if (estimate && estimate.length > 0) return estimateForecast(model, estimate);
  return { basis: 'trend', text: `Projected from the trend: ${trend.text}.`, forMonth: trend.forMonth };
}

/**
 * Cost Explorer billing for a report: actual months to the report month (closed months from the
 * cache), and a forecast to the agreement end. The open month's forecast covers only the rest of
 * it, so its costs to date are added (one request). Shared by the CLI and the monthly job.
 */
import { Money as Decimal } from '../../shared/money';
import type { BillingResult, MonthlyForecast } from '../billing/types';
import type { CostExplorerBillingSource } from '../cost-explorer';
import { PRICE_PER_REQUEST_USD } from '../cost-explorer';

export interface FetchedBilling {
  readonly billing: BillingResult;
  readonly forecasts?: readonly MonthlyForecast[];
  /** Lines to print after the fetch (paid requests and their cost). */
  readonly notes: readonly string[];
}

export async function costExplorerBilling(
  source: CostExplorerBillingSource,
  /** The agreement's last month, `YYYY-MM` (the forecast runs to it). */
  end: string,
  from: string,
  reportMonth: string,
  now: Date,
): Promise<FetchedBilling> {
  const current = now.toISOString().slice(0, 7);
  const billing = await source.fetch({ from, to: reportMonth < end ? reportMonth : end });
  let forecasts: MonthlyForecast[] | undefined;
  if (reportMonth < end && current <= end) {
    const raw = await source.forecast(end);
    const mtd =
      current > reportMonth && raw.some((f) => f.month === current)
        ? await source.monthToDate(current)
        : undefined;
    forecasts = raw.map((f) =>
      f.month === current && mtd && mtd.currency === f.currency
        ? { ...f, amount: new Decimal(mtd.amount).plus(f.amount).toString() }
        : f,
    );
  }
  return {
    billing,
    ...(forecasts ? { forecasts } : {}),
    notes: [
      `Cost Explorer: ${source.paidRequests} paid request(s) this run, $${source.paidRequestsCostUsd} at $${PRICE_PER_REQUEST_USD} each (${
        Object.entries(source.paidRequestsByOperation())
          .map(([op, n]) => `${op} ${n}`)
          .join(', ') || 'all months from cache'
      }).`,
    ],
  };
}

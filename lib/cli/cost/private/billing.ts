/** Fetches billing rows (and forecasts) from the chosen source for the report command. */
import { join } from 'node:path';
import { Money } from '../../../shared/money';
import type { CliIo } from '../../command';
import type { Plan } from '../../../plan/plan';
import type { BillingResult, MonthlyForecast } from '../../../cost/billing/types';
import {
  CostExplorerBillingSource,
  createCostExplorerClient,
  PRICE_PER_REQUEST_USD,
} from '../../../cost/cost-explorer';
import { FocusBillingSource } from '../../../cost/focus';
import { credentialsFromEnv } from './credentials';

export interface FetchedBilling {
  readonly billing: BillingResult;
  readonly forecasts?: readonly MonthlyForecast[];
  /** Lines to print after the fetch (paid requests and their cost). */
  readonly notes: readonly string[];
}

export async function fetchFocus(
  io: CliIo,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<FetchedBilling> {
  const source = new FocusBillingSource({ paths, baseDir: io.cwd, now: io.now });
  return { billing: await source.fetch({ from, to }), notes: [] };
}

/**
 * Cost Explorer: actual months to the report month, and a forecast for the rest of the agreement.
 * The current month's forecast covers only the rest of the month, so its costs to date are added.
 */
export async function fetchCostExplorer(
  io: CliIo,
  plan: Plan,
  endpoint: string | undefined,
  cacheRoot: string,
  from: string,
  reportMonth: string,
): Promise<FetchedBilling> {
  const client = createCostExplorerClient({ ...(endpoint ? { endpoint } : {}), ...credentialsFromEnv(io) });
  const source = new CostExplorerBillingSource({
    client,
    now: io.now,
    cacheDir: join(cacheRoot, 'cost-explorer', plan.estate.id),
  });
  const end = plan.estate.agreement.end;
  const current = io.now().toISOString().slice(0, 7);
  const fetchTo = current > reportMonth && current <= end ? current : reportMonth < end ? reportMonth : end;
  const all = await source.fetch({ from, to: fetchTo });
  let forecasts: MonthlyForecast[] | undefined;
  if (reportMonth < end && current <= end) {
    const raw = await source.forecast(end);
    forecasts = raw.map((f) => {
      if (f.month !== current || current <= reportMonth) return f;
      const mtd = all.rows
        .filter((r) => r.month === current && r.currency === f.currency)
        .reduce((a, r) => a.plus(r.amortizedCost), new Money(0));
      return { ...f, amount: mtd.plus(f.amount).toString() };
    });
  }
  const billing: BillingResult = {
    ...all,
    rows: all.rows.filter((r) => r.month <= reportMonth),
    months: all.months.filter((m) => m.month <= reportMonth),
  };
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

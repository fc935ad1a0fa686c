/**
 * Billing source backed by the Cost Explorer API (GetCostAndUsage, GetCostForecast).
 *
 * Cost Explorer groups by at most two keys per request, and the report needs application, wave,
 * service and charge category. So each contiguous run of months to fetch takes two requests,
 * whatever the number of waves (times their pages; every page is a paid request):
 *
 *   1  usage grouped by [TAG Application, TAG MigrationWave]  -> `tags` breakdown rows
 *   1  everything grouped by [RECORD_TYPE, SERVICE]           -> `service` breakdown rows for
 *      usage; credits, refunds and tax as full rows (account-level: no application or wave)
 *
 * Closed months already cached are not fetched; the current month is always fetched, in its own
 * run. `monthToDate` reads an open month's total with one request, and GetCostForecast is one
 * more: a warm report of a closed period (its months cached) makes 2 paid requests.
 */
import {
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  type CostExplorerClient,
  type GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { createHash } from 'node:crypto';
import { Money } from '../../shared/money';
import { mergeRows } from '../billing/merge-rows';
import { parseAmount } from '../billing/money';
import { addMonths, dateOf, monthOf, monthRange, monthStartDate, nextMonth } from '../../shared/months';
import type {
  BillingQuery,
  BillingResult,
  BillingSource,
  MonthlyCostRow,
  MonthlyForecast,
  MonthStatus,
} from '../billing/types';
import { CostExplorerError } from './cost-explorer-error';
import { MonthCache } from './private/month-cache';
import { contiguousRuns } from './private/month-runs';
import { METRICS, parseCostAndUsagePage } from './private/parse-results';
import { planRequests, usageByTags, type PlannedRequest } from './private/request-plan';
import { RequestCounter } from './private/request-counter';

/** Months GetCostForecast can cover with MONTHLY granularity, the current month included. */
export const MAX_FORECAST_MONTHS = 12;

export interface CostExplorerSourceProps {
  /** The real SDK client, built by the caller (the CLI's `awsClient`, or the monthly job's entry point). */
  readonly client: CostExplorerClient;
  /** The clock; decides which month is still open. */
  readonly now: () => Date;
  /** Folder for cached closed months (created when missing). */
  readonly cacheDir: string;
  /** Cost-allocation tag holding the application id. @default 'Application' */
  readonly applicationTagKey?: string;
  /** Cost-allocation tag holding the migration wave id. @default 'MigrationWave' */
  readonly waveTagKey?: string;
  /** Forecast metric. @default 'AMORTIZED_COST' */
  readonly forecastMetric?: 'AMORTIZED_COST' | 'UNBLENDED_COST';
}

interface RunResult {
  rows: MonthlyCostRow[];
  estimated: Set<string>;
}

export class CostExplorerBillingSource implements BillingSource {
  private readonly client: CostExplorerClient;
  private readonly now: () => Date;
  private readonly cache: MonthCache;
  private readonly appKey: string;
  private readonly waveKey: string;
  private readonly forecastMetric: 'AMORTIZED_COST' | 'UNBLENDED_COST';
  private readonly counter = new RequestCounter();

  constructor(props: CostExplorerSourceProps) {
    this.client = props.client;
    this.now = props.now;
    this.appKey = props.applicationTagKey ?? 'Application';
    this.waveKey = props.waveTagKey ?? 'MigrationWave';
    this.forecastMetric = props.forecastMetric ?? 'AMORTIZED_COST';
    const queryKey = createHash('sha256')
      .update(
        JSON.stringify({
          v: 1,
          app: this.appKey,
          wave: this.waveKey,
          metrics: METRICS,
          split: 'tags+service',
        }),
      )
      .digest('hex')
      .slice(0, 12);
    this.cache = new MonthCache(props.cacheDir, queryKey);
  }

  /**
   * Paid requests made so far by this source: one per call (each page and the forecast
   * included). The SDK's own retries of a throttled or failed call are not counted again, and a
   * call that fails before reaching AWS (no credentials) is still counted: an upper bound.
   */
  get paidRequests(): number {
    return this.counter.total;
  }

  /** What those requests cost, USD decimal string ($0.01 each). */
  get paidRequestsCostUsd(): string {
    return this.counter.costUsd;
  }

  /** Paid requests by operation name. */
  paidRequestsByOperation(): Record<string, number> {
    return this.counter.operations();
  }

  async fetch(query: BillingQuery): Promise<BillingResult> {
    const months = monthRange(query.from, query.to);
    if (months.length === 0)
      throw new Error(`The month range ${query.from}..${query.to} is empty: "from" is after "to"`);
    const now = this.now();
    const current = monthOf(now);
    const rows: MonthlyCostRow[] = [];
    const status = new Map<string, MonthStatus>();

    const toFetch: string[] = [];
    for (const month of months) {
      if (month > current) {
        status.set(month, { month, complete: false, reason: 'in the future: no cost data yet' });
        continue;
      }
      if (month < current) {
        const cached = await this.cache.read(month);
        if (cached) {
          rows.push(...cached);
          status.set(month, { month, complete: true });
          continue;
        }
      }
      toFetch.push(month);
    }

    for (const run of contiguousRuns(toFetch, current)) {
      const result = await this.fetchRun(run[0]!, run[run.length - 1]!);
      for (const month of run) {
        const monthRows = mergeRows(result.rows.filter((r) => r.month === month));
        rows.push(...monthRows);
        if (month === current) {
          status.set(month, { month, complete: false, reason: 'current month: costs to date only' });
        } else if (result.estimated.has(month)) {
          status.set(month, {
            month,
            complete: false,
            reason: 'Cost Explorer still marks this month as estimated',
          });
        } else {
          await this.cache.write(month, monthRows);
          status.set(month, { month, complete: true });
        }
      }
    }

    return {
      rows: mergeRows(rows),
      months: months.map((m) => status.get(m)!),
      source: {
        kind: 'cost-explorer',
        description: `AWS Cost Explorer, grouped by tags ${this.appKey} and ${this.waveKey}, and by service`,
        retrievedAt: now.toISOString(),
        paidRequests: this.counter.total,
      },
    };
  }

  /**
   * Forecast from today to the end of `to` (one GetCostForecast request). The current month's
   * entry covers only the rest of the month, from today; add it to the month's costs to date.
   * Cost Explorer forecasts at most 12 months ahead (MONTHLY granularity): months after
   * `MAX_FORECAST_MONTHS - 1` months from now are left out of the answer rather than failing.
   */
  async forecast(to: string): Promise<MonthlyForecast[]> {
    const now = this.now();
    const current = monthOf(now);
    if (to < current) return [];
    const last =
      to < addMonths(current, MAX_FORECAST_MONTHS - 1) ? to : addMonths(current, MAX_FORECAST_MONTHS - 1);
    const start = dateOf(now);
    const end = monthStartDate(nextMonth(last));
    const where = `Cost Explorer GetCostForecast for ${start}..${end}`;
    const out = await this.call('GetCostForecast', where, () =>
      this.client.send(
        new GetCostForecastCommand({
          TimePeriod: { Start: start, End: end },
          Metric: this.forecastMetric,
          Granularity: 'MONTHLY',
        }),
      ),
    );
    const unit = out.Total?.Unit;
    if (unit !== 'USD' && unit !== 'GBP')
      throw new CostExplorerError(`${where}: unsupported or missing currency unit ${JSON.stringify(unit)}`);
    if (!Array.isArray(out.ForecastResultsByTime)) {
      throw new CostExplorerError(
        `${where}: the response has no ForecastResultsByTime list; it cannot be trusted`,
      );
    }
    return out.ForecastResultsByTime.map((r, i) => {
      const s = r.TimePeriod?.Start;
      if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) {
        throw new CostExplorerError(
          `${where}: ForecastResultsByTime[${i}] has TimePeriod.Start ${JSON.stringify(s)}`,
        );
      }
      let amount: string;
      try {
        amount = parseAmount(r.MeanValue, `${where}: ForecastResultsByTime[${i}].MeanValue`);
      } catch (e) {
        throw new CostExplorerError((e as Error).message);
      }
      return { month: s.slice(0, 7), amount, currency: unit };
    });
  }

  /**
   * The month-to-date total of an open month in the billing currency (usage by tags, credits,
   * refunds and tax excluded): one request, for adding to the rest-of-month forecast.
   */
  async monthToDate(month: string): Promise<{ amount: string; currency: 'USD' | 'GBP' } | undefined> {
    const period = { Start: monthStartDate(month), End: monthStartDate(nextMonth(month)) };
    const rows = await this.runRequests(
      period,
      [usageByTags(month, { app: this.appKey, wave: this.waveKey })],
      new Set([month]),
    );
    if (rows.rows.length === 0) return undefined;
    const currency = rows.rows[0]!.currency;
    const amount = rows.rows
      .filter((r) => r.currency === currency)
      .reduce((a, r) => a.plus(r.amortizedCost), new Money(0));
    return { amount: amount.toFixed(), currency };
  }

  private async fetchRun(from: string, to: string): Promise<RunResult> {
    const period = { Start: monthStartDate(from), End: monthStartDate(nextMonth(to)) };
    const label = from === to ? from : `${from}..${to}`;
    const requests = planRequests(label, { app: this.appKey, wave: this.waveKey });
    return this.runRequests(period, requests, new Set(monthRange(from, to)));
  }

  private async runRequests(
    period: { Start: string; End: string },
    requests: readonly PlannedRequest[],
    allowed: ReadonlySet<string>,
  ): Promise<RunResult> {
    const rows: MonthlyCostRow[] = [];
    const estimated = new Set<string>();
    for (const r of requests) {
      let token: string | undefined;
      let page = 0;
      do {
        page += 1;
        const where = `${r.mapping.where}, page ${page}`;
        const out: GetCostAndUsageCommandOutput = await this.call('GetCostAndUsage', where, () =>
          this.client.send(
            new GetCostAndUsageCommand({
              TimePeriod: period,
              Granularity: 'MONTHLY',
              Metrics: [...METRICS],
              GroupBy: r.groupBy,
              ...(r.filter ? { Filter: r.filter } : {}),
              ...(token ? { NextPageToken: token } : {}),
            }),
          ),
        );
        const parsed = parseCostAndUsagePage(out, { ...r.mapping, where }, allowed);
        rows.push(...parsed.rows);
        parsed.estimatedMonths.forEach((m) => estimated.add(m));
        token = parsed.nextPageToken;
      } while (token);
    }
    return { rows, estimated };
  }

  /** Sends one paid request; wraps failures with the operation and months. */
  private async call<T>(operation: string, where: string, send: () => Promise<T>): Promise<T> {
    this.counter.add(operation);
    try {
      return await send();
    } catch (e) {
      if (e instanceof CostExplorerError) throw e;
      const err = e as Error & { $metadata?: { attempts?: number; httpStatusCode?: number } };
      const attempts = err.$metadata?.attempts;
      const status = err.$metadata?.httpStatusCode;
      throw new CostExplorerError(
        `${where} failed${attempts ? ` after ${attempts} attempt(s)` : ''}` +
          `${status ? ` (HTTP ${status})` : ''}: ${err.name}: ${err.message}. ` +
          'Check the credentials and region (or --endpoint), or try again later.',
      );
    }
  }
}

/** The estimate as CSV (UTF-8 BOM, CRLF, header row, GBP/USD as plain 2-decimal numbers). */
import { CSV_BOM } from '../report/csv';
import type { CostEstimate } from './types';

function cell(v: string | null): string {
  const s = v ?? '';
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function renderEstimateCsv(e: CostEstimate): string {
  const header = [
    'kind',
    'id',
    'application',
    'wave',
    'resource',
    'usd_on_demand',
    'usd_savings_plan_1yr',
    'usd_savings_plan_3yr',
    'gbp_on_demand',
    'gbp_savings_plan_1yr',
    'gbp_savings_plan_3yr',
  ];
  const rows = e.items.map((i) => [
    i.kind,
    i.id,
    i.application,
    i.wave,
    i.resource,
    i.monthlyUsd['on-demand'],
    i.monthlyUsd['savings-plan-1yr'],
    i.monthlyUsd['savings-plan-3yr'],
    i.monthlyGbp['on-demand'],
    i.monthlyGbp['savings-plan-1yr'],
    i.monthlyGbp['savings-plan-3yr'],
  ]);
  rows.push([
    'total',
    'total',
    null,
    null,
    `all waves moved, per month, as of ${e.priceSnapshot.asOf}`,
    e.totalMonthlyUsd['on-demand'],
    e.totalMonthlyUsd['savings-plan-1yr'],
    e.totalMonthlyUsd['savings-plan-3yr'],
    e.totalMonthlyGbp['on-demand'],
    e.totalMonthlyGbp['savings-plan-1yr'],
    e.totalMonthlyGbp['savings-plan-3yr'],
  ]);
  return CSV_BOM + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function renderEstimateJson(e: CostEstimate): string {
  return `${JSON.stringify({ format: 'council-estate-cost-estimate', version: 1, ...e }, null, 2)}\n`;
}

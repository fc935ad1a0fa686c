/**
 * The cost report's closing parts: the reconciliation notes (tables that round their own lines),
 * the caveats that read the finished tables, the exchange rates used and the data sources.
 */
import type { BillingResult } from '../../billing/types';
import type { PlanExchangeRate } from '../exchange';
import { Money } from '../../../shared/money';
import type { Breakdown, DataSource, MonthTotals, RateUsed } from '../types';
import type { Rates } from './keyed';

export interface Tables {
  readonly app: Breakdown;
  readonly wave: Breakdown;
  readonly services: { readonly total: string };
}

/** Where a table's total differs from the monthly table's because each rounds its own lines. */
export function reconciliationOf(t: Tables, toDate: MonthTotals): string[] {
  const checks: [string, string, string, string][] = [
    ['By application', 'AWS to date', t.app.total.aws, toDate.aws],
    ['By wave', 'AWS to date', t.wave.total.aws, toDate.aws],
    ['Top services', 'AWS to date', t.services.total, toDate.aws],
    ['By application', 'legacy still paid to date', t.app.total.legacyPaid, toDate.legacyPaid],
    ['By wave', 'legacy still paid to date', t.wave.total.legacyPaid, toDate.legacyPaid],
    ['By application', 'legacy counterfactual to date', t.app.total.counterfactual, toDate.counterfactual],
    ['By wave', 'legacy counterfactual to date', t.wave.total.counterfactual, toDate.counterfactual],
  ];
  return checks.flatMap(([table, what, total, monthly]) => {
    const diff = new Money(total).minus(monthly);
    return diff.isZero()
      ? []
      : [
          `${table}: ${what} totals ${total}, ${diff.abs().toFixed(2)} ${diff.isPos() ? 'more' : 'less'} than the monthly table (${monthly}) because each table rounds its own lines to the penny.`,
        ];
  });
}

export function incompleteCaveats(incomplete: ReadonlyMap<string, string>): string[] {
  const months = [...incomplete.keys()].sort();
  return months.length > 0
    ? [
        `Incomplete months (figures will change): ${months.map((m) => `${m} (${incomplete.get(m)})`).join('; ')}.`,
      ]
    : [];
}

/** Caveats about spend the application table could not place, and other providers' spend. */
export function tagCaveats(app: Breakdown, billing: BillingResult): string[] {
  const caveats: string[] = [];
  const untagged = app.lines.find((l) => l.key === null)!;
  if (untagged.aws !== '0.00') {
    caveats.push(
      `£${untagged.aws} of AWS spend to date carries no Application tag; it is shown as its own line and not spread over applications.`,
    );
  }
  const unmatched = app.lines.filter((l) => l.unknownTag);
  if (unmatched.length > 0) {
    caveats.push(
      `Application tag values that match no application in the plan (by id or tagValues): ${unmatched.map((l) => `${JSON.stringify(l.key)} £${l.aws}`).join(', ')}. Fix the tags, or add the value to that application's tagValues in estate.yaml.`,
    );
  }
  const others = billing.otherProviders ?? [];
  if (others.length > 0) {
    const each = others.map(
      (p) =>
        `${p.provider} ${p.currency} ${new Money(p.billedCost).toFixed(2)} billed (${new Money(p.effectiveCost).toFixed(2)} effective)`,
    );
    caveats.push(`Other providers in the FOCUS data are not counted as AWS spend: ${each.join('; ')}.`);
  }
  return caveats;
}

/** The baseline's exchange rates that some month of the agreement used, oldest first. */
export function ratesUsedOf(
  exchangeRates: readonly PlanExchangeRate[],
  allMonths: readonly string[],
  rates: Rates,
): RateUsed[] {
  const used: RateUsed[] = [];
  for (const r of [...exchangeRates].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    const months = allMonths.filter((m) => rates.get(m) === r);
    if (months.length > 0) used.push({ from: r.from, usdToGbp: r.usdToGbp, source: r.source, months });
  }
  return used;
}

const SOURCE_NAMES = {
  focus: 'FOCUS billing export',
  athena: 'FOCUS billing export (Athena)',
  'cost-explorer': 'AWS Cost Explorer',
} as const;

/** The legacy baseline as a data source: its folder, counts and month. */
export interface BaselineSource {
  readonly dir: string;
  readonly monthlyCosts: number;
  readonly oneOffCosts: number;
  readonly baselineMonth: string;
}

export function sourcesOf(
  baseline: BaselineSource,
  billing: BillingResult,
  sampleData: boolean | undefined,
  extra: readonly DataSource[] | undefined,
): DataSource[] {
  return [
    {
      name: SOURCE_NAMES[billing.source.kind],
      description: billing.source.description + (sampleData ? ' (sample data, not your bill)' : ''),
      asOf: billing.source.retrievedAt,
      ...(billing.source.dataThrough ? { dataThrough: billing.source.dataThrough } : {}),
    },
    {
      name: 'Legacy baseline',
      description: `${baseline.dir}/legacy-baseline.yaml: ${baseline.monthlyCosts} monthly cost(s), ${baseline.oneOffCosts} one-off cost(s)`,
      asOf: baseline.baselineMonth,
    },
    ...(extra ?? []),
  ];
}

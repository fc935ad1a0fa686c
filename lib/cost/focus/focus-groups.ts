/**
 * FOCUS line groups (from `aggregateSql`, run by DuckDB or Athena) to a billing result: AWS rows
 * only (other providers totalled), one copy of each billing period, month statuses.
 */
import { Money as Decimal } from '../../shared/money';
import { mergeRows } from '../billing/merge-rows';
import { monthOf } from '../../shared/months';
import type {
  BillingResult,
  BillingSourceInfo,
  MonthlyCostRow,
  MonthStatus,
  OtherProviderTotal,
} from '../billing/types';
import { FOCUS_CHARGE_CATEGORIES } from './focus-columns';
import { FocusExportError } from './focus-error';

/** One aggregated group of FOCUS lines, as `aggregateSql` returns it (by DuckDB or Athena). */
export interface FocusGroup {
  file: string;
  provider: string;
  is_aws: boolean;
  account: string | null;
  billing_month: string | null;
  month: string | null;
  application: string | null;
  wave: string | null;
  service: string | null;
  category: string | null;
  currency: string | null;
  amortized: string | null;
  unblended: string | null;
  period_end: string | null;
  bad_lines: bigint | number;
  lines: bigint | number;
}

/** The billing result for `months` from the groups; throws on a second copy of a billing period. */
export function billingResultFromGroups(
  groups: readonly FocusGroup[],
  months: readonly string[],
  now: Date,
  source: Pick<BillingSourceInfo, 'kind' | 'description' | 'paidRequests'> & { readonly missing?: string },
): BillingResult {
  const current = monthOf(now);
  checkSingleCopy(groups);
  const wanted = new Set(months);
  const rows: MonthlyCostRow[] = [];
  const withData = new Set<string>();
  const others = new Map<string, { billed: Decimal; effective: Decimal }>();
  let dataThrough: string | undefined;
  for (const g of groups) {
    const month = g.month!;
    if (!wanted.has(month)) continue;
    if (!g.is_aws) {
      const key = JSON.stringify([g.provider, g.currency]);
      const o = others.get(key) ?? { billed: new Decimal(0), effective: new Decimal(0) };
      others.set(key, { billed: o.billed.plus(g.unblended!), effective: o.effective.plus(g.amortized!) });
      continue;
    }
    if (g.period_end && (!dataThrough || g.period_end > dataThrough)) dataThrough = g.period_end;
    withData.add(month);
    rows.push(toRow(g));
  }
  const otherProviders: OtherProviderTotal[] = [...others.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([key, o]) => {
      const [provider, currency] = JSON.parse(key) as [string, string | null];
      return {
        provider,
        currency: currency ?? '',
        billedCost: o.billed.toFixed(),
        effectiveCost: o.effective.toFixed(),
      };
    });
  const merged = mergeRows(rows);

  const status: MonthStatus[] = months.map((month) => {
    if (month > current) return { month, complete: false, reason: 'in the future: no cost data yet' };
    if (month === current) return { month, complete: false, reason: 'current month: costs to date only' };
    if (!withData.has(month))
      return {
        month,
        complete: false,
        reason: source.missing ?? 'missing: the FOCUS export has no rows for this month',
      };
    return { month, complete: true };
  });

  return {
    rows: merged,
    months: status,
    ...(otherProviders.length > 0 ? { otherProviders } : {}),
    source: {
      kind: source.kind,
      description: source.description,
      retrievedAt: now.toISOString(),
      ...(dataThrough ? { dataThrough: isoTimestamp(dataThrough) } : {}),
      ...(source.paidRequests !== undefined ? { paidRequests: source.paidRequests } : {}),
    },
  };
}

function toRow(g: FocusGroup): MonthlyCostRow {
  const category = FOCUS_CHARGE_CATEGORIES[g.category as keyof typeof FOCUS_CHARGE_CATEGORIES];
  if (!category) {
    throw new FocusExportError(
      `FOCUS export has ChargeCategory ${JSON.stringify(g.category)} in ${g.month}; FOCUS 1.0 allows ${Object.keys(FOCUS_CHARGE_CATEGORIES).join(', ')}`,
    );
  }
  if (g.currency !== 'USD' && g.currency !== 'GBP') {
    throw new FocusExportError(
      `FOCUS export has BillingCurrency ${JSON.stringify(g.currency)} in ${g.month}; only USD and GBP are supported`,
    );
  }
  return {
    month: g.month!,
    application: g.application,
    wave: g.wave,
    service: g.service!,
    chargeCategory: category,
    amortizedCost: new Decimal(g.amortized!).toFixed(),
    unblendedCost: new Decimal(g.unblended!).toFixed(),
    currency: g.currency,
  };
}

/**
 * One billing period of one account must come from one file, or from the numbered parts one
 * export writes into one folder (`<name>-00001.parquet`, `<name>-00002.parquet`: Data Exports
 * splits a large period so). Anything else is two copies of the same data (`export.csv` and
 * `export (1).csv` downloaded twice, an export set to create a new version on each refresh, a
 * folder holding both a CSV and a Parquet copy): adding them up would double the cost, so refuse.
 */
function checkSingleCopy(groups: readonly FocusGroup[]): void {
  const files = new Map<string, Set<string>>();
  for (const g of groups) {
    if (!g.billing_month) continue;
    const key = JSON.stringify([g.billing_month, g.account]);
    const set = files.get(key) ?? new Set<string>();
    set.add(g.file);
    files.set(key, set);
  }
  for (const [key, set] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (set.size < 2 || partsOfOneExport([...set])) continue;
    const [month, account] = JSON.parse(key) as [string, string | null];
    throw new FocusExportError(
      `FOCUS export has billing period ${month}${account ? ` of account ${account}` : ''} in ${set.size} files: ` +
        `${[...set].sort().join(', ')}. Adding both would count the month twice. A file downloaded twice, an ` +
        'export set to create a new version on each refresh, or a folder holding both a CSV and a Parquet copy ' +
        'gives two copies: remove the extra copies or point at one copy only.',
    );
  }
}

/** Files named `<prefix>-<number>.<ext>` with one prefix, in one folder: parts of one export. */
function partsOfOneExport(files: readonly string[]): boolean {
  const prefixes = new Set<string>();
  for (const f of files) {
    const m = /^(.*)-\d{1,6}\.(csv|csv\.gz|parquet|snappy\.parquet)$/i.exec(f);
    if (!m) return false;
    prefixes.add(`${m[1]}.${m[2]!.toLowerCase()}`);
  }
  return prefixes.size === 1;
}

/** DuckDB's "2026-11-15 00:00:00" as ISO 8601 UTC, "2026-11-15T00:00:00Z". */
function isoTimestamp(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(value);
  return m ? `${m[1]}T${m[2]}Z` : value;
}

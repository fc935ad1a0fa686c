/**
 * Billing source reading FOCUS 1.0 exports (AWS Data Exports: CSV, gzip CSV or Parquet; files,
 * directories or globs) with DuckDB. All aggregation happens in SQL over exact decimals
 * (DECIMAL(38,12)); amounts leave DuckDB as decimal strings.
 *
 * Month = the UTC month of ChargePeriodStart. Amortized = SUM(EffectiveCost), unblended =
 * SUM(BilledCost). Months before the clock's month are complete when the export has data for
 * them; the current month is incomplete; a month with no data is reported missing.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { Money } from '../../shared/money';
import { mergeRows } from '../billing/merge-rows';
import { monthOf, monthRange } from '../../shared/months';
import type {
  BillingQuery,
  BillingResult,
  BillingSource,
  MonthlyCostRow,
  MonthStatus,
} from '../billing/types';
import { FOCUS_CHARGE_CATEGORIES, FOCUS_REQUIRED_COLUMNS } from './focus-columns';
import { FocusExportError } from './focus-error';
import { withDuckDb } from './private/duckdb';
import { aggregateSql, normalisedSql, readerSql, type ColumnTypes } from './private/focus-sql';
import { resolveInputs, sqlString, type FocusFileFormat } from './private/resolve-inputs';

export interface FocusSourceProps {
  /** FOCUS export files, directories (searched recursively) or globs (`billing/**\/*.parquet`). */
  readonly paths: readonly string[];
  /** Folder relative paths are resolved against (the CLI passes its cwd). */
  readonly baseDir: string;
  /** The clock; decides which month is still open. */
  readonly now: () => Date;
  /** Tag holding the application id. @default 'Application' */
  readonly applicationTagKey?: string;
  /** Tag holding the migration wave id. @default 'MigrationWave' */
  readonly waveTagKey?: string;
}

interface Group {
  dir: string;
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

export class FocusBillingSource implements BillingSource {
  private readonly appKey: string;
  private readonly waveKey: string;

  constructor(private readonly props: FocusSourceProps) {
    this.appKey = props.applicationTagKey ?? 'Application';
    this.waveKey = props.waveTagKey ?? 'MigrationWave';
  }

  async fetch(query: BillingQuery): Promise<BillingResult> {
    const months = monthRange(query.from, query.to);
    if (months.length === 0)
      throw new Error(`The month range ${query.from}..${query.to} is empty: "from" is after "to"`);
    const now = this.props.now();
    const current = monthOf(now);
    const inputs = await resolveInputs(this.props.paths, this.props.baseDir);

    const groups = await withDuckDb((conn) => this.aggregate(conn, inputs));

    checkSingleCopy(groups);
    const wanted = new Set(months);
    const rows: MonthlyCostRow[] = [];
    const withData = new Set<string>();
    let dataThrough: string | undefined;
    for (const g of groups) {
      const month = g.month!;
      if (g.period_end && (!dataThrough || g.period_end > dataThrough)) dataThrough = g.period_end;
      if (!wanted.has(month)) continue;
      withData.add(month);
      rows.push(this.toRow(g));
    }
    const merged = mergeRows(rows);

    const status: MonthStatus[] = months.map((month) => {
      if (month > current) return { month, complete: false, reason: 'in the future: no cost data yet' };
      if (month === current) return { month, complete: false, reason: 'current month: costs to date only' };
      if (!withData.has(month))
        return { month, complete: false, reason: 'missing: the FOCUS export has no rows for this month' };
      return { month, complete: true };
    });

    const fileCount = inputs.csv.length + inputs.parquet.length;
    const parts = [
      fileCount > 0
        ? `${fileCount} file${fileCount === 1 ? '' : 's'} (${inputs.csv.length} CSV, ${inputs.parquet.length} Parquet)`
        : '',
      ...inputs.globs.map((g) => `glob ${g.pattern}`),
    ].filter(Boolean);
    return {
      rows: merged,
      months: status,
      source: {
        kind: 'focus',
        description: `FOCUS 1.0 export: ${parts.join(', ')} from ${this.props.paths.join(', ')}`,
        retrievedAt: now.toISOString(),
        ...(dataThrough ? { dataThrough: isoTimestamp(dataThrough) } : {}),
      },
    };
  }

  private toRow(g: Group): MonthlyCostRow {
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
      amortizedCost: new Money(g.amortized!).toFixed(),
      unblendedCost: new Money(g.unblended!).toFixed(),
      currency: g.currency,
    };
  }

  private async aggregate(
    conn: DuckDBConnection,
    inputs: Awaited<ReturnType<typeof resolveInputs>>,
  ): Promise<Group[]> {
    const sources: { format: FocusFileFormat; files: string[] }[] = [];
    const csv = [...inputs.csv, ...inputs.globs.filter((g) => g.format === 'csv').map((g) => g.pattern)];
    const parquet = [
      ...inputs.parquet,
      ...inputs.globs.filter((g) => g.format === 'parquet').map((g) => g.pattern),
    ];
    if (csv.length > 0) sources.push({ format: 'csv', files: csv });
    if (parquet.length > 0) sources.push({ format: 'parquet', files: parquet });

    const selects: string[] = [];
    for (const s of sources) {
      const reader = readerSql(s.format, s.files);
      const what = `${s.format === 'csv' ? 'CSV' : 'Parquet'} file(s) ${s.files.join(', ')}`;
      const types = await this.describe(conn, reader, what);
      const missing = FOCUS_REQUIRED_COLUMNS.filter((c) => !types.has(c));
      if (missing.length > 0) {
        throw new FocusExportError(
          `FOCUS export ${what} lacks column(s) ${missing.join(', ')}; expected FOCUS 1.0 columns ${FOCUS_REQUIRED_COLUMNS.join(', ')}`,
        );
      }
      selects.push(normalisedSql(reader, types, this.appKey, this.waveKey));
    }
    await this.run(
      conn,
      `CREATE TEMP VIEW focus_rows AS ${selects.join('\nUNION ALL BY NAME\n')}`,
      'the FOCUS export',
    );
    const groups = (await this.run(
      conn,
      aggregateSql('focus_rows'),
      'the FOCUS export',
    )) as unknown as Group[];
    if (groups.some((g) => Number(g.bad_lines) > 0)) {
      const bad = (await this.run(
        conn,
        `SELECT file, bad FROM focus_rows WHERE bad IS NOT NULL ORDER BY file LIMIT 1`,
        'the FOCUS export',
      )) as {
        file: string;
        bad: string;
      }[];
      const total = groups.reduce((n, g) => n + Number(g.bad_lines), 0);
      throw new FocusExportError(
        `FOCUS export file ${bad[0]?.file}: ${bad[0]?.bad} (${total} bad line(s) in all); fix or remove the file, no total was computed`,
      );
    }
    for (const g of groups) {
      if (!(g.category! in FOCUS_CHARGE_CATEGORIES) || (g.currency !== 'USD' && g.currency !== 'GBP')) {
        const found = (await this.run(
          conn,
          `SELECT file FROM focus_rows WHERE category IS NOT DISTINCT FROM ${g.category === null ? 'NULL' : sqlString(g.category)}
             AND currency IS NOT DISTINCT FROM ${g.currency === null ? 'NULL' : sqlString(g.currency)} ORDER BY file LIMIT 1`,
          'the FOCUS export',
        )) as { file: string }[];
        const problem =
          g.category! in FOCUS_CHARGE_CATEGORIES
            ? `BillingCurrency ${JSON.stringify(g.currency)} is not supported (USD or GBP)`
            : `ChargeCategory ${JSON.stringify(g.category)} is not a FOCUS 1.0 category (${Object.keys(FOCUS_CHARGE_CATEGORIES).join(', ')})`;
        throw new FocusExportError(`FOCUS export file ${found[0]?.file}: ${problem}`);
      }
    }
    return groups;
  }

  private async describe(conn: DuckDBConnection, reader: string, what: string): Promise<ColumnTypes> {
    const rows = (await this.run(conn, `DESCRIBE SELECT * FROM ${reader}`, what)) as {
      column_name: string;
      column_type: string;
    }[];
    return new Map(rows.map((r) => [r.column_name, r.column_type]));
  }

  private async run(conn: DuckDBConnection, sql: string, what: string): Promise<Record<string, unknown>[]> {
    try {
      const reader = await conn.runAndReadAll(sql);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    } catch (e) {
      const message = (e as Error).message.split('\n')[0];
      throw new FocusExportError(`Cannot read ${what}: ${message}`);
    }
  }
}

/**
 * One billing period of one account must come from one folder. Two folders mean two copies of
 * the same data (an export set to create a new version on each refresh, or a parent folder that
 * holds both a CSV and a Parquet copy): adding them up would double the cost, so refuse.
 */
function checkSingleCopy(groups: readonly Group[]): void {
  const dirs = new Map<string, Set<string>>();
  for (const g of groups) {
    if (!g.billing_month) continue;
    const key = JSON.stringify([g.billing_month, g.account]);
    const set = dirs.get(key) ?? new Set<string>();
    set.add(g.dir);
    dirs.set(key, set);
  }
  for (const [key, set] of [...dirs.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (set.size < 2) continue;
    const [month, account] = JSON.parse(key) as [string, string | null];
    throw new FocusExportError(
      `FOCUS export has billing period ${month}${account ? ` of account ${account}` : ''} in ${set.size} folders: ` +
        `${[...set].sort().join(', ')}. Adding both would count the month twice. An export set to create a new ` +
        'version on each refresh keeps older copies, and a parent folder may hold both a CSV and a Parquet copy: ' +
        'point at the folder of one copy only.',
    );
  }
}

/** DuckDB's "2026-11-15 00:00:00" as ISO 8601 UTC, "2026-11-15T00:00:00Z". */
function isoTimestamp(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?/.exec(value);
  return m ? `${m[1]}T${m[2]}Z` : value;
}

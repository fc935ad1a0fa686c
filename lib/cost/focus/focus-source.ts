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
import { monthRange } from '../../shared/months';
import type { BillingQuery, BillingResult, BillingSource } from '../billing/types';
import { FOCUS_CHARGE_CATEGORIES, FOCUS_REQUIRED_COLUMNS } from './focus-columns';
import { FocusExportError } from './focus-error';
import { withDuckDb } from './duckdb';
import { billingResultFromGroups, type FocusGroup } from './focus-groups';
import { aggregateSql, normalisedSql, nullTextAsNullSql, readerSql, type ColumnTypes } from './focus-sql';
import { resolveInputs, sqlString, type FocusFileFormat } from './resolve-inputs';

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
    const inputs = await resolveInputs(this.props.paths, this.props.baseDir);

    const groups = await withDuckDb((conn) => this.aggregate(conn, inputs));
    const fileCount = inputs.csv.length + inputs.parquet.length;
    const parts = [
      fileCount > 0
        ? `${fileCount} file${fileCount === 1 ? '' : 's'} (${inputs.csv.length} CSV, ${inputs.parquet.length} Parquet)`
        : '',
      ...inputs.globs.map((g) => `glob ${g.pattern}`),
    ].filter(Boolean);
    return billingResultFromGroups(groups, months, now, {
      kind: 'focus',
      description: `FOCUS 1.0 export: ${parts.join(', ')} from ${this.props.paths.join(', ')}`,
    });
  }

  private async aggregate(
    conn: DuckDBConnection,
    inputs: Awaited<ReturnType<typeof resolveInputs>>,
  ): Promise<FocusGroup[]> {
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
      const nullsRead = s.format === 'csv' ? nullTextAsNullSql(reader, types) : reader;
      const missing = FOCUS_REQUIRED_COLUMNS.filter((c) => !types.has(c));
      if (missing.length > 0) {
        throw new FocusExportError(
          `FOCUS export ${what} lacks column(s) ${missing.join(', ')}; expected FOCUS 1.0 columns ${FOCUS_REQUIRED_COLUMNS.join(', ')}`,
        );
      }
      selects.push(normalisedSql(nullsRead, types, this.appKey, this.waveKey));
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
    )) as unknown as FocusGroup[];
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
      if (!g.is_aws) continue; // other clouds' lines are only totalled, in their own currency
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

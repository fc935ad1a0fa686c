import type { FocusFileFormat } from './resolve-inputs';
import { sqlString } from './resolve-inputs';

/** Column name -> type (DuckDB's names: `VARCHAR`, `DOUBLE`, `MAP(...)`), from DESCRIBE or the table. */
export type ColumnTypes = ReadonlyMap<string, string>;

/**
 * The few places the FOCUS SQL differs between DuckDB (embedded) and Athena (Trino): the same
 * normalising and aggregating statements are built for either, so both give the same rows.
 */
export interface FocusSqlDialect {
  /** Column naming the file a line came from. */
  readonly fileColumn: string;
  /** `YYYY-MM` of a timestamp expression. */
  month(ts: string): string;
  /** Value of a map column at a key, NULL when absent. */
  mapValue(map: string, key: string): string;
  /** True when a DOUBLE is NaN, or infinite. */
  isNan(x: string): string;
  isInf(x: string): string;
}

export const DUCKDB_DIALECT: FocusSqlDialect = {
  fileColumn: 'filename',
  month: (ts) => `strftime(${ts}, '%Y-%m')`,
  mapValue: (map, key) => `${map}[${key}]`,
  isNan: (x) => `isnan(${x})`,
  isInf: (x) => `isinf(${x})`,
};

/** Athena engine 3 (Trino); the table is the Glue table over the Data Exports Parquet files. */
export const ATHENA_DIALECT: FocusSqlDialect = {
  fileColumn: '"$path"',
  month: (ts) => `date_format(${ts}, '%Y-%m')`,
  mapValue: (map, key) => `element_at(${map}, ${key})`,
  isNan: (x) => `is_nan(${x})`,
  isInf: (x) => `is_infinite(${x})`,
};

/** `read_csv(...)` / `read_parquet(...)` over the given files and globs. */
export function readerSql(format: FocusFileFormat, files: readonly string[]): string {
  const list = `[${files.map(sqlString).join(', ')}]`;
  return format === 'csv'
    ? `read_csv(${list}, header = true, all_varchar = true, union_by_name = true, filename = true, compression = 'auto')`
    : `read_parquet(${list}, union_by_name = true, filename = true)`;
}

/**
 * CSV dumps from SQL tools write nulls as the text `NULL`. In the nullable FOCUS columns this
 * source reads, that text means null; elsewhere (costs, dates) it stays and is refused as
 * malformed. Returns the reader wrapped so that those columns read `NULL` as null.
 */
export function nullTextAsNullSql(reader: string, types: ColumnTypes): string {
  const present = FOCUS_NULLABLE_TEXT_COLUMNS.filter((c) => types.get(c) === 'VARCHAR');
  if (present.length === 0) return reader;
  const replace = present.map((c) => `NULLIF(trim("${c}"), 'NULL') AS "${c}"`).join(', ');
  return `(SELECT * REPLACE (${replace}) FROM ${reader})`;
}

/** Nullable FOCUS columns read by this source (FOCUS 1.0 Tags; the provider columns). */
const FOCUS_NULLABLE_TEXT_COLUMNS = ['Tags', 'ProviderName', 'ServiceProviderName'] as const;

/**
 * The provider of a line: `ProviderName` (FOCUS 1.0 and 1.1), else `ServiceProviderName` (the
 * provider columns of FOCUS 1.2 and later). A file with neither column, or a line leaving them
 * empty, is read as AWS: AWS Data Exports always name the provider, and so do multi-cloud tools.
 */
function providerSql(types: ColumnTypes): string {
  const cols = ['ProviderName', 'ServiceProviderName'].filter((c) => types.has(c));
  if (cols.length === 0) return `'AWS'`;
  return `coalesce(${cols.map((c) => `NULLIF(trim(CAST("${c}" AS VARCHAR)), '')`).join(', ')}, 'AWS')`;
}

/** Provider names that mean AWS (compared upper-case). */
export const AWS_PROVIDER_NAMES = ['AWS', 'AMAZON WEB SERVICES'] as const;

/** Expression reading one tag from the `Tags` column, whatever its type; '' becomes NULL. */
function tagSql(d: FocusSqlDialect, tagsType: string, key: string, column: string): string {
  const keys = [key, `user:${key}`];
  if (tagsType.startsWith('MAP(')) {
    return `NULLIF(COALESCE(${keys.map((k) => d.mapValue(column, sqlString(k))).join(', ')}), '')`;
  }
  const path = (k: string) => sqlString(`$."${k.replace(/"/g, '\\"')}"`);
  return `NULLIF(COALESCE(${keys.map((k) => `json_extract_string(${column}, ${path(k)})`).join(', ')}), '')`;
}

/** Tags as text (VARCHAR in CSV, VARCHAR or JSON in Parquet). */
const TAGS_TEXT = 'CAST(Tags AS VARCHAR)';

function tagsValidSql(tagsType: string): string {
  if (tagsType.startsWith('MAP(')) return 'TRUE';
  const t = TAGS_TEXT;
  return `(${t} IS NULL OR trim(${t}) = '' OR (json_valid(${t}) AND left(ltrim(${t}), 1) = '{'))`;
}

const AMOUNT = 'DECIMAL(38, 12)';

/**
 * A cost column as an exact decimal. Text (CSV) is parsed exactly. Binary floating point (AWS's
 * Parquet export writes DOUBLE) carries 15 significant decimal digits: each value is rounded to
 * 15 significant digits (at most 12 decimal places), which gives back exactly the decimal the
 * writer meant whenever it had 15 digits or fewer ("0.1", not 0.1000000000000000055...). Done
 * with one CAST per magnitude band: a text round trip would be exact too, but ten times slower.
 */
function amountSql(d: FocusSqlDialect, column: string, type: string | undefined): string {
  if (type !== 'DOUBLE' && type !== 'FLOAT') return `TRY_CAST(${column} AS ${AMOUNT})`;
  const at = (scale: number) => `TRY_CAST(TRY_CAST(${column} AS DECIMAL(38, ${scale})) AS ${AMOUNT})`;
  const bands: string[] = [];
  for (let digits = 3; digits <= 15; digits++) {
    bands.push(`WHEN abs(${column}) < 1e${digits} THEN ${at(Math.min(15 - digits, 12))}`);
  }
  return `CASE WHEN ${column} IS NULL OR ${d.isNan(column)} OR ${d.isInf(column)} THEN NULL ${bands.join(' ')} ELSE ${at(0)} END`;
}

/**
 * One normalised row per FOCUS line: month, tags, service, category, currency, both costs as
 * exact decimals, the charge period end, and `bad` naming the first thing wrong with the line;
 * plus the file, provider, billing account and billing month, to catch the same billing period
 * read twice from two copies of an export and to keep other clouds' lines out of AWS spend.
 */
export function normalisedSql(
  reader: string,
  types: ColumnTypes,
  appKey: string,
  waveKey: string,
  d: FocusSqlDialect = DUCKDB_DIALECT,
): string {
  const tagsType = types.get('Tags') ?? 'VARCHAR';
  const tagsOk = tagsValidSql(tagsType);
  const billed = amountSql(d, 'BilledCost', types.get('BilledCost'));
  const effective = amountSql(d, 'EffectiveCost', types.get('EffectiveCost'));
  const safeTags = tagsType.startsWith('MAP(')
    ? 'Tags'
    : `CASE WHEN ${tagsOk} AND trim(coalesce(${TAGS_TEXT}, '')) <> '' THEN ${TAGS_TEXT} END`;
  const account = types.has('BillingAccountId')
    ? 'CAST(BillingAccountId AS VARCHAR)'
    : 'CAST(NULL AS VARCHAR)';
  const billingMonth = types.has('BillingPeriodStart')
    ? d.month('TRY_CAST(BillingPeriodStart AS TIMESTAMP)')
    : 'CAST(NULL AS VARCHAR)';
  return `SELECT
    ${d.fileColumn} AS file,
    ${providerSql(types)} AS provider,
    ${account} AS account,
    ${billingMonth} AS billing_month,
    ${d.month('TRY_CAST(ChargePeriodStart AS TIMESTAMP)')} AS month,
    ${tagSql(d, tagsType, appKey, safeTags)} AS application,
    ${tagSql(d, tagsType, waveKey, safeTags)} AS wave,
    CAST(ServiceName AS VARCHAR) AS service,
    CAST(ChargeCategory AS VARCHAR) AS category,
    CAST(BillingCurrency AS VARCHAR) AS currency,
    ${effective} AS amortized,
    ${billed} AS unblended,
    TRY_CAST(ChargePeriodEnd AS TIMESTAMP) AS period_end,
    CASE
      WHEN TRY_CAST(ChargePeriodStart AS TIMESTAMP) IS NULL THEN 'ChargePeriodStart ' || coalesce('"' || CAST(ChargePeriodStart AS VARCHAR) || '"', 'is empty') || ' is not a timestamp'
      WHEN TRY_CAST(ChargePeriodEnd AS TIMESTAMP) IS NULL THEN 'ChargePeriodEnd ' || coalesce('"' || CAST(ChargePeriodEnd AS VARCHAR) || '"', 'is empty') || ' is not a timestamp'
      WHEN ${billed} IS NULL THEN 'BilledCost ' || coalesce('"' || CAST(BilledCost AS VARCHAR) || '"', 'is empty') || ' is not a number'
      WHEN ${effective} IS NULL THEN 'EffectiveCost ' || coalesce('"' || CAST(EffectiveCost AS VARCHAR) || '"', 'is empty') || ' is not a number'
      WHEN NOT ${tagsOk} THEN 'Tags is not a JSON object: ' || CAST(Tags AS VARCHAR)
      WHEN ServiceName IS NULL OR CAST(ServiceName AS VARCHAR) = '' THEN 'ServiceName is empty'
    END AS bad
  FROM ${reader}`;
}

/**
 * Groups of the normalised rows: the totals the source returns, plus counts of bad lines.
 * Grouped and ordered by position (both DuckDB and Trino accept it; Trino has no GROUP BY ALL).
 */
export function aggregateSql(view: string): string {
  return `SELECT file, provider, upper(provider) IN (${AWS_PROVIDER_NAMES.map(sqlString).join(', ')}) AS is_aws, account, billing_month, month, application, wave, service, category, currency,
      CAST(SUM(amortized) AS VARCHAR) AS amortized,
      CAST(SUM(unblended) AS VARCHAR) AS unblended,
      CAST(MAX(period_end) AS VARCHAR) AS period_end,
      COUNT(bad) AS bad_lines,
      COUNT(*) AS lines
    FROM ${view}
    GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11
    ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11`;
}

import type { FocusFileFormat } from './resolve-inputs';
import { sqlString } from './resolve-inputs';

/** Column name -> DuckDB type, from DESCRIBE. */
export type ColumnTypes = ReadonlyMap<string, string>;

/** `read_csv(...)` / `read_parquet(...)` over the given files and globs. */
export function readerSql(format: FocusFileFormat, files: readonly string[]): string {
  const list = `[${files.map(sqlString).join(', ')}]`;
  return format === 'csv'
    ? `read_csv(${list}, header = true, all_varchar = true, union_by_name = true, filename = true, compression = 'auto')`
    : `read_parquet(${list}, union_by_name = true, filename = true)`;
}

/** Expression reading one tag from the `Tags` column, whatever its type; '' becomes NULL. */
function tagSql(tagsType: string, key: string, column: string): string {
  const keys = [key, `user:${key}`];
  if (tagsType.startsWith('MAP(')) {
    return `NULLIF(COALESCE(${keys.map((k) => `${column}[${sqlString(k)}]`).join(', ')}), '')`;
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
function amountSql(column: string, type: string | undefined): string {
  if (type !== 'DOUBLE' && type !== 'FLOAT') return `TRY_CAST(${column} AS ${AMOUNT})`;
  const at = (scale: number) => `TRY_CAST(TRY_CAST(${column} AS DECIMAL(38, ${scale})) AS ${AMOUNT})`;
  const bands: string[] = [];
  for (let digits = 3; digits <= 15; digits++) {
    bands.push(`WHEN abs(${column}) < 1e${digits} THEN ${at(Math.min(15 - digits, 12))}`);
  }
  return `CASE WHEN ${column} IS NULL OR isnan(${column}) OR isinf(${column}) THEN NULL ${bands.join(' ')} ELSE ${at(0)} END`;
}

/**
 * One normalised row per FOCUS line: month, tags, service, category, currency, both costs as
 * exact decimals, the charge period end, and `bad` naming the first thing wrong with the line;
 * plus the file's folder, billing account and billing month, to catch the same billing period
 * read twice from two copies of an export.
 */
export function normalisedSql(reader: string, types: ColumnTypes, appKey: string, waveKey: string): string {
  const tagsType = types.get('Tags') ?? 'VARCHAR';
  const tagsOk = tagsValidSql(tagsType);
  const billed = amountSql('BilledCost', types.get('BilledCost'));
  const effective = amountSql('EffectiveCost', types.get('EffectiveCost'));
  const safeTags = tagsType.startsWith('MAP(')
    ? 'Tags'
    : `CASE WHEN ${tagsOk} AND trim(coalesce(${TAGS_TEXT}, '')) <> '' THEN ${TAGS_TEXT} END`;
  const account = types.has('BillingAccountId')
    ? 'CAST(BillingAccountId AS VARCHAR)'
    : 'CAST(NULL AS VARCHAR)';
  const billingMonth = types.has('BillingPeriodStart')
    ? `strftime(TRY_CAST(BillingPeriodStart AS TIMESTAMP), '%Y-%m')`
    : 'CAST(NULL AS VARCHAR)';
  return `SELECT
    filename AS file,
    regexp_replace(filename, '[/\\\\][^/\\\\]*$', '') AS dir,
    ${account} AS account,
    ${billingMonth} AS billing_month,
    strftime(TRY_CAST(ChargePeriodStart AS TIMESTAMP), '%Y-%m') AS month,
    ${tagSql(tagsType, appKey, safeTags)} AS application,
    ${tagSql(tagsType, waveKey, safeTags)} AS wave,
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

/** Groups of the normalised rows: the totals the source returns, plus counts of bad lines. */
export function aggregateSql(view: string): string {
  return `SELECT dir, account, billing_month, month, application, wave, service, category, currency,
      CAST(SUM(amortized) AS VARCHAR) AS amortized,
      CAST(SUM(unblended) AS VARCHAR) AS unblended,
      CAST(MAX(period_end) AS VARCHAR) AS period_end,
      COUNT(bad) AS bad_lines,
      COUNT(*) AS lines
    FROM ${view}
    GROUP BY ALL
    ORDER BY ALL`;
}

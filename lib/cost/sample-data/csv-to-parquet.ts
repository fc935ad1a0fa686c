import { withDuckDb } from '../focus/duckdb';
import { sqlString } from '../focus/resolve-inputs';

/**
 * Converts FOCUS CSV files into one Parquet file shaped like AWS's Parquet export: costs as
 * DOUBLE, charge and billing periods as TIMESTAMP, `Tags` as MAP(VARCHAR, VARCHAR). One DuckDB
 * thread and insertion order kept, so the same CSV gives the same Parquet bytes.
 */
export async function focusCsvToParquet(csvFiles: readonly string[], parquetFile: string): Promise<void> {
  await withDuckDb(
    async (conn) => {
      const reader = `read_csv([${csvFiles.map(sqlString).join(', ')}], header = true, all_varchar = true, union_by_name = true)`;
      const described = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`);
      const columns = new Set(
        (described.getRowObjectsJS() as { column_name: string }[]).map((r) => r.column_name),
      );
      const replace: string[] = [];
      for (const c of [
        'BilledCost',
        'EffectiveCost',
        'ListCost',
        'ContractedCost',
        'ConsumedQuantity',
        'PricingQuantity',
      ]) {
        if (columns.has(c)) replace.push(`CAST(${c} AS DOUBLE) AS ${c}`);
      }
      for (const c of ['BillingPeriodStart', 'BillingPeriodEnd', 'ChargePeriodStart', 'ChargePeriodEnd']) {
        if (columns.has(c)) replace.push(`CAST(${c} AS TIMESTAMP) AS ${c}`);
      }
      if (columns.has('Tags')) {
        replace.push(
          `CASE WHEN Tags IS NULL OR trim(Tags) = '' THEN MAP {}::MAP(VARCHAR, VARCHAR) ` +
            `ELSE json_transform(Tags, '"MAP(VARCHAR, VARCHAR)"') END AS Tags`,
        );
      }
      const select =
        replace.length > 0
          ? `SELECT * REPLACE (${replace.join(', ')}) FROM ${reader}`
          : `SELECT * FROM ${reader}`;
      await conn.run(`COPY (${select}) TO ${sqlString(parquetFile)} (FORMAT parquet, COMPRESSION zstd)`);
    },
    { threads: 1 },
  );
}

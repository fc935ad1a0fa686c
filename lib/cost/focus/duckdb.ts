import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * Runs `work` on a fresh in-memory DuckDB: extensions never auto-installed from the network
 * (json, parquet and icu are built in), time zone UTC, closed afterwards.
 */
export async function withDuckDb<T>(
  work: (conn: DuckDBConnection) => Promise<T>,
  options: { threads?: number } = {},
): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  });
  try {
    const conn = await instance.connect();
    try {
      await conn.run(`SET TimeZone = 'UTC'`);
      return await work(conn);
    } finally {
      conn.closeSync();
    }
  } finally {
    instance.closeSync();
  }
}

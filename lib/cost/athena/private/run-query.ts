/**
 * One Athena query, start to finish: StartQueryExecution, GetQueryExecution until it ends,
 * GetQueryResults page by page. An interrupt (the signal) stops the query on Athena
 * (StopQueryExecution) before giving up; a failed or cancelled query is an error, never a
 * partial answer.
 */
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type AthenaClient,
  type GetQueryResultsCommandOutput,
} from '@aws-sdk/client-athena';
import { AthenaQueryError } from '../athena-error';

export interface QueryTarget {
  readonly workGroup: string;
  readonly database: string;
  readonly catalog: string;
}

export interface QueryWaiting {
  /** Waits between polls (the clock is passed in; tests wait 0 ms). */
  readonly sleep: (ms: number) => Promise<void>;
  readonly pollIntervalMs: number;
  /** Aborted on interrupt: the running query is stopped. */
  readonly signal?: AbortSignal;
}

export interface QueryAnswer {
  readonly queryExecutionId: string;
  /** One record per row, by column name; SQL NULL is null. */
  readonly rows: Record<string, string | null>[];
  readonly bytesScanned: number;
}

export async function runQuery(
  client: AthenaClient,
  sql: string,
  target: QueryTarget,
  waiting: QueryWaiting,
  what: string,
): Promise<QueryAnswer> {
  const started = await send(what, 'StartQueryExecution', () =>
    client.send(
      new StartQueryExecutionCommand({
        QueryString: sql,
        WorkGroup: target.workGroup,
        QueryExecutionContext: { Database: target.database, Catalog: target.catalog },
      }),
    ),
  );
  const id = started.QueryExecutionId;
  if (!id) throw new AthenaQueryError(`${what}: StartQueryExecution returned no QueryExecutionId`);

  let bytesScanned = 0;
  for (;;) {
    if (waiting.signal?.aborted) {
      await send(what, 'StopQueryExecution', () =>
        client.send(new StopQueryExecutionCommand({ QueryExecutionId: id })),
      );
      throw new AthenaQueryError(
        `${what}: interrupted; query ${id} was stopped on Athena, no total was computed`,
      );
    }
    const out = await send(what, 'GetQueryExecution', () =>
      client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
    );
    const status = out.QueryExecution?.Status;
    bytesScanned = out.QueryExecution?.Statistics?.DataScannedInBytes ?? bytesScanned;
    const state = status?.State;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') {
      const reason = status?.AthenaError?.ErrorMessage ?? status?.StateChangeReason ?? 'no reason given';
      throw new AthenaQueryError(
        `${what}: query ${id} ${state === 'FAILED' ? 'failed' : 'was cancelled'}: ${reason}. No total was computed.`,
      );
    }
    if (state !== 'QUEUED' && state !== 'RUNNING') {
      throw new AthenaQueryError(`${what}: query ${id} is in an unknown state ${JSON.stringify(state)}`);
    }
    await waiting.sleep(waiting.pollIntervalMs);
  }

  const rows: Record<string, string | null>[] = [];
  let names: string[] | undefined;
  let token: string | undefined;
  let page = 0;
  do {
    page += 1;
    if (waiting.signal?.aborted) {
      throw new AthenaQueryError(
        `${what}: interrupted while reading results of query ${id}; no total was computed`,
      );
    }
    const out: GetQueryResultsCommandOutput = await send(what, `GetQueryResults page ${page}`, () =>
      client.send(
        new GetQueryResultsCommand({
          QueryExecutionId: id,
          MaxResults: 1000,
          ...(token ? { NextToken: token } : {}),
        }),
      ),
    );
    const columns = out.ResultSet?.ResultSetMetadata?.ColumnInfo?.map((c) => c.Name ?? '');
    const data = out.ResultSet?.Rows;
    if (!columns || !Array.isArray(data)) {
      throw new AthenaQueryError(
        `${what}: GetQueryResults page ${page} has no result set; it cannot be trusted`,
      );
    }
    names ??= columns;
    // The first row of the first page repeats the column names (SELECT results).
    for (const [i, r] of data.entries()) {
      if (page === 1 && i === 0) continue;
      const cells = r.Data ?? [];
      if (cells.length !== names.length) {
        throw new AthenaQueryError(
          `${what}: GetQueryResults page ${page} row ${i} has ${cells.length} values for ${names.length} columns`,
        );
      }
      rows.push(Object.fromEntries(names.map((n, j) => [n, cells[j]?.VarCharValue ?? null])));
    }
    token = out.NextToken || undefined;
  } while (token);
  return { queryExecutionId: id, rows, bytesScanned };
}

async function send<T>(what: string, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AthenaQueryError) throw e;
    const err = e as Error & { $metadata?: { attempts?: number; httpStatusCode?: number } };
    const status = err.$metadata?.httpStatusCode;
    throw new AthenaQueryError(
      `${what}: Athena ${operation} failed${status ? ` (HTTP ${status})` : ''}: ${err.name}: ${err.message}. ` +
        'Check the credentials, region and workgroup (or --endpoint), or try again later.',
    );
  }
}

/**
 * A local Athena endpoint for tests: node:http on 127.0.0.1 (port 0) speaking Athena's JSON 1.1
 * protocol (POST /, `X-Amz-Target: AmazonAthena.<Operation>`): StartQueryExecution,
 * GetQueryExecution, GetQueryResults (paged, header row first, as Athena does) and
 * StopQueryExecution.
 *
 * Queries really run: on an in-memory DuckDB standing in for Athena's engine, over a view named
 * like the Glue table on the Parquet files given (hive partition `billing_period`, `"$path"`,
 * table columns missing from the files read as NULL, as Athena reads them). The few Trino
 * functions DuckDB spells differently are renamed before running. A query is RUNNING on the
 * first poll and SUCCEEDED on the next; tests script failures and hanging queries.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FOCUS_TABLE_COLUMNS } from '../../lib/cost/focus/focus-table';

export interface FakeAthenaOptions {
  /** Glue database and table names the view is created as. */
  readonly database: string;
  readonly table: string;
  /** Parquet files of the export (paths under `.../BILLING_PERIOD=YYYY-MM/`). */
  readonly files: readonly string[];
  /** Rows per GetQueryResults page (the header row included on the first). @default 1000 */
  readonly pageSize?: number;
}

interface Execution {
  readonly id: string;
  readonly sql: string;
  state: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  polls: number;
  reason?: string;
  columns?: string[];
  rows?: (string | null)[][];
  bytes: number;
}

const TRINO_TO_DUCKDB: readonly [RegExp, string][] = [
  [/\bdate_format\(/g, 'strftime('],
  [/\belement_at\(/g, 'map_extract_value('],
  [/\bis_nan\(/g, 'isnan('],
  [/\bis_infinite\(/g, 'isinf('],
];

const DUCK_TYPE: Record<string, string> = {
  string: 'VARCHAR',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMP',
  'map<string,string>': 'MAP(VARCHAR, VARCHAR)',
};

export class FakeAthena {
  readonly requests: { operation: string; body: Record<string, unknown> }[] = [];
  readonly executions = new Map<string, Execution>();
  private server?: Server;
  private port = 0;
  private instance?: DuckDBInstance;
  private conn?: DuckDBConnection;
  private next: { fail?: string; hang?: boolean }[] = [];

  constructor(private readonly options: FakeAthenaOptions) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The next query fails with this reason (as Athena reports a SQL or S3 error). */
  failNextQuery(reason: string): void {
    this.next.push({ fail: reason });
  }

  /** The next query stays RUNNING until stopped. */
  hangNextQuery(): void {
    this.next.push({ hang: true });
  }

  count(operation: string): number {
    return this.requests.filter((r) => r.operation === operation).length;
  }

  async start(): Promise<this> {
    this.instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    this.conn = await this.instance.connect();
    await this.conn.run(`SET TimeZone = 'UTC'`);
    const list = `[${this.options.files.map((f) => `'${f.replace(/'/g, "''")}'`).join(', ')}]`;
    const reader = `read_parquet(${list}, hive_partitioning = true, hive_types = {'BILLING_PERIOD': VARCHAR}, union_by_name = true, filename = true)`;
    const described = await this.conn.runAndReadAll(`DESCRIBE SELECT * FROM ${reader}`);
    const present = new Set(
      (described.getRowObjectsJS() as { column_name: string }[]).map((r) => r.column_name.toLowerCase()),
    );
    const missing = FOCUS_TABLE_COLUMNS.filter((c) => !present.has(c.name.toLowerCase())).map(
      (c) => `CAST(NULL AS ${DUCK_TYPE[c.glueType]}) AS ${c.name}`,
    );
    await this.conn.run(`CREATE SCHEMA "${this.options.database}"`);
    await this.conn.run(
      `CREATE VIEW "${this.options.database}"."${this.options.table}" AS SELECT * EXCLUDE (filename, BILLING_PERIOD),
         BILLING_PERIOD AS billing_period, filename AS "$path"${missing.map((m) => `, ${m}`).join('')} FROM ${reader}`,
    );
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: Error) =>
        send(res, 500, { __type: 'InternalServerException', Message: e.message }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.conn?.closeSync();
    this.instance?.closeSync();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (req.method !== 'POST' || !target.startsWith('AmazonAthena.')) {
      return send(res, 400, { __type: 'UnknownOperationException', Message: `bad target ${target}` });
    }
    const operation = target.slice('AmazonAthena.'.length);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    this.requests.push({ operation, body });
    switch (operation) {
      case 'StartQueryExecution':
        return send(res, 200, this.startQuery(body));
      case 'GetQueryExecution':
        return this.getExecution(res, body);
      case 'GetQueryResults':
        return this.getResults(res, body);
      case 'StopQueryExecution': {
        const e = this.executions.get(String(body.QueryExecutionId));
        if (e && (e.state === 'RUNNING' || e.state === 'QUEUED')) {
          e.state = 'CANCELLED';
          e.reason = 'Query cancelled by user';
        }
        return send(res, 200, {});
      }
      default:
        return send(res, 400, { __type: 'InvalidRequestException', Message: `unsupported ${operation}` });
    }
  }

  private startQuery(body: Record<string, unknown>): unknown {
    const id = `q-${this.executions.size + 1}`;
    const script = this.next.shift();
    const e: Execution = { id, sql: String(body.QueryString), state: 'QUEUED', polls: 0, bytes: 0 };
    if (script?.fail) {
      e.state = 'FAILED';
      e.reason = script.fail;
    }
    if (script?.hang) e.polls = -1_000_000;
    this.executions.set(id, e);
    return { QueryExecutionId: id };
  }

  private async getExecution(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
    const e = this.executions.get(String(body.QueryExecutionId));
    if (!e) return send(res, 400, { __type: 'InvalidRequestException', Message: 'no such query' });
    if (e.state === 'QUEUED' || e.state === 'RUNNING') {
      e.polls += 1;
      if (e.polls < 2) e.state = 'RUNNING';
      else await this.execute(e);
    }
    return send(res, 200, {
      QueryExecution: {
        QueryExecutionId: e.id,
        Query: e.sql,
        Status: {
          State: e.state,
          ...(e.reason ? { StateChangeReason: e.reason } : {}),
          ...(e.state === 'FAILED' ? { AthenaError: { ErrorCategory: 2, ErrorMessage: e.reason } } : {}),
        },
        Statistics: { DataScannedInBytes: e.bytes },
      },
    });
  }

  private async execute(e: Execution): Promise<void> {
    let sql = e.sql;
    for (const [from, to] of TRINO_TO_DUCKDB) sql = sql.replace(from, to);
    try {
      const result = await this.conn!.runAndReadAll(sql);
      e.columns = result.columnNames();
      e.rows = (result.getRowsJS() as unknown[][]).map((r) =>
        r.map((v) => (v === null || v === undefined ? null : String(v))),
      );
      e.bytes = this.options.files.reduce((n, f) => n + statSync(f).size, 0);
      e.state = 'SUCCEEDED';
    } catch (err) {
      e.state = 'FAILED';
      e.reason = (err as Error).message.split('\n')[0];
    }
  }

  private getResults(res: ServerResponse, body: Record<string, unknown>): void {
    const e = this.executions.get(String(body.QueryExecutionId));
    if (!e || e.state !== 'SUCCEEDED') {
      return send(res, 400, { __type: 'InvalidRequestException', Message: 'query has not succeeded' });
    }
    const all = [e.columns!.map((c) => c as string | null), ...e.rows!];
    const size = Math.min(Number(body.MaxResults ?? 1000), this.options.pageSize ?? 1000);
    const offset = body.NextToken ? Number(String(body.NextToken).replace('page-', '')) : 0;
    const page = all.slice(offset, offset + size);
    const more = offset + size < all.length;
    return send(res, 200, {
      ResultSet: {
        ResultSetMetadata: { ColumnInfo: e.columns!.map((c) => ({ Name: c, Type: 'varchar' })) },
        Rows: page.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) })),
      },
      ...(more ? { NextToken: `page-${offset + size}` } : {}),
    });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

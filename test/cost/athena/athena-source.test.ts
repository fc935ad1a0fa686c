/**
 * The Athena source through the real AWS SDK v3 client against a local endpoint speaking
 * Athena's JSON 1.1 protocol (test/support/fake-athena.ts), over the same FOCUS data the DuckDB
 * source reads: the same rows, month statuses and caveats; failures are errors, never totals.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AthenaClient } from '@aws-sdk/client-athena';
import { AthenaBillingSource } from '../../../lib/cost/athena';
import { FocusBillingSource } from '../../../lib/cost/focus/focus-source';
import { focusCsvToParquet } from '../../../lib/cost/sample-data/csv-to-parquet';
import { FakeAthena } from '../../support/fake-athena';

const FIXTURE = resolve(__dirname, '../../fixtures/focus/small');
const NOW = new Date('2026-11-10T08:00:00Z');
const QUERY = { from: '2026-08', to: '2026-10' };

describe('AthenaBillingSource against a local Athena endpoint', () => {
  let tmp: string;
  let files: string[];
  let fake: FakeAthena;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'athena-src-'));
    files = [];
    for (const [period, csv] of [
      ['2026-09', 'focus-2026-09.csv'],
      ['2026-10', 'focus-2026-10-11.csv'],
    ] as const) {
      const dir = join(tmp, 'export', 'data', `BILLING_PERIOD=${period}`);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, 'council-focus-00001.snappy.parquet');
      await focusCsvToParquet([join(FIXTURE, csv)], file);
      files.push(file);
    }
    fake = await new FakeAthena({
      database: 'estate_billing',
      table: 'focus_1_0',
      files,
      pageSize: 3,
    }).start();
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  function source(signal?: AbortSignal, sleep: (ms: number) => Promise<void> = async () => {}) {
    return new AthenaBillingSource({
      client: new AthenaClient({
        region: 'eu-west-2',
        endpoint: fake.url,
        maxAttempts: 1,
        credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake-secret' },
      }),
      workGroup: 'estate-finance',
      database: 'estate_billing',
      table: 'focus_1_0',
      now: () => NOW,
      sleep,
      pollIntervalMs: 0,
      ...(signal ? { signal } : {}),
    });
  }

  it('returns the same rows and month statuses as the DuckDB source over the same export', async () => {
    const duck = await new FocusBillingSource({
      paths: [join(tmp, 'export')],
      baseDir: '/',
      now: () => NOW,
    }).fetch(QUERY);
    const athena = source();
    const result = await athena.fetch(QUERY);
    expect(result.rows.length).toBeGreaterThan(3); // more rows than one results page
    expect(result.rows).toEqual(duck.rows);
    expect(result.months).toEqual(duck.months);
    expect(result.source.kind).toBe('athena');
    expect(athena.queryCount).toBe(1);
    expect(athena.bytesScanned).toBeGreaterThan(0);
    expect(athena.scanCostUsd).toBe('0.0001'); // the 10 MB minimum at $5 per TB
  });

  it('starts the query in the workgroup, polls until it ends and pages the results', async () => {
    fake.requests.length = 0;
    await source().fetch(QUERY);
    const start = fake.requests.find((r) => r.operation === 'StartQueryExecution')!;
    expect(start.body).toMatchObject({
      WorkGroup: 'estate-finance',
      QueryExecutionContext: { Database: 'estate_billing', Catalog: 'AwsDataCatalog' },
    });
    expect(String(start.body.QueryString)).toContain("billing_period BETWEEN '2026-08' AND '2026-10'");
    expect(fake.count('GetQueryExecution')).toBe(2); // RUNNING, then SUCCEEDED
    expect(fake.count('GetQueryResults')).toBeGreaterThan(1);
  });

  it('reports a failed query and computes no total', async () => {
    fake.failNextQuery('HIVE_BAD_DATA: Field billedcost type DOUBLE in parquet is incompatible');
    await expect(source().fetch(QUERY)).rejects.toThrow(
      /query q-\d+ failed: HIVE_BAD_DATA: Field billedcost type DOUBLE in parquet is incompatible\. No total was computed\./,
    );
  });

  it('stops the running query on Athena when interrupted', async () => {
    const controller = new AbortController();
    fake.hangNextQuery();
    let polls = 0;
    const pending = source(controller.signal, async () => {
      polls += 1;
      if (polls === 3) controller.abort();
    }).fetch(QUERY);
    await expect(pending).rejects.toThrow(
      /interrupted; query q-\d+ was stopped on Athena, no total was computed/,
    );
    const stopped = fake.requests.filter((r) => r.operation === 'StopQueryExecution');
    expect(stopped).toHaveLength(1);
    expect(fake.executions.get(String(stopped[0]!.body.QueryExecutionId))!.state).toBe('CANCELLED');
  });

  it('reports a query cancelled elsewhere, never a partial total', async () => {
    fake.hangNextQuery();
    const pending = source(undefined, async () => {
      const running = [...fake.executions.values()].find((e) => e.state === 'RUNNING');
      if (running) running.state = 'CANCELLED';
    }).fetch(QUERY);
    await expect(pending).rejects.toThrow(/was cancelled: .*No total was computed/);
  });
});

/**
 * `cost report --source cost-explorer` end to end: the real Cost Explorer client against the local
 * JSON 1.1 endpoint (test/support/fake-cost-explorer.ts), with the hand-computed case's figures.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../lib/cli';
import { FakeCostExplorer } from '../../support/fake-cost-explorer';
import { captureIo } from '../../cli/capture-io';

const PLAN = resolve(__dirname, '../../fixtures/plans/valid-small');
const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const ENV = { AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret' };

let fake: FakeCostExplorer;
let work: string;
beforeAll(async () => {
  fake = await new FakeCostExplorer({
    items: [
      {
        month: '2026-06',
        application: 'intranet',
        wave: 'wave-1',
        service: EC2,
        amortized: '100.00',
        unblended: '100.00',
      },
      {
        month: '2026-07',
        application: 'intranet',
        wave: 'wave-1',
        service: EC2,
        amortized: '200.00',
        unblended: '200.00',
      },
      { month: '2026-07', service: 'AWS Config', amortized: '10.01', unblended: '10.01' },
      {
        month: '2026-08',
        application: 'intranet',
        wave: 'wave-1',
        service: EC2,
        amortized: '20.00',
        unblended: '20.00',
      },
    ],
    forecast: { '2026-08': '50.00', '2026-09': '300.00' },
  }).start();
  work = mkdtempSync(join(tmpdir(), 'r-ce-report-'));
});
afterAll(async () => {
  await fake.stop();
  rmSync(work, { recursive: true, force: true });
});

it('reports Cost Explorer spend, forecasts and the paid request count', async () => {
  const io = captureIo(work, '2026-08-05T10:00:00Z', ENV);
  const out = join(work, 'report');
  const code = await runCli(
    [
      'cost',
      'report',
      '--plan',
      PLAN,
      '--month',
      '2026-07',
      '--source',
      'cost-explorer',
      '--endpoint',
      fake.url,
      '--format',
      'json',
      '--out',
      out,
    ],
    io,
  );
  expect(io.err()).toBe('');
  expect(code).toBe(0);
  const r = JSON.parse(readFileSync(join(out, 'cost-report.json'), 'utf8')) as {
    headline: Record<string, string>;
    forecastBasis: string;
    months: { month: string; aws: string; kind: string }[];
  };
  expect(r.headline).toMatchObject({
    awsToDate: '244.91',
    savingToDate: '-15244.91',
    untaggedToDate: '7.91',
  });
  expect(r.forecastBasis).toBe('cost-explorer');
  // August: 20.00 spent to date + 50.00 forecast for the rest of the month = 70.00 x 0.79 = 55.30
  expect(r.months.find((m) => m.month === '2026-08')).toMatchObject({ kind: 'forecast', aws: '55.30' });
  // September: 300.00 x 0.79 = 237.00
  expect(r.months.find((m) => m.month === '2026-09')!.aws).toBe('237.00');
  const paid = fake.requests.length;
  expect(paid).toBeGreaterThan(0);
  expect(io.out()).toContain(
    `Cost Explorer: ${paid} paid request(s) this run, $${(paid / 100).toFixed(2)} at $0.01 each`,
  );
});

it('a warm report of a closed period makes at most 2 paid requests (month to date and forecast)', async () => {
  const args = (out: string) => [
    'cost',
    'report',
    '--plan',
    PLAN,
    '--month',
    '2026-07',
    '--source',
    'cost-explorer',
    '--endpoint',
    fake.url,
    '--format',
    'json',
    '--out',
    out,
  ];
  const cold = captureIo(work, '2026-08-05T10:00:00Z', ENV);
  expect(await runCli(args(join(work, 'cold')), cold)).toBe(0);
  fake.requests.length = 0;
  const warm = captureIo(work, '2026-08-05T10:00:00Z', ENV);
  expect(await runCli(args(join(work, 'warm')), warm)).toBe(0);
  expect(fake.requests.map((r) => r.operation).sort()).toEqual(['GetCostAndUsage', 'GetCostForecast']);
  expect(warm.out()).toContain('Cost Explorer: 2 paid request(s) this run, $0.02 at $0.01 each');
  expect(readFileSync(join(work, 'warm', 'cost-report.json'), 'utf8')).toBe(
    readFileSync(join(work, 'cold', 'cost-report.json'), 'utf8'),
  );
});

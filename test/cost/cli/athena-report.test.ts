/**
 * `cost report --source athena` end to end: the real Athena client against the local endpoint
 * (test/support/fake-athena.ts) writes the same report as `--focus` over the same export.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../lib/cli';
import { focusCsvToParquet } from '../../../lib/cost/sample-data/csv-to-parquet';
import { captureIo } from '../../cli/capture-io';
import { FakeAthena } from '../../support/fake-athena';

const PLAN = resolve(__dirname, '../../fixtures/plans/valid-small');
const FIXTURE = resolve(__dirname, '../../fixtures/focus/small');
const ENV = { AWS_ACCESS_KEY_ID: 'AKIAFAKE', AWS_SECRET_ACCESS_KEY: 'fake-secret' };
const NOW = '2026-11-10T08:00:00Z';

let work: string;
let fake: FakeAthena;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'athena-report-'));
  const dir = join(work, 'export', 'data', 'BILLING_PERIOD=2026-09');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'part-00001.parquet');
  await focusCsvToParquet([join(FIXTURE, 'focus-2026-09.csv')], file);
  // names the CostGovernanceStack gives estate "testshire"
  fake = await new FakeAthena({ database: 'testshire_billing', table: 'focus_1_0', files: [file] }).start();
});
afterAll(async () => {
  await fake.stop();
  rmSync(work, { recursive: true, force: true });
});

it('writes the same report from Athena as from the FOCUS files, and prints what was scanned', async () => {
  const report = async (extra: string[], out: string) => {
    const io = captureIo(work, NOW, ENV);
    const args = ['cost', 'report', '--plan', PLAN, '--month', '2026-09', '--format', 'csv,md', '--out', out];
    const code = await runCli([...args, ...extra], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    return io.out();
  };
  const athenaOut = await report(['--source', 'athena', '--endpoint', fake.url], join(work, 'a'));
  await report(['--focus', join(work, 'export')], join(work, 'f'));
  expect(athenaOut).toMatch(
    /Athena: 1 query\(ies\) in workgroup testshire-finance, \d+\.\d MB scanned, \$0\.0001 at \$5 per TB/,
  );
  const csv = readdirSync(join(work, 'f')).filter((f) => f.endsWith('.csv') && !f.includes('sources'));
  expect(csv.length).toBeGreaterThan(3);
  for (const f of csv) {
    expect(readFileSync(join(work, 'a', f), 'utf8')).toBe(readFileSync(join(work, 'f', f), 'utf8'));
  }
});

/**
 * The cost commands end to end through runCli: the small test plan on disk
 * (test/fixtures/plans/valid-small) and a FOCUS fixture (fixtures/focus-small, the same figures as
 * the hand-computed comparison case). Real loader, real FOCUS source (DuckDB), real formatters.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../lib/cli';
import { captureIo } from '../../cli/capture-io';

const ROOT = resolve(__dirname, '../../..');
const PLAN = join(ROOT, 'test/fixtures/plans/valid-small');
const FOCUS = join(ROOT, 'test/cost/cli/fixtures/focus-small');
const NOW = '2026-08-05T10:00:00Z';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'r-cost-cli-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('cost report', () => {
  let code: number;
  let io: ReturnType<typeof captureIo>;
  const out = () => join(work, 'report');
  beforeAll(async () => {
    io = captureIo(work, NOW);
    code = await runCli(
      ['cost', 'report', '--plan', PLAN, '--month', '2026-07', '--focus', FOCUS, '--out', out()],
      io,
    );
  });

  it('writes every format and lists the files', () => {
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(readdirSync(out()).sort()).toEqual([
      'cost-report-by-application.csv',
      'cost-report-by-wave.csv',
      'cost-report-months.csv',
      'cost-report-summary.csv',
      'cost-report-top-services.csv',
      'cost-report.html',
      'cost-report.json',
      'cost-report.md',
    ]);
    expect(io.out()).toMatch(/Reading FOCUS export/);
    expect(io.out()).toMatch(/report\/cost-report\.html/);
    expect(io.out()).not.toMatch(/SAMPLE DATA/);
  });

  it('reports the hand-computed figures to date', () => {
    const json = JSON.parse(readFileSync(join(out(), 'cost-report.json'), 'utf8')) as {
      headline: Record<string, unknown>;
      forecastBasis: string;
      sampleData: boolean;
    };
    expect(json.headline).toMatchObject({
      awsToDate: '244.91',
      legacyPaidToDate: '24202.00',
      oneOffToDate: '15000.00',
      savingToDate: '-15244.91',
      untaggedToDate: '7.91',
    });
    expect(json.forecastBasis).toBe('estimate');
    expect(json.sampleData).toBe(false);
    expect(io.out()).toMatch(/Saving to date: -£15,244\.91/);
  });

  it('gives the default month as the month before the clock and the default folder', async () => {
    const io2 = captureIo(work, '2026-08-20T00:00:00Z');
    const c = await runCli(['cost', 'report', '--plan', PLAN, '--focus', FOCUS, '--format', 'json'], io2);
    expect(c).toBe(0);
    expect(readdirSync(join(work, 'reports/cost/2026-07'))).toEqual(['cost-report.json']);
  });
});

describe('cost report, bad input', () => {
  it.each([
    [['--month', '2026-13'], /--month 2026-13: expected a month written YYYY-MM/],
    [['--format', 'pdf'], /unknown format "pdf"; allowed: html, csv, json, md/],
    [['--source', 'billing-conductor'], /expected focus, cost-explorer or athena/],
    [['--month', '2025-01'], /before the agreement starts \(2026-04\)/],
    [['--month', '2026-09'], /after the current month \(2026-08\)/],
  ])('%j is refused with exit 2', async (extra, message) => {
    const io = captureIo(work, NOW);
    const c = await runCli(['cost', 'report', '--plan', PLAN, '--focus', FOCUS, ...extra], io);
    expect(c).toBe(2);
    expect(io.err()).toMatch(message);
  });

  it('a missing FOCUS folder is a clear failure, not a stack trace', async () => {
    const io = captureIo(work, NOW);
    const c = await runCli(
      ['cost', 'report', '--plan', PLAN, '--month', '2026-07', '--focus', join(work, 'nope')],
      io,
    );
    expect(c).toBe(1);
    expect(io.err()).toMatch(/^cost report: .*nope/);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it('a bad plan folder exits 2 with the plan problems', async () => {
    const io = captureIo(work, NOW);
    const c = await runCli(['cost', 'report', '--plan', join(work, 'no-plan'), '--focus', FOCUS], io);
    expect(c).toBe(2);
    expect(io.err()).toMatch(/plan folder not found/);
  });
});

describe('cost estimate', () => {
  it('prints the table and writes md, csv and json', async () => {
    const io = captureIo(work, NOW);
    const dir = join(work, 'estimate');
    const c = await runCli(['cost', 'estimate', '--plan', PLAN, '--out', dir], io);
    expect(io.err()).toBe('');
    expect(c).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['cost-estimate.csv', 'cost-estimate.json', 'cost-estimate.md']);
    const json = JSON.parse(readFileSync(join(dir, 'cost-estimate.json'), 'utf8')) as {
      totalMonthlyGbp: Record<string, string>;
      legacyMonthlyGbp: string;
    };
    expect(json.legacyMonthlyGbp).toBe('6050.50');
    expect(io.out()).toContain(`TOTAL AWS / month`);
    expect(io.out()).toContain(
      `£${Number(json.totalMonthlyGbp['on-demand']).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`,
    );
  });

  it('--json prints the estimate with the decision each item was priced with, and writes nothing', async () => {
    const io = captureIo(work, NOW);
    const dir = join(work, 'estimate-json');
    expect(await runCli(['cost', 'estimate', '--plan', PLAN, '--out', dir, '--json'], io)).toBe(0);
    expect(io.err()).toBe('');
    expect(existsSync(dir)).toBe(false);
    const json = JSON.parse(io.out()) as {
      format: string;
      items: { id: string; priced?: { type: string; multiAz: boolean; availabilityZone: string | null } }[];
    };
    expect(json.format).toBe('council-estate-cost-estimate');
    const db = json.items.find((i) => i.id === 'revenues-db')!;
    // revenues-db: 250 GiB planned -> 300 GiB allocated (20 % headroom), as the template allocates.
    expect(db.priced).toEqual({
      type: expect.stringMatching(/^db\./),
      multiAz: true,
      availabilityZone: null,
      tenancy: null,
      allocatedStorageGiB: 300,
      account: '123456789012',
    });
    const web = json.items.find((i) => i.id === 'intranet-web-01')!;
    expect(web.priced).toEqual({
      type: expect.stringMatching(/\./),
      multiAz: false,
      availabilityZone: expect.stringMatching(/^eu-west-2[ab]$/),
      tenancy: 'default',
      allocatedStorageGiB: null,
      account: '123456789012',
    });
    expect(json.items.find((i) => i.id === 'nat-gateways')!.priced).toBeUndefined();
  });

  it('has --help', async () => {
    const io = captureIo(work, NOW);
    expect(await runCli(['cost', 'estimate', '--help'], io)).toBe(0);
    expect(io.out()).toMatch(/Usage: npm run estate -- cost estimate/);
  });
});

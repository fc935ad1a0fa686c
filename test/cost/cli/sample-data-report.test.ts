/**
 * `cost report` without --focus generates the deterministic sample FOCUS export for the plan and
 * says so loudly, in the output and in every format, keeping only the latest day's sample folder.
 * Also the main job's cost step.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../lib/cli';
import { costReportStep } from '../../../lib/cli/cost/job-step';
import { loadPlan } from '../../../lib/plan';
import { captureIo } from '../../cli/capture-io';

const PLAN = resolve(__dirname, '../../fixtures/plans/valid-small');
const NOW = '2026-11-28T09:00:00Z';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'r-sample-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

it('marks sample data everywhere and gives byte-identical reports for the same plan and clock', async () => {
  const run = async (out: string) => {
    const io = captureIo(work, NOW);
    const code = await runCli(['cost', 'report', '--plan', PLAN, '--out', join(work, out)], io);
    return { code, io };
  };
  // A sample folder left by an earlier day, and a file that is not one.
  const samples = join(work, '.cache', 'sample-focus', 'testshire');
  mkdirSync(join(samples, '2026-01-05'), { recursive: true });
  writeFileSync(join(samples, '2026-01-05', 'old.csv'), 'x');
  writeFileSync(join(samples, 'notes.txt'), 'kept');
  const a = await run('a');
  await run('b');
  expect(readdirSync(samples).sort()).toEqual(['2026-11-28', 'notes.txt']);
  expect(a.io.err()).toBe('');
  expect(a.code).toBe(0);
  expect(a.io.out()).toMatch(/!!! SAMPLE DATA, NOT YOUR BILL/);
  expect(a.io.out()).toMatch(
    /Sample data: \d+ monthly FOCUS file\(s\) in .*\.cache\/sample-focus\/testshire/,
  );
  for (const f of readdirSync(join(work, 'a'))) {
    expect([
      f,
      readFileSync(join(work, 'b', f), 'utf8') === readFileSync(join(work, 'a', f), 'utf8'),
    ]).toEqual([f, true]);
  }
  const json = JSON.parse(readFileSync(join(work, 'a', 'cost-report.json'), 'utf8')) as {
    sampleData: boolean;
    caveats: string[];
    reportMonth: string;
  };
  expect(json.sampleData).toBe(true);
  expect(json.reportMonth).toBe('2026-10');
  expect(json.caveats[0]).toMatch(/^SAMPLE DATA, NOT YOUR BILL/);
  expect(readFileSync(join(work, 'a', 'cost-report.html'), 'utf8')).toContain(
    'data-testid="sample-data-banner"',
  );
  expect(readFileSync(join(work, 'a', 'cost-report.md'), 'utf8')).toContain('SAMPLE DATA, NOT YOUR BILL');
  expect(readFileSync(join(work, 'a', 'cost-report-summary.csv'), 'utf8')).toContain(
    'sample data, not your bill',
  );
});

it('the main job step writes the estimate and the sample-data report', async () => {
  const printed: string[] = [];
  const result = await costReportStep(() => new Date(NOW)).run({
    cwd: work,
    env: {},
    planDir: PLAN,
    outdir: join(work, 'cdk.out'),
    cdkContext: {},
    system: {
      run: () => Promise.reject(new Error('not used')),
      readFile: () => '',
      writeFile: () => undefined,
      makeDir: () => undefined,
      exists: () => false,
      removeDir: () => undefined,
      synth: () => {
        throw new Error('not used');
      },
      clockMs: () => 0,
    },
    now: () => new Date(NOW),
    print: (t) => printed.push(t),
    state: { plan: loadPlan(PLAN) },
  });
  expect(result).toMatchObject({ ok: true });
  expect(readdirSync(join(work, 'reports/cost/estimate')).sort()).toEqual([
    'cost-estimate.csv',
    'cost-estimate.json',
    'cost-estimate.md',
  ]);
  expect(readdirSync(join(work, 'reports/cost/2026-10'))).toContain('cost-report.html');
  expect(printed.join('')).toMatch(/SAMPLE DATA/);
  expect(printed.join('')).toMatch(/Saving to date/);
});

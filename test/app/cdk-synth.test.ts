/**
 * Runs the real CDK CLI on the bundled example (or, until it is complete, the small network
 * fixture): offline, no credentials, with template validation. Three runs: one with the assembly
 * cache off (a full synth), then two with it on: the first synthesizes afresh and stores its
 * result (or, when an earlier test run of the same source tree stored it, is answered by that
 * run's synth), the second is answered from the cache. The first two are two full synths, so their
 * templates being byte-identical is the determinism check. Slow by nature.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildEstateAppForSynth, ESTATE_PLAN_CHECKS, synthesizeApp } from '../../lib/app';
import { loadDefaultRegister } from '../../lib/compliance';
import { loadPlan } from '../../lib/plan';
import { readValidationReport } from '../../lib/shared/validation-report';
import { cachedControlTowerCheck } from '../support/control-tower-check';
import { cdkJsonContext, PROJECT_ROOT, tempDir } from './support/cdk-app';

const BUNDLED = 'migration-plans/peterborough';
/** The day register review dates are checked against: fixed, so the test passes in any year. */
const TODAY = '2026-11-30';
const FALLBACK = 'test/fixtures/network-estate';
const planDir =
  existsSync(join(PROJECT_ROOT, BUNDLED, 'estate.yaml')) &&
  existsSync(join(PROJECT_ROOT, BUNDLED, 'legacy-baseline.yaml'))
    ? BUNDLED
    : FALLBACK;

function cleanEnv(home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('AWS_') && !k.startsWith('CDK_')) env[k] = v;
  return { ...env, HOME: home, CDK_DISABLE_CLI_TELEMETRY: 'true' };
}

/** One `npx cdk synth`; `assemblyCache` false passes `-c assembly-cache=false` (a real synth every time). */
function cdkSynth(assemblyCache = false): { code: number | null; out: string; output: string } {
  const out = tempDir('n-cdk-synth');
  const result = spawnSync(
    'npx',
    [
      'cdk',
      'synth',
      '--quiet',
      '--no-notices',
      '-c',
      `plan=${planDir}`,
      '-c',
      `estate:today=${TODAY}`,
      ...(assemblyCache ? [] : ['-c', 'assembly-cache=false']),
      '-o',
      out,
    ],
    {
      cwd: PROJECT_ROOT,
      env: cleanEnv(tempDir('n-home')),
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  return { code: result.status, out, output: `${result.stdout}${result.stderr}` };
}

/** The files of an output folder (relative paths), but the CLI's own: its lock files and aws-cdk-lib's timings. */
function assemblyFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name !== 'performance-counters.json' && !d.name.endsWith('.lock'))
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

describe(`npx cdk synth of ${planDir}`, () => {
  let first: ReturnType<typeof cdkSynth>;
  /** With the assembly cache: synthesized afresh (or by an earlier test run, and stored), then surely answered. */
  let second: ReturnType<typeof cdkSynth>;
  let answered: ReturnType<typeof cdkSynth>;
  beforeAll(() => {
    first = cdkSynth();
    second = cdkSynth(true);
    answered = cdkSynth(true);
  }, 600_000);

  test('exits 0 every time', () => {
    for (const run of [first, second, answered])
      expect({ code: run.code, output: run.output }).toEqual({ code: 0, output: expect.any(String) });
  });

  test('the CLI warns of no reserved context key, and no construct creation stack trace is recorded', () => {
    // cdk.json holds no `aws:` context key (the CLI warns about each on every command); the app
    // turns creation stack traces off itself (ESTATE_APP_CONTEXT).
    expect(first.output).not.toContain('reserved context key');
    const metadata = readdirSync(first.out).filter((f) => f.endsWith('.metadata.json'));
    expect(metadata.length).toBeGreaterThanOrEqual(2);
    for (const name of metadata)
      expect([name, readFileSync(join(first.out, name), 'utf8').includes('aws:cdk:creationStack')]).toEqual([
        name,
        false,
      ]);
  });

  test('templates are byte-identical across runs (two full synths)', () => {
    const names = readdirSync(first.out)
      .filter((f) => f.endsWith('.template.json'))
      .sort();
    expect(names.length).toBeGreaterThanOrEqual(2);
    expect(
      readdirSync(second.out)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual(names);
    for (const name of names) {
      expect(
        readFileSync(join(second.out, name), 'utf8') === readFileSync(join(first.out, name), 'utf8'),
      ).toBe(true);
    }
  });

  test('with the assembly cache, the CLI gets the same cloud assembly, file for file', () => {
    expect(answered.output).toContain('Nothing this synth depends on has changed since the last one');
    const names = assemblyFiles(first.out);
    expect(names.length).toBeGreaterThan(10);
    expect(assemblyFiles(second.out)).toEqual(names);
    expect(assemblyFiles(answered.out)).toEqual(names);
    const differing = names.filter((name) =>
      [second, answered].some(
        (run) => readFileSync(join(run.out, name), 'utf8') !== readFileSync(join(first.out, name), 'utf8'),
      ),
    );
    expect(differing).toEqual([]);
  });

  test('the in-process synth of the main job and npm run audit writes byte-identical templates', () => {
    // The main job and the audit synthesize in process (one pass); the house rule checks
    // templates with the real CLI, so both must produce exactly the same files.
    const dir = join(PROJECT_ROOT, planDir);
    const plan = loadPlan(dir, { checks: ESTATE_PLAN_CHECKS });
    const outdir = tempDir('n-in-process');
    const built = buildEstateAppForSynth({
      plan,
      context: { ...cdkJsonContext(), plan: planDir },
      outdir,
      compliance: {
        register: loadDefaultRegister(join(dir, 'compliance-register.yaml'), plan.estate.id),
        now: new Date('2026-11-15T00:00:00Z'),
        ledger: true,
        controlTower: true,
        controlTowerCheck: cachedControlTowerCheck(),
      },
    });
    synthesizeApp(built.app);
    const names = readdirSync(first.out)
      .filter((f) => f.endsWith('.template.json'))
      .sort();
    expect(
      readdirSync(outdir)
        .filter((f) => f.endsWith('.template.json'))
        .sort(),
    ).toEqual(names);
    const differing = names.filter(
      (name) => readFileSync(join(outdir, name), 'utf8') !== readFileSync(join(first.out, name), 'utf8'),
    );
    expect(differing).toEqual([]);
  });

  test('template validation is clean: no errors in validation-report.json', () => {
    for (const run of [first, second]) {
      const report = join(run.out, 'validation-report.json');
      if (!existsSync(report)) continue;
      const findings = readValidationReport(readFileSync(report, 'utf8'));
      expect(findings.errors).toEqual([]);
    }
  });
});

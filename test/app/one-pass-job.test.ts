/**
 * `npm start`'s steps on the bundled example, for real: the plan is loaded and the tree built
 * once, the app is synthesized exactly once (counted through the job's injected synth), no
 * process is spawned (no `cdk synth`, no second audit synth), and the steps print as before.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runJob, synthesizeApp, type JobSystem } from '../../lib/app';
import { mainJobSteps } from '../../lib/cli/start-command';
import { cachedControlTowerCheck } from '../support/control-tower-check';
import { cdkJsonContext, PROJECT_ROOT, tempDir } from './support/cdk-app';

const NOW = new Date('2026-11-15T12:00:00Z');

describe('npm start (one pass) on the bundled example', () => {
  const work = tempDir('n-one-pass');
  const synths: number[] = [];
  const spawned: string[][] = [];
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;

  beforeAll(async () => {
    const system: JobSystem = {
      run: async (command, args) => {
        spawned.push([command, ...args]);
        return { code: 1, stdout: '', stderr: 'no processes in this test' };
      },
      readFile: (p) => readFileSync(p, 'utf8'),
      writeFile: (p, t) => writeFileSync(p, t),
      makeDir: (p) => void mkdirSync(p, { recursive: true }),
      exists: (p) => existsSync(p),
      removeDir: (p) => rmSync(p, { recursive: true, force: true }),
      synth: (app) => {
        synths.push(Date.now());
        return synthesizeApp(app);
      },
      // As `npm start` checks the Control Tower controls: cached by template hash, in workers.
      controlTowerCheck: cachedControlTowerCheck(),
      clockMs: () => 0,
    };
    code = await runJob(
      mainJobSteps(() => NOW),
      {
        cwd: work,
        env: {},
        planDir: join(PROJECT_ROOT, 'migration-plans', 'peterborough'),
        outdir: join(work, 'cdk.out'),
        cdkContext: cdkJsonContext(),
        system,
        now: () => NOW,
        print: () => undefined,
        state: {},
      },
      { stdout: (t) => out.push(t), stderr: (t) => err.push(t) },
    );
  }, 600_000);

  test('succeeds and prints its seven steps', () => {
    expect({ code, err: err.join('') }).toEqual({ code: 0, err: '' });
    expect(out.filter((l) => /^\[\d\/\d\] /.test(l))).toEqual([
      '[1/7] Checking the plan...\n',
      '[2/7] Synthesizing 27 stacks with template validation...\n',
      '[3/7] Summarizing the cloud assembly...\n',
      '[4/7] Cost estimate and cost report (offline, sample data)...\n',
      '[5/7] Compliance audit (AwsSolutions, NIST 800-53 r5, UK public sector, Control Tower controls)...\n',
      '[6/7] Wave runbooks...\n',
      '[7/7] Exit plan: runbook and provider-neutral inventory...\n',
    ]);
    expect(out[out.length - 1]).toBe('Done: 7 of 7 steps succeeded.\n');
  });

  test('synthesizes exactly once and spawns nothing', () => {
    expect(synths).toHaveLength(1);
    expect(spawned).toEqual([]);
  });

  test('the templates, the validation report and the audit report come from that one synth', () => {
    expect(existsSync(join(work, 'cdk.out', 'Peterborough-Keys.template.json'))).toBe(true);
    expect(existsSync(join(work, 'cdk.out', 'validation-report.json'))).toBe(true);
    // npm start's cdk.out is the one users deploy and browse: it keeps the construct tree.
    expect(existsSync(join(work, 'cdk.out', 'tree.json'))).toBe(true);
    const findings = JSON.parse(readFileSync(join(work, 'reports', 'audit', 'findings.json'), 'utf8')) as {
      rows: { pack: string }[];
    };
    const packs = new Set(findings.rows.map((r) => r.pack));
    expect([...packs].sort()).toEqual(
      expect.arrayContaining(['AwsSolutions', 'NIST.800.53.R5', 'cdk-validator-cfnguard']),
    );
  });

  test('the audit report lists the plan warnings: end-of-support software with its date and source', () => {
    const html = readFileSync(join(work, 'reports', 'audit', 'index.html'), 'utf8');
    const warnings = /<ul id="plan-warnings">(.*?)<\/ul>/s.exec(html)?.[1] ?? '';
    expect(warnings).toContain(
      'Windows Server 2016: Microsoft extended support ends (security updates only through paid Extended Security Updates after it) on 2027-01-12 (source: https://learn.microsoft.com/en-us/lifecycle/products/windows-server-2016)',
    );
    expect(warnings).toContain('Amazon RDS for MySQL 8.0: RDS standard support ends');
    expect(warnings).toContain('2026-07-31');
  });
});

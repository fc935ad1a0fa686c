/** bin/app.ts as the CDK CLI runs it: a bad plan prints its problems, exits 2, synthesizes nothing. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cdkAppCommand } from '../support/project-commands';
import { PROJECT_ROOT, tempDir } from './support/cdk-app';

function runApp(planDir: string): { code: number | null; stderr: string; out: string } {
  const out = tempDir('n-bin-app');
  // The command cdk.json gives the CLI: one Node process, not npx's three.
  const [program, args] = cdkAppCommand();
  const result = spawnSync(program, args, {
    cwd: PROJECT_ROOT,
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ plan: planDir }), CDK_OUTDIR: out },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stderr: result.stderr, out };
}

test('a missing plan folder: exit 2, the problem and what to do, nothing synthesized', () => {
  const missing = join(tempDir('n-missing'), 'no-such-plan');
  const { code, stderr, out } = runApp(missing);
  expect(code).toBe(2);
  expect(stderr).toContain(`Plan ${missing} has 1 problem:\n  ${missing}: plan folder not found\n`);
  expect(stderr).toContain('Nothing was synthesized.');
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(readdirSync(out)).toEqual([]);
});

test('a plan with a bad value: exit 2 with file, line and field of each problem', () => {
  const dir = tempDir('n-bad-plan');
  mkdirSync(dir, { recursive: true });
  for (const f of ['estate.yaml', 'servers.yaml', 'databases.yaml', 'legacy-baseline.yaml']) {
    const text = readFileSync(join(PROJECT_ROOT, 'test/fixtures/network-estate', f), 'utf8');
    writeFileSync(
      join(dir, f),
      f === 'estate.yaml' ? text.replace('vpcCidr: 10.40.0.0/16', 'vpcCidr: 10.40.0.0') : text,
    );
  }
  const { code, stderr, out } = runApp(dir);
  expect(code).toBe(2);
  expect(stderr).toMatch(/estate\.yaml:\d+:\d+ network\.vpcCidr: .*"10\.40\.0\.0"/);
  expect(readdirSync(out)).toEqual([]);
});

test('a plan forbidding the Multi-AZ its tier requires: exit 2 with file:line, nothing synthesized', () => {
  const { code, stderr, out } = runApp(join(PROJECT_ROOT, 'test/fixtures/plans/ha-forbidden-by-gold-tier'));
  expect(code).toBe(2);
  expect(stderr).toContain(
    'databases.yaml:12:5 databases[0].highAvailability: Database "revenues-db": the gold tier of application "revenues" requires Multi-AZ',
  );
  expect(stderr).toContain('Nothing was synthesized.');
  expect(readdirSync(out)).toEqual([]);
});

/**
 * Warnings summarized where a user sees them: bin/app.ts as the CDK CLI runs it, on a generated
 * 20-server estate (19 servers whose image cannot leave AWS, several MySQL 8.0 databases). The
 * same exit-readiness finding over many servers prints one block with the count and the first
 * three construct paths, and the same plan warning over many items one line; `-c verbose=true`
 * prints every one. The app prints aws-cdk-lib's validation report with the formatter the CLI
 * uses, one block per violating construct, so the block count is what `cdk synth` shows.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseValidationReport } from '../../lib/shared/validation-report';
import { writeSyntheticEstate } from '../../scripts/bench/synthetic-estate';
import { cdkAppCommand } from '../support/project-commands';
import { cdkJsonContext, PROJECT_ROOT, tempDir } from './support/cdk-app';

const IMAGE_FINDING = "WARNING The server's image cannot leave AWS";

function runApp(planDir: string, extra: Record<string, unknown>): { stderr: string; out: string } {
  const out = tempDir('n-warnings');
  // The command cdk.json gives the CLI: one Node process, not npx's three.
  const [program, args] = cdkAppCommand();
  const result = spawnSync(program, args, {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJsonContext(), plan: planDir, ...extra }),
      CDK_OUTDIR: out,
    },
    encoding: 'utf8',
    timeout: 180_000,
  });
  expect(result.status).toBe(0);
  return { stderr: result.stderr, out };
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

let plan: string;
let plain: { stderr: string; out: string };
let verbose: { stderr: string; out: string };

beforeAll(() => {
  plan = join(tempDir('n-estate-20'), 'estate-20');
  writeSyntheticEstate(plan, 20);
  plain = runApp(plan, {});
  verbose = runApp(plan, { verbose: 'true' });
}, 360_000);

test('an exit-readiness warning over 19 servers prints once, with the count and the first three paths', () => {
  expect(count(plain.stderr, IMAGE_FINDING)).toBe(1);
  expect(plain.stderr).toContain(
    '[19 resources, first: Synthetic-Wave01-Wave01-App01/Srv0000/Instance/Resource, ' +
      'Synthetic-Wave01-Wave01-App01/Srv0002/Instance/Resource, Synthetic-Wave01-Wave01-App01/Srv0004/Instance/Resource' +
      ' and 16 more; -c verbose=true prints every one; npm run audit records each]',
  );
});

test('-c verbose=true prints the finding once per server', () => {
  expect(count(verbose.stderr, IMAGE_FINDING)).toBe(19);
  expect(verbose.stderr).not.toContain('19 resources, first:');
  const report = parseValidationReport(readFileSync(join(verbose.out, 'validation-report.json'), 'utf8'), '');
  const exit = report.pluginReports.find((p) => p.pluginName === 'ExitReadiness')!;
  const image = exit.violations.find((v) => v.ruleName === 'ExitReadiness-ImageNotExportable')!;
  expect(image.violatingConstructs).toHaveLength(19);
});

test('the same plan warning over many databases prints one line; verbose one per database', () => {
  const mysql = (text: string) =>
    text.split('\n').filter((l) => l.startsWith('warning: ') && l.includes('Amazon RDS for MySQL 8.0'));
  expect(mysql(plain.stderr)).toHaveLength(1);
  expect(mysql(plain.stderr)[0]).toMatch(/ — \d+ items: databases\.yaml:\d+:\d+, /);
  expect(mysql(verbose.stderr).length).toBeGreaterThan(1);
});

test('summarizing changes what is printed, not the templates', () => {
  const templates = (dir: string) =>
    readdirSync(dir)
      .filter((n) => n.endsWith('.template.json'))
      .sort();
  expect(templates(plain.out).length).toBeGreaterThan(5);
  expect(templates(plain.out)).toEqual(templates(verbose.out));
  for (const name of templates(plain.out))
    expect(readFileSync(join(plain.out, name), 'utf8')).toBe(readFileSync(join(verbose.out, name), 'utf8'));
});

/**
 * The monthly report's code (lib/finance/monthly-report-code.ts) is bundled by esbuild's API in
 * this process. It must give the asset that NodejsFunction's own bundling gave for the same entry
 * and options (`npx --no-install esbuild`, then shell hooks copying the plan): the same files, so
 * the same asset hash and the same template. Both are built here, with a real esbuild each.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { MONTHLY_REPORT_RUNTIME } from '../../lib/finance';
import { monthlyReportCode } from '../../lib/finance/monthly-report-code';
import { PROJECT_ROOT, tempDir } from '../app/support/cdk-app';

const ENTRY = join(PROJECT_ROOT, 'bin', 'lambda', 'monthly-report.ts');
const PLAN = join(PROJECT_ROOT, 'migration-plans', 'peterborough');

type Json = Record<string, unknown>;

/** The function as it was built before: NodejsFunction bundling the entry itself. */
function bundledByNodejsFunction(stack: Stack): void {
  new nodejs.NodejsFunction(stack, 'ByNodejsFunction', {
    entry: ENTRY,
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    runtime: MONTHLY_REPORT_RUNTIME,
    architecture: lambda.Architecture.X86_64,
    bundling: {
      forceDockerBundling: false,
      minify: true,
      sourceMap: false,
      target: 'node22',
      format: nodejs.OutputFormat.CJS,
      externalModules: ['@duckdb/node-api'],
      logLevel: nodejs.LogLevel.ERROR,
      commandHooks: {
        beforeBundling: () => [],
        beforeInstall: () => [],
        afterBundling: (_input: string, output: string) => [
          `mkdir -p "${output}/plan"`,
          `cp "${PLAN}"/*.yaml "${output}/plan/"`,
          `if [ -f "${PLAN}/mgn-import.csv" ]; then cp "${PLAN}/mgn-import.csv" "${output}/plan/"; fi`,
        ],
      },
    },
  });
}

const app = new App({ outdir: tempDir('n-monthly-report-code') });
const stack = new Stack(app, 'Code', { env: { account: '123456789012', region: 'eu-west-2' } });
bundledByNodejsFunction(stack);
new nodejs.NodejsFunction(stack, 'ByApi', {
  code: monthlyReportCode({
    projectRoot: PROJECT_ROOT,
    entry: ENTRY,
    planDir: PLAN,
    runtime: MONTHLY_REPORT_RUNTIME,
  }),
  handler: 'index.handler',
  runtime: MONTHLY_REPORT_RUNTIME,
  architecture: lambda.Architecture.X86_64,
});
const assembly = app.synth();
const functions = Template.fromJSON(assembly.getStackByName('Code').template as Json).findResources(
  'AWS::Lambda::Function',
);
const byId = (prefix: string): Json =>
  Object.entries(functions).find(([id]) => id.startsWith(prefix))![1].Properties as Json;

test('the same asset as NodejsFunction bundling the entry itself: same code, handler and runtime', () => {
  const old = byId('ByNodejsFunction');
  const now = byId('ByApi');
  expect(now.Code).toEqual(old.Code);
  expect([now.Handler, now.Runtime]).toEqual([old.Handler, old.Runtime]);
});

test('the asset holds the bundle and every YAML file of the plan, in plan/', () => {
  const key = String((byId('ByApi').Code as Json).S3Key);
  const dir = join(assembly.directory, `asset.${key.replace(/\.zip$/, '')}`);
  expect(existsSync(join(dir, 'index.js'))).toBe(true);
  expect(readFileSync(join(dir, 'index.js'), 'utf8')).toContain('REPORT_BUCKET');
  const yaml = readdirSync(PLAN).filter((f) => f.endsWith('.yaml'));
  expect(yaml.length).toBeGreaterThan(3);
  expect(readdirSync(join(dir, 'plan')).sort()).toEqual(
    [...yaml, ...(existsSync(join(PLAN, 'mgn-import.csv')) ? ['mgn-import.csv'] : [])].sort(),
  );
});

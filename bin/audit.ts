#!/usr/bin/env -S npx tsx
/**
 * `npm run audit`: synthesizes the app once, in this process (the same templates as `npx cdk
 * synth`), with every compliance pack (AwsSolutions, NIST 800-53 r5, UK public sector, Control
 * Tower controls via cfn-guard, remembered by template hash in .cache/control-tower/ and checked
 * in parallel) and writes reports/audit/ (HTML, CSV, JSON). Exit 0: no unsuppressed errors;
 * 1: some remain; 2: the plan or register is broken.
 *
 * Options: --plan <folder>, --register <file>, --out <report folder> (default reports/audit),
 * --no-control-tower (skip cfn-guard: faster, for a quick look).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { auditEstate, synthesizeApp, type EstateAuditSystem } from '../lib/app';
import { RegisterError } from '../lib/compliance';
import { PlanError } from '../lib/plan';
import { controlTowerFileCache, parallelControlTowerRunner } from './private/control-tower-check';
import { nodeFiles, wantsHelp } from './private/node-system';

const USAGE =
  'Usage: npm run audit -- [--plan <folder>] [--register <file>] [--out <folder>] [--no-control-tower]\n';

const system: EstateAuditSystem = {
  ...nodeFiles,
  synth: synthesizeApp,
  controlTowerCheck: {
    cache: controlTowerFileCache(resolve('.cache', 'control-tower')),
    runner: parallelControlTowerRunner,
  },
};

async function main(): Promise<number> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(
      `${USAGE}\nSynthesizes the app with every compliance pack and writes reports/audit/ (index.html,\n` +
        `findings.csv, findings.json). Exit 0: no unsuppressed errors; 1: some remain; 2: app or register broken.\n`,
    );
    return 0;
  }
  let values: { plan?: string; register?: string; out?: string; 'no-control-tower'?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        plan: { type: 'string' },
        register: { type: 'string' },
        out: { type: 'string' },
        'no-control-tower': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const cwd = process.cwd();
  const context =
    (JSON.parse(readFileSync(resolve(cwd, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> })
      .context ?? {};
  const planDir = values.plan ?? String(context.plan ?? 'migration-plans/peterborough');
  const started = performance.now();
  try {
    const { code } = auditEstate(
      system,
      {
        cwd,
        planDir,
        ...(values.register ? { registerPath: values.register } : {}),
        context,
        outdir: resolve(cwd, 'cdk.out.audit'),
        reportDir: values.out ?? 'reports/audit',
        now: new Date(),
        controlTower: !values['no-control-tower'],
      },
      (t) => process.stdout.write(t),
    );
    process.stdout.write(`Audit finished in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
    return code;
  } catch (e) {
    if (e instanceof RegisterError || e instanceof PlanError) {
      process.stderr.write(
        `${e.message}\nNo audit was produced. Fix the problems listed above and run "npm run audit" again.\n`,
      );
      return 2;
    }
    throw e;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`audit: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env -S npx tsx
/**
 * The main job (`npm start`), in one pass: loads the plan and builds the construct tree once,
 * synthesizes it once in this process into cdk.out (template validation, compliance packs with
 * their ledger, Control Tower controls; the same templates as `npx cdk synth`), summarizes that
 * cloud assembly, writes the cost reports and audits the same assembly. Add a step by adding one
 * entry to STEPS.
 *
 * Options: --plan <folder> (default: context "plan" in cdk.json), --out <folder> (default cdk.out).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mainJobSteps, runJob, synthesizeApp, type JobSystem } from '../lib/app';
import { controlTowerFileCache, parallelControlTowerRunner } from './private/control-tower-check';
import { nodeFiles, runCommand, wantsHelp } from './private/node-system';

const STEPS = mainJobSteps(() => new Date());

const system: JobSystem = {
  run: runCommand,
  readFile: nodeFiles.readFile,
  writeFile: nodeFiles.writeFile,
  makeDir: nodeFiles.makeDir,
  exists: nodeFiles.exists,
  removeDir: nodeFiles.removeDir,
  synth: synthesizeApp,
  controlTowerCheck: {
    cache: controlTowerFileCache(resolve('.cache', 'control-tower')),
    runner: parallelControlTowerRunner,
  },
  clockMs: () => performance.now(),
};

const USAGE = 'Usage: npm start -- [--plan <folder>] [--out <folder>]\n';

async function main(): Promise<number> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(
      `${USAGE}\nChecks the plan, synthesizes every stack with template validation and the compliance packs,\n` +
        `summarizes the stacks, writes the cost report (reports/cost/) and the audit report (reports/audit/).\n`,
    );
    return 0;
  }
  let values: { plan?: string; out?: string };
  try {
    ({ values } = parseArgs({
      options: { plan: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const cwd = process.cwd();
  const cdkJson = JSON.parse(readFileSync(resolve(cwd, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  const cdkContext = cdkJson.context ?? {};
  const planDir = values.plan ?? String(cdkContext.plan ?? 'migration-plans/peterborough');
  return runJob(
    STEPS,
    {
      cwd,
      env: process.env,
      planDir,
      outdir: resolve(cwd, values.out ?? 'cdk.out'),
      cdkContext,
      system,
      now: () => new Date(),
      print: (text) => process.stdout.write(text),
      state: {},
    },
    { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) },
  );
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`main job: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);

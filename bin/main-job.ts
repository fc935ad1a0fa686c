#!/usr/bin/env -S npx tsx
/**
 * The main job (`npm start`): checks the plan, synthesizes every stack through the real CDK CLI
 * with template validation, and summarizes the result. Add a step by adding one entry to STEPS.
 *
 * Options: --plan <folder> (default: context "plan" in cdk.json), --out <folder> (default cdk.out).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPlanStep, runJob, synthStep, synthSummaryStep, type JobStep, type JobSystem } from '../lib/app';
import { auditStep } from '../lib/compliance';
import { costReportStep } from '../lib/cost/cli/job-step';
import { exitPlanStep } from '../lib/exit/cli/exit-plan-step';
import { nodeFiles, runCommand, wantsHelp } from './private/node-system';

const STEPS: readonly JobStep[] = [
  checkPlanStep,
  synthStep,
  synthSummaryStep,
  costReportStep(() => new Date()),
  auditStep, // lib/compliance: same checks as npm run audit, report in reports/audit/
  exitPlanStep, // lib/exit: exit runbook and provider-neutral inventory in reports/exit/
  // Further steps go here, one line each.
];

const system: JobSystem = {
  run: runCommand,
  readFile: nodeFiles.readFile,
  exists: nodeFiles.exists,
  removeDir: nodeFiles.removeDir,
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

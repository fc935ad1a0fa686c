#!/usr/bin/env -S npx tsx
/**
 * The main job (`npm start`): checks the plan, synthesizes every stack through the real CDK CLI
 * with template validation, and summarizes the result. Add a step by adding one entry to STEPS.
 *
 * Options: --plan <folder> (default: context "plan" in cdk.json), --out <folder> (default cdk.out).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkPlanStep, runJob, synthStep, synthSummaryStep, type JobStep, type JobSystem } from '../lib/app';
import { auditStep } from '../lib/compliance';
import { costReportStep } from '../lib/cost/cli/job-step';

const STEPS: readonly JobStep[] = [
  checkPlanStep,
  synthStep,
  synthSummaryStep,
  costReportStep(() => new Date()),
  auditStep, // lib/compliance: same checks as npm run audit, report in reports/audit/
  // Further steps go here, one line each.
];

const system: JobSystem = {
  run: (command, args, env) =>
    new Promise((done) => {
      const child = spawn(command, [...args], {
        cwd: process.cwd(),
        env: { ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', (e) => done({ code: 127, stdout, stderr: `${stderr}${e.message}\n` }));
      child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
    }),
  readFile: (path) => readFileSync(path, 'utf8'),
  exists: (path) => existsSync(path),
  removeDir: (path) => rmSync(path, { recursive: true, force: true }),
  clockMs: () => performance.now(),
};

async function main(): Promise<number> {
  let values: { plan?: string; out?: string };
  try {
    ({ values } = parseArgs({
      options: { plan: { type: 'string' }, out: { type: 'string' } },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\nUsage: npm start -- [--plan <folder>] [--out <folder>]\n`);
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

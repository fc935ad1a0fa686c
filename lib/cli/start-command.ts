/**
 * `estate start` (also `npm start`): the main job. Checks the plan, synthesizes every stack with
 * template validation, summarizes the stacks, writes the cost reports and runs the audit. Add a
 * step by adding one entry to `mainJobSteps`.
 */
import { resolve } from 'node:path';
import {
  auditStep,
  checkPlanStep,
  runJob,
  synthStep,
  synthSummaryStep,
  type JobStep,
  type JobSystem,
} from '../app';
import { readCdkContext } from './cdk-json';
import { stringOption, type CliIo, type Command } from './command';
import { costReportStep } from './cost/job-step';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from './plan-dir';

/** The main job's steps, in the order they run. `now` is the wall clock (the report month). */
export function mainJobSteps(now: () => Date): readonly JobStep[] {
  return [
    checkPlanStep,
    synthStep,
    synthSummaryStep,
    costReportStep(now),
    auditStep, // same checks as `estate audit`, report in reports/audit/
    // Further steps go here, one line each.
  ];
}

export interface MainJobOptions {
  /** Plan folder as the user gave it (relative to `io.cwd`, or absolute). */
  readonly planDir: string;
  /** Cloud assembly folder. @default cdk.out */
  readonly outdir?: string;
}

/** Runs the main job; returns the exit code (0 every step succeeded, 1 a step failed). */
export function runMainJob(options: MainJobOptions, io: CliIo, system: JobSystem): Promise<number> {
  return runJob(
    mainJobSteps(io.now),
    {
      cwd: io.cwd,
      env: io.env,
      planDir: options.planDir,
      outdir: resolve(io.cwd, options.outdir ?? 'cdk.out'),
      cdkContext: readCdkContext(io.cwd),
      system,
      print: io.stdout,
      state: {},
    },
    io,
  );
}

/** `estate start`, running the job's processes and files through `system`. */
export function startCommand(system: JobSystem): Command {
  return {
    path: ['start'],
    summary: 'The main job: check the plan, synthesize, summarize, cost reports, compliance audit',
    usage: [
      'Usage: npm run estate -- start [--plan DIR] [--out DIR]     (npm start -- [options] is the same)',
      '',
      'Checks the plan, synthesizes every stack with template validation and the compliance packs,',
      'summarizes the stacks, writes the cost estimate and report (reports/cost/) and the audit',
      'report (reports/audit/). A step that fails stops the job and says what to do next.',
      '',
      'Options:',
      planOptionHelp(),
      '  --out DIR       cloud assembly folder (default: cdk.out)',
      '',
      'Exit codes: 0 every step succeeded, 1 a step failed, 2 bad arguments.',
    ].join('\n'),
    options: { ...PLAN_OPTION, out: { type: 'string' } },
    async run(args, io) {
      const planDir = resolvePlanDir(args, io).shown;
      const outdir = stringOption(args, 'out');
      return runMainJob({ planDir, ...(outdir ? { outdir } : {}) }, io, system);
    },
  };
}

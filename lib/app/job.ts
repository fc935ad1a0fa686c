/**
 * The main job: a list of steps run in order with progress lines (`[2/4] Synthesizing ...`).
 * Steps get everything from outside (processes, files, clock, output) through `JobContext`, so
 * the runner and the steps are testable; bin/main-job.ts wires the real ones.
 */
import type { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { ComplianceOptions, ComplianceRegister } from '../compliance';
import type { ValidationReportFile } from '../shared/validation-report';
import type { Plan } from '../plan/plan';
import type { BuiltEstateApp } from './estate-synth';
import type { SynthSummary } from './synth-summary';

/** Result of running an external command. */
export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the job may do to the outside world. */
export interface JobSystem {
  /** Runs a command (no shell) in the job's working directory and waits for it. */
  readonly run: (
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
  ) => Promise<CommandResult>;
  /** Reads a text file (absolute path). */
  readonly readFile: (path: string) => string;
  readonly exists: (path: string) => boolean;
  readonly writeFile: (path: string, text: string) => void;
  /** Creates a folder and its parents. */
  readonly makeDir: (path: string) => void;
  /** Removes a folder and everything in it, if present. */
  readonly removeDir: (path: string) => void;
  /** Synthesizes an app (`app => app.synth()`): the job's only synth goes through here. */
  readonly synth: (app: App) => CloudAssembly;
  /** Cache (by template hash) and runner for the Control Tower controls. @default - none */
  readonly controlTowerCheck?: ComplianceOptions['controlTowerCheck'];
  /** Where the stock cdk-nag packs' outcomes are remembered per stack. @default - none */
  readonly packCache?: ComplianceOptions['packCache'];
  /** Template validation to use instead of aws-cdk-lib's default (e.g. cached by template hash). @default - the default */
  readonly templateValidator?: () => CloudFormationValidatePlugin;
  /** Milliseconds from a monotonic clock, for step timings. */
  readonly clockMs: () => number;
}

/** Facts steps hand on to later steps. */
export interface JobState {
  plan?: Plan;
  /** Stacks the app builds for the plan. */
  stackCount?: number;
  /** The construct tree, built once with the packs registered, synthesized once. */
  built?: BuiltEstateApp;
  /** The compliance register the packs were given, and its file as named. */
  register?: { readonly register: ComplianceRegister; readonly file: string };
  /** validation-report.json of the synth: template validation, packs, Control Tower controls. */
  validationReport?: ValidationReportFile;
  /** Summary of the cloud assembly, once synthesized. */
  synth?: SynthSummary;
}

export interface JobContext {
  /** Working directory (the project root). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Plan folder as the user gave it (relative to cwd or absolute). */
  readonly planDir: string;
  /** Absolute path of the cloud assembly folder (`cdk.out`). */
  readonly outdir: string;
  /** Context from cdk.json, for in-process apps. */
  readonly cdkContext: Readonly<Record<string, unknown>>;
  readonly system: JobSystem;
  /** The wall clock (register review dates, report timestamps); passed in, lib/ does not read it. */
  readonly now: () => Date;
  /** Writes detail lines under the current step's progress line. */
  readonly print: (text: string) => void;
  readonly state: JobState;
}

export interface StepResult {
  readonly ok: boolean;
  /** One-line outcome, e.g. "9 stacks, validation clean (6.1 s)" or what went wrong. */
  readonly message: string;
  /** On failure: what the user should do next. */
  readonly hint?: string;
}

export interface JobStep {
  /** Progress title; a function when it depends on what earlier steps found. */
  readonly title: string | ((state: JobState) => string);
  run(ctx: JobContext): Promise<StepResult>;
}

export interface JobIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Runs the steps in order; stops at the first failure. Returns the exit code (0 ok, 1 failed). */
export async function runJob(steps: readonly JobStep[], ctx: JobContext, io: JobIo): Promise<number> {
  for (const [index, step] of steps.entries()) {
    const title = typeof step.title === 'string' ? step.title : step.title(ctx.state);
    io.stdout(`[${index + 1}/${steps.length}] ${title}...\n`);
    let result: StepResult;
    try {
      result = await step.run(ctx);
    } catch (e) {
      result = { ok: false, message: `unexpected error: ${e instanceof Error ? e.message : String(e)}` };
    }
    if (!result.ok) {
      io.stderr(`Step ${index + 1} of ${steps.length} failed (${title}): ${result.message}\n`);
      if (result.hint) io.stderr(`What to do: ${result.hint}\n`);
      return 1;
    }
    io.stdout(`      ${result.message}\n`);
  }
  io.stdout(`Done: ${steps.length} of ${steps.length} steps succeeded.\n`);
  return 0;
}

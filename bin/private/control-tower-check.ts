/**
 * The file cache and the parallel runner for the Control Tower controls (cfn-guard), given to
 * lib/compliance's CachedControlTowerValidator by the entry points. Results live in
 * .cache/control-tower/<hash>.json; changed templates are checked in worker threads, one per core,
 * while the synth (which is synchronous) waits for them.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, parse } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { ControlTowerCache, ControlTowerRunner } from '../../lib/compliance';
import { controlTowerJobs, spreadJobs, type GuardTemplate } from './control-tower-jobs';

/** Results by key, as files in `dir`. */
export function controlTowerFileCache(dir: string): ControlTowerCache {
  return {
    get: (key) => {
      const file = join(dir, `${key}.json`);
      return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    },
    put: (key, text) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${key}.json`), text);
    },
  };
}

/** The Control Tower rule files (cfn-guard) shipped with the validator, with the resource types each names. */
let ruleFiles: { readonly path: string; readonly types: readonly string[] }[] | undefined;

function controlTowerRuleFiles(): readonly { readonly path: string; readonly types: readonly string[] }[] {
  if (ruleFiles) return ruleFiles;
  const root = join(
    dirname(require.resolve('@cdklabs/cdk-validator-cfnguard')),
    '..',
    'rules',
    'control-tower',
    'cfn-guard',
  );
  ruleFiles = (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.guard'))
    .sort()
    .map((f) => {
      const path = join(root, f);
      return {
        path,
        types: [...new Set(readFileSync(path, 'utf8').match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? [])],
      };
    });
  return ruleFiles;
}

/** Plain JavaScript run by each worker: one cfn-guard run per job it is given, in turn. */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { CfnGuardValidator } = require(workerData.module);
let result;
try {
  const reports = [];
  for (const job of workerData.jobs) {
    const validator = new CfnGuardValidator({
      controlTowerRulesEnabled: false,
      rules: job.rules,
      disabledRules: workerData.disabledRules,
      maxBuffer: 256 * 1024 * 1024,
    });
    reports.push(validator.validate({ templatePaths: job.templates }));
  }
  result = { reports };
} catch (e) {
  result = { error: String(e && e.message ? e.message : e) };
}
workerData.port.postMessage(result);
Atomics.add(workerData.done, 0, 1);
Atomics.notify(workerData.done, 0);
`;

/** A job whose template copies are written: what one cfn-guard run is given. */
interface WrittenJob {
  readonly rules: readonly string[];
  readonly templates: readonly string[];
  readonly cost: number;
}

/**
 * Checks templates in worker threads, one per core: the rules are grouped by the resource types
 * they name and each group checks copies of the templates that hold only those resources
 * (control-tower-jobs.ts says why and how). The copies live in a temporary folder, removed after;
 * the violations name the original templates. Waits for every worker.
 */
export const parallelControlTowerRunner: ControlTowerRunner = (templatePaths, disabledRules) => {
  const templates = templatePaths.map((path) => ({
    path,
    template: JSON.parse(readFileSync(path, 'utf8')) as GuardTemplate['template'],
  }));
  const disabled = new Set(disabledRules);
  const rules = controlTowerRuleFiles().filter((r) => !disabled.has(parse(r.path).name));
  const dir = mkdtempSync(join(tmpdir(), 'estate-control-tower-'));
  try {
    const sourceOf = new Map<string, string>();
    const jobs: WrittenJob[] = controlTowerJobs(templates, rules).map((job, j) => {
      mkdirSync(join(dir, String(j)));
      const written = job.data.map((d, i) => {
        const copy = join(dir, String(j), `${i}-${basename(d.source)}`);
        writeFileSync(copy, JSON.stringify(d.template));
        sourceOf.set(copy, d.source);
        return copy;
      });
      return { rules: job.rules, templates: written, cost: job.cost };
    });
    const reports = runJobs(spreadJobs(jobs, availableParallelism()), disabledRules);
    const violations = reports.flatMap((report) =>
      report.violations.map((v) => ({
        ...v,
        violatingResources: v.violatingResources.map((r) => ({
          ...r,
          templatePath: (r.templatePath && sourceOf.get(r.templatePath)) ?? r.templatePath,
        })),
      })),
    );
    return { success: reports.every((r) => r.success), violations };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** Runs each list of jobs in its own worker thread; the reports in the order of the jobs' first rule. */
function runJobs(
  lists: readonly (readonly WrittenJob[])[],
  disabledRules: readonly string[],
): PolicyValidationPluginReport[] {
  if (lists.every((l) => l.length === 0)) return [];
  const done = new Int32Array(new SharedArrayBuffer(4));
  const channels = lists.map(() => new MessageChannel());
  const started = channels.map(
    (channel, w) =>
      new Worker(WORKER, {
        eval: true,
        workerData: {
          module: require.resolve('@cdklabs/cdk-validator-cfnguard'),
          jobs: lists[w]!.map((j) => ({ rules: j.rules, templates: j.templates })),
          disabledRules: [...disabledRules],
          port: channel.port2,
          done,
        },
        transferList: [channel.port2],
      }),
  );
  while (Atomics.load(done, 0) < lists.length) Atomics.wait(done, 0, Atomics.load(done, 0), 1000);
  const byJob = new Map<WrittenJob, PolicyValidationPluginReport>();
  try {
    channels.forEach((channel, w) => {
      const message = receiveMessageOnPort(channel.port1)?.message as
        { reports?: PolicyValidationPluginReport[]; error?: string } | undefined;
      if (!message?.reports)
        throw new Error(`a Control Tower check failed: ${message?.error ?? 'no result'}`);
      lists[w]!.forEach((job, i) => byJob.set(job, message.reports![i]!));
      channel.port1.close();
    });
  } finally {
    for (const worker of started) void worker.terminate();
  }
  return lists
    .flat()
    .sort((a, b) => a.rules[0]!.localeCompare(b.rules[0]!))
    .map((job) => byJob.get(job)!);
}

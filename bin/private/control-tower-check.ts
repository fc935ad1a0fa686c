/**
 * The file cache and the parallel runner for the Control Tower controls (cfn-guard), given to
 * lib/compliance's CachedControlTowerValidator by the entry points. Results live in
 * .cache/control-tower/<hash>.json; changed templates are checked in worker threads, one per core,
 * while the synth (which is synchronous) waits for them.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, dirname, join, parse } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { ControlTowerCache, ControlTowerRunner } from '../../lib/compliance';
import {
  controlTowerJobs,
  selectedTypes,
  spreadJobs,
  type GuardRuleFile,
  type GuardTemplate,
} from './control-tower-jobs';
import { projectedNames, projectedTemplate } from './control-tower-projection';
import { keyedFileCache } from './keyed-file-cache';

/** Results by key, as files in `dir`, written atomically (keyed-file-cache.ts). */
export function controlTowerFileCache(dir: string): ControlTowerCache {
  return keyedFileCache(dir);
}

/**
 * A Control Tower rule file (cfn-guard) shipped with the validator, with the resource types it
 * names and, when it qualifies for the projected first pass, the names it can look at.
 */
export interface RuleFile extends GuardRuleFile {
  readonly names?: ReadonlySet<string>;
  /** The guard rules the file defines (a violation names one of them). */
  readonly ruleNames: readonly string[];
}

let ruleFiles: RuleFile[] | undefined;

export function controlTowerRuleFiles(): readonly RuleFile[] {
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
      const text = readFileSync(path, 'utf8');
      const types = [...new Set(text.match(/AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/g) ?? [])];
      const names = projectedNames(text, types);
      const selects = selectedTypes(text);
      const ruleNames = [...text.matchAll(/^\s*rule\s+(\w+)/gm)].map((m) => m[1]!);
      return { path, types, ruleNames, ...(names ? { names } : {}), ...(selects ? { selects } : {}) };
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
 * Checks templates in worker threads, one per core. First, the controls that look only at named
 * properties of one resource type run once per distinct projection of those resources
 * (control-tower-projection.ts); those that pass there are done. The others are grouped by the
 * resource types they name and each group checks copies of the templates that hold only those
 * resources (control-tower-jobs.ts says why and how), in the order of the groups of every rule,
 * so the violations come as before. The copies live in a temporary folder, removed after; the
 * violations name the original templates. Waits for every worker.
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
    const passed = passedOnProjection(templates, rules, join(dir, 'projected'), disabledRules);
    const sourceOf = new Map<string, string>();
    const jobs: WrittenJob[] = controlTowerJobs(templates, rules).flatMap((job, j) => {
      const remaining = job.rules.filter((r) => !passed.has(r));
      if (remaining.length === 0) return [];
      mkdirSync(join(dir, String(j)));
      const written = job.data.map((d, i) => {
        const copy = join(dir, String(j), `${i}-${basename(d.source)}`);
        writeFileSync(copy, JSON.stringify(d.template));
        sourceOf.set(copy, d.source);
        return copy;
      });
      const cost = (job.cost * remaining.length) / job.rules.length;
      // Kept in the order of the jobs of every rule, so the violations come in the same order.
      return [{ rules: remaining, templates: written, cost }];
    });
    const reports = runJobs(jobs, disabledRules);
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

/** Resources of a type below which the first pass is not worth a cfn-guard run of its own. */
const PROJECTION_MIN_RESOURCES = 20;

/**
 * The rules that pass on the projected first pass (control-tower-projection.ts): each qualifying
 * rule whose type's resources come down to at most a quarter as many distinct projections is run
 * over one template of those (rules with the same projected template together). A rule file
 * passes when no violation names a guard rule it defines; otherwise it goes to the normal check,
 * which reports its violations on the real resources.
 */
export function passedOnProjection(
  templates: readonly GuardTemplate[],
  rules: readonly RuleFile[],
  dir: string,
  disabledRules: readonly string[],
): ReadonlySet<string> {
  const count = new Map<string, number>();
  for (const { template } of templates)
    for (const r of Object.values(template.Resources ?? {}))
      count.set(String(r?.Type), (count.get(String(r?.Type)) ?? 0) + 1);
  const groups = new Map<string, string[]>();
  for (const rule of rules) {
    const type = rule.types[0]!;
    const total = count.get(type) ?? 0;
    if (!rule.names || total < PROJECTION_MIN_RESOURCES) continue;
    const projected = projectedTemplate(templates, type, rule.names);
    if (!projected || projected.resources * 4 > total) continue;
    const text = JSON.stringify(projected.template);
    groups.set(text, [...(groups.get(text) ?? []), rule.path]);
  }
  if (groups.size === 0) return new Set();
  mkdirSync(dir, { recursive: true });
  const jobs: WrittenJob[] = [...groups].map(([text, paths], i) => {
    const file = join(dir, `${i}.template.json`);
    writeFileSync(file, text);
    return { rules: paths, templates: [file], cost: paths.length * text.length };
  });
  const reports = runJobs(jobs, disabledRules);
  const byPath = new Map(rules.map((r) => [r.path, r]));
  return new Set(
    jobs.flatMap((job, i) => {
      const report = reports[i]!;
      const files = job.rules.map((path) => byPath.get(path)!);
      const violated = new Set(report.violations.map((v) => v.ruleName));
      // A run that failed without a violation (an error), or a violation no file of the run
      // defines, passes nothing.
      if (!report.success && violated.size === 0) return [];
      if ([...violated].some((n) => !files.some((f) => f.ruleNames.includes(n)))) return [];
      return files.filter((f) => !f.ruleNames.some((n) => violated.has(n))).map((f) => f.path);
    }),
  );
}

/** Runs the jobs in worker threads, one per core (spreadJobs); the reports in the order of `jobs`. */
function runJobs(
  jobs: readonly WrittenJob[],
  disabledRules: readonly string[],
): PolicyValidationPluginReport[] {
  if (jobs.length === 0) return [];
  const lists = spreadJobs(jobs, availableParallelism());
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
  return jobs.map((job) => byJob.get(job)!);
}

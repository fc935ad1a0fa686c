/**
 * The file cache and the parallel runner for the Control Tower controls (cfn-guard), given to
 * lib/compliance's CachedControlTowerValidator by the entry points. Results live in
 * .cache/control-tower/<hash>.json; changed templates are checked in worker threads, one per core,
 * while the synth (which is synchronous) waits for them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import type { ControlTowerCache, ControlTowerRunner } from '../../lib/compliance';

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

/**
 * The rule files that can find anything in these templates: each Control Tower proactive control
 * checks resources of the types it names (e.g. AWS::EC2::LaunchTemplate) and passes a template
 * without them, so a rule naming none of the templates' resource types is left out (a rule that
 * names no type at all is kept). cfn-guard's time grows with the rules it loads and runs: the
 * estate's templates use a fraction of the ~240 rules' types. `test/compliance/control-tower.test.ts`
 * checks the results equal those of every rule.
 */
export function controlTowerRulesFor(templatePaths: readonly string[]): string[] {
  const types = new Set<string>();
  for (const path of templatePaths) {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as {
      Resources?: Record<string, { Type?: unknown }>;
    };
    for (const r of Object.values(parsed.Resources ?? {})) if (typeof r?.Type === 'string') types.add(r.Type);
  }
  return controlTowerRuleFiles()
    .filter((r) => r.types.length === 0 || r.types.some((t) => types.has(t)))
    .map((r) => r.path);
}

/** Plain JavaScript run by each worker: the validator on each template it is given. */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { CfnGuardValidator } = require(workerData.module);
const validator = new CfnGuardValidator({
  controlTowerRulesEnabled: false,
  rules: workerData.rules,
  disabledRules: workerData.disabledRules,
  maxBuffer: 256 * 1024 * 1024,
});
let result;
try {
  result = { report: validator.validate({ templatePaths: workerData.templates }) };
} catch (e) {
  result = { error: String(e && e.message ? e.message : e) };
}
workerData.port.postMessage(result);
Atomics.add(workerData.done, 0, 1);
Atomics.notify(workerData.done, 0);
`;

/**
 * Checks templates in worker threads, one batch (one cfn-guard process) per core, largest
 * templates spread first, and waits for all of them.
 */
export const parallelControlTowerRunner: ControlTowerRunner = (templatePaths, disabledRules) => {
  const workers = Math.max(1, Math.min(availableParallelism(), templatePaths.length));
  const bySize = [...templatePaths].sort((a, b) => statSync(b).size - statSync(a).size || a.localeCompare(b));
  const batches = Array.from({ length: workers }, () => ({ bytes: 0, paths: [] as string[] }));
  for (const path of bySize) {
    const lightest = batches.reduce((m, b) => (b.bytes < m.bytes ? b : m));
    lightest.paths.push(path);
    lightest.bytes += statSync(path).size;
  }
  const done = new Int32Array(new SharedArrayBuffer(4));
  const channels = Array.from({ length: workers }, () => new MessageChannel());
  const started = channels.map((channel, w) => {
    const templates = batches[w]!.paths;
    return new Worker(WORKER, {
      eval: true,
      workerData: {
        module: require.resolve('@cdklabs/cdk-validator-cfnguard'),
        rules: controlTowerRulesFor(templates),
        disabledRules: [...disabledRules],
        templates,
        port: channel.port2,
        done,
      },
      transferList: [channel.port2],
    });
  });
  while (Atomics.load(done, 0) < workers) Atomics.wait(done, 0, Atomics.load(done, 0), 1000);
  const violations: PolicyValidationPluginReport['violations'] = [];
  let success = true;
  try {
    for (const channel of channels) {
      const message = receiveMessageOnPort(channel.port1)?.message as
        { report?: PolicyValidationPluginReport; error?: string } | undefined;
      if (!message?.report) throw new Error(`a Control Tower check failed: ${message?.error ?? 'no result'}`);
      violations.push(...message.report.violations);
      success &&= message.report.success;
      channel.port1.close();
    }
  } finally {
    for (const worker of started) void worker.terminate();
  }
  return { success, violations };
};

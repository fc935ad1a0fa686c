/**
 * The file cache and the parallel runner for the Control Tower controls (cfn-guard), given to
 * lib/compliance's CachedControlTowerValidator by the entry points. Results live in
 * .cache/control-tower/<hash>.json; changed templates are checked in worker threads, one per core,
 * while the synth (which is synchronous) waits for them.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
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

/** Plain JavaScript run by each worker: the validator on each template it is given. */
const WORKER = `
const { workerData } = require('node:worker_threads');
const { CfnGuardValidator } = require(workerData.module);
const validator = new CfnGuardValidator({
  controlTowerRulesEnabled: true,
  disabledRules: workerData.disabledRules,
  maxBuffer: 256 * 1024 * 1024,
});
const results = workerData.templates.map((t) => {
  try {
    return { index: t.index, report: validator.validate({ templatePaths: [t.path] }) };
  } catch (e) {
    return { index: t.index, error: String(e && e.message ? e.message : e) };
  }
});
workerData.port.postMessage(results);
Atomics.add(workerData.done, 0, 1);
Atomics.notify(workerData.done, 0);
`;

/** Checks templates in worker threads (one per core, at most one per template) and waits. */
export const parallelControlTowerRunner: ControlTowerRunner = (templatePaths, disabledRules) => {
  const workers = Math.max(1, Math.min(availableParallelism(), templatePaths.length));
  const done = new Int32Array(new SharedArrayBuffer(4));
  const channels = Array.from({ length: workers }, () => new MessageChannel());
  const started = channels.map((channel, w) => {
    const templates = templatePaths.flatMap((path, index) => (index % workers === w ? [{ index, path }] : []));
    return new Worker(WORKER, {
      eval: true,
      workerData: {
        module: require.resolve('@cdklabs/cdk-validator-cfnguard'),
        disabledRules: [...disabledRules],
        templates,
        port: channel.port2,
        done,
      },
      transferList: [channel.port2],
    });
  });
  while (Atomics.load(done, 0) < workers) Atomics.wait(done, 0, Atomics.load(done, 0), 1000);
  const reports: PolicyValidationPluginReport[] = [];
  for (const channel of channels) {
    const message = receiveMessageOnPort(channel.port1)?.message as
      | { index: number; report?: PolicyValidationPluginReport; error?: string }[]
      | undefined;
    for (const r of message ?? []) {
      if (r.error || !r.report) throw new Error(`Control Tower check of ${templatePaths[r.index]} failed: ${r.error}`);
      reports[r.index] = r.report;
    }
    channel.port1.close();
  }
  for (const worker of started) void worker.terminate();
  return reports;
};

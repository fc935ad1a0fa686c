/**
 * The file cache and the parallel runner for aws-cdk-lib's template validation, given to
 * lib/app's CachedTemplateValidation by the entry points (bin/app.ts for `cdk synth`, the main
 * job and the audit). Results live in .cache/template-validation/<hash>.json; changed templates
 * are validated in worker threads, one per core, while the synth (which is synchronous) waits.
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { PolicyViolation } from 'aws-cdk-lib';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import {
  CachedTemplateValidation,
  validateEachTemplate,
  type TemplateToValidate,
  type TemplateValidationRunner,
} from '../../lib/app/estate-synth-validation';
import { controlTowerFileCache } from './control-tower-check';

/** Folder of the template validation cache (ignored by git, like .cache/control-tower/). */
export const TEMPLATE_VALIDATION_CACHE_DIR = resolve('.cache', 'template-validation');

/**
 * Fewer changed templates than this are validated in this process: starting a worker (loading
 * aws-cdk-lib and the engine) costs more than it saves.
 */
const PARALLEL_FROM = 12;

/**
 * Plain JavaScript run by each worker: aws-cdk-lib's validator on each template it is given, one
 * at a time after setting the engine up for all their resource types (as validateEachTemplate).
 */
const WORKER = `
const { readFileSync } = require('node:fs');
const { workerData } = require('node:worker_threads');
const { CloudFormationValidatePlugin } = require(workerData.module);
let result;
try {
  const plugin = new CloudFormationValidatePlugin();
  const types = new Set();
  for (const t of workerData.templates) {
    const parsed = JSON.parse(readFileSync(t.templatePath, 'utf8'));
    for (const r of Object.values(parsed.Resources || {})) if (r && typeof r.Type === 'string') types.add(r.Type);
  }
  if (typeof plugin.initializeEngine === 'function') plugin.initializeEngine(types);
  result = {
    perTemplate: workerData.templates.map(
      (t) => plugin.validate({ templatePaths: [t.templatePath], stackTemplates: [t] }).violations,
    ),
  };
} catch (e) {
  result = { error: String(e && e.message ? e.message : e) };
}
workerData.port.postMessage(result);
workerData.port.close();
Atomics.add(workerData.done, 0, 1);
Atomics.notify(workerData.done, 0);
`;

/**
 * Validates templates in batches, one per core (largest templates spread first): the first in
 * this process, the others in worker threads, and waits for all of them. A few templates are all
 * validated here (a worker sets up its own engine, which costs seconds).
 */
export const parallelTemplateValidationRunner =
  (parallelFrom = PARALLEL_FROM): TemplateValidationRunner =>
  (templates) => {
    const workers = Math.max(1, Math.min(availableParallelism(), templates.length));
    if (workers === 1 || templates.length < parallelFrom)
      return validateEachTemplate(new CloudFormationValidatePlugin(), templates, (p) =>
        readFileSync(p, 'utf8'),
      );
    const size = new Map(templates.map((t) => [t.templatePath, statSync(t.templatePath).size]));
    const bySize = [...templates].sort(
      (a, b) =>
        size.get(b.templatePath)! - size.get(a.templatePath)! || a.templatePath.localeCompare(b.templatePath),
    );
    const batches = Array.from({ length: workers }, () => ({
      bytes: 0,
      templates: [] as TemplateToValidate[],
    }));
    for (const t of bySize) {
      const lightest = batches.reduce((m, b) => (b.bytes < m.bytes ? b : m));
      lightest.templates.push(t);
      lightest.bytes += size.get(t.templatePath)!;
    }
    // The first batch is validated here while the workers do the others: one engine fewer in
    // memory than a worker per batch (the synth only waits meanwhile).
    const done = new Int32Array(new SharedArrayBuffer(4));
    const others = batches.slice(1);
    const channels = others.map(() => new MessageChannel());
    const started = channels.map(
      (channel, w) =>
        new Worker(WORKER, {
          eval: true,
          workerData: {
            module: require.resolve('aws-cdk-lib'),
            templates: others[w]!.templates,
            port: channel.port2,
            done,
          },
          transferList: [channel.port2],
        }),
    );
    const byPath = new Map<string, PolicyViolation[]>();
    try {
      const here = validateEachTemplate(new CloudFormationValidatePlugin(), batches[0]!.templates, (p) =>
        readFileSync(p, 'utf8'),
      );
      batches[0]!.templates.forEach((t, i) => byPath.set(t.templatePath, here[i] ?? []));
      while (Atomics.load(done, 0) < others.length) Atomics.wait(done, 0, Atomics.load(done, 0), 1000);
      channels.forEach((channel, w) => {
        const message = receiveMessageOnPort(channel.port1)?.message as
          { perTemplate?: PolicyViolation[][]; error?: string } | undefined;
        if (!message?.perTemplate)
          throw new Error(`template validation failed: ${message?.error ?? 'no result'}`);
        others[w]!.templates.forEach((t, i) => byPath.set(t.templatePath, message.perTemplate![i] ?? []));
        channel.port1.close();
      });
    } finally {
      for (const worker of started) {
        worker.unref();
        void worker.terminate();
      }
    }
    return templates.map((t) => byPath.get(t.templatePath) ?? []);
  };

/** Versions besides the engine's that decide validation results (a new aws-cdk-lib re-validates). */
export function templateValidationVersions(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdk = require('aws-cdk-lib/package.json') as { version: string };
  return `aws-cdk-lib ${cdk.version}`;
}

/** The cached, parallel template validation the entry points register on their app. */
export function cachedTemplateValidation(
  dir: string = TEMPLATE_VALIDATION_CACHE_DIR,
): CachedTemplateValidation {
  return new CachedTemplateValidation({
    cache: controlTowerFileCache(dir),
    runner: parallelTemplateValidationRunner(),
    versions: templateValidationVersions(),
  });
}

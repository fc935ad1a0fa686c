/**
 * aws-cdk-lib's template validation in a worker thread, started with the templates to validate
 * (by CachedTemplateValidation once the synth has written the last template, when few changed,
 * so that it overlaps the packs; by the parallel runner after the packs, when many did). When
 * `finish` is called, this thread helps with what is left if that is sooner than waiting: the
 * worker takes templates from the first, this thread from the last, each claiming a template
 * before validating it, so none is validated twice.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { CloudFormationValidatePlugin, type PolicyViolation } from 'aws-cdk-lib';
import {
  setUpEngine,
  validateOneTemplate,
  type BackgroundTemplateValidation,
  type TemplateToValidate,
} from '../../lib/app/estate-synth-validation';

/**
 * Template text left for the worker above which this thread sets up an engine of its own and
 * helps. Setting one up costs about 2 s (measured: 2.0 to 2.6 s), in which the engine validates
 * about 2 MiB of templates (0.35 to 0.45 s for a 413 KiB one): below this, waiting is sooner.
 */
export const HELP_FROM_BYTES = 3 * 1024 * 1024;

/** Templates one synth can start (the claims are a fixed shared array). */
const CAPACITY = 16_384;

// Slots of the shared state array.
const ADDED = 0; // templates posted to the worker
const CLOSED = 1; // 1: no more will be posted
const FINISHED = 2; // 1: the worker has posted its last result

/**
 * Plain JavaScript run by the worker: takes the templates in the order posted, claims each (a
 * template this thread claimed first is skipped), validates it and posts its violations; stops
 * once the list is closed and every template is taken.
 */
const WORKER = `
const { readFileSync } = require('node:fs');
const { receiveMessageOnPort, workerData } = require('node:worker_threads');
const { CloudFormationValidatePlugin } = require(workerData.module);
const { state, claims, port } = workerData;
const finish = () => {
  Atomics.store(state, ${FINISHED}, 1);
  Atomics.notify(state, ${FINISHED});
};
try {
  const plugin = new CloudFormationValidatePlugin();
  plugin.initializeEngine(new Set(workerData.resourceTypes));
  const templates = [];
  for (let next = 0; ; ) {
    const added = Atomics.load(state, ${ADDED});
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) templates.push(m.message);
    if (next < templates.length) {
      const i = next++;
      if (Atomics.compareExchange(claims, i, 0, 1) !== 0) continue;
      const t = templates[i];
      const violations = plugin.validate({ templatePaths: [t.template.templatePath], stackTemplates: [t.template] }).violations;
      port.postMessage({ key: t.key, violations });
    } else if (templates.length < added) {
      Atomics.wait(state, ${ADDED}, added, 5); // posted, not yet received
    } else if (Atomics.load(state, ${CLOSED}) === 1) {
      break;
    } else {
      Atomics.wait(state, ${ADDED}, added, 1000);
    }
  }
} catch (e) {
  port.postMessage({ error: String(e && e.message ? e.message : e) });
}
finish();
`;

interface Started {
  readonly template: TemplateToValidate;
  readonly key: string;
}

/**
 * Background validation for one synth, its engine set up for `resourceTypes` (every type of the
 * app). With one core there is no worker: every template is validated here by `finish`.
 */
export function backgroundTemplateValidation(
  resourceTypes: ReadonlySet<string>,
  helpFromBytes: number = HELP_FROM_BYTES,
): BackgroundTemplateValidation {
  const state = new Int32Array(new SharedArrayBuffer(3 * 4));
  const claims = new Int32Array(new SharedArrayBuffer(CAPACITY * 4));
  const channel = new MessageChannel();
  const started: Started[] = [];
  let worker: Worker | undefined;
  const useWorker = availableParallelism() > 1;

  const start = (template: TemplateToValidate, key: string): void => {
    if (Atomics.load(state, CLOSED) === 1) throw new Error('template validation already finished');
    started.push({ template, key });
    if (!useWorker || started.length > CAPACITY) return; // left to this thread
    worker ??= new Worker(WORKER, {
      eval: true,
      workerData: {
        module: require.resolve('aws-cdk-lib'),
        resourceTypes: [...resourceTypes],
        state,
        claims,
        port: channel.port2,
      },
      transferList: [channel.port2],
    });
    worker.unref(); // a synth that fails before validation must still let the process end
    channel.port1.postMessage({ template, key });
    Atomics.add(state, ADDED, 1);
    Atomics.notify(state, ADDED);
  };

  const finish = (): ReadonlyMap<string, PolicyViolation[]> => {
    Atomics.store(state, CLOSED, 1);
    Atomics.notify(state, ADDED);
    const results = new Map<string, PolicyViolation[]>();
    try {
      // This thread helps while enough is left to be worth an engine of its own: it takes the
      // templates never posted, then from the last posted backwards until it meets the worker.
      const posted = worker ? Math.min(started.length, CAPACITY) : 0;
      const unclaimedBytes = () =>
        started
          .slice(0, posted)
          .reduce(
            (sum, s, i) => sum + (Atomics.load(claims, i) === 0 ? statSync(s.template.templatePath).size : 0),
            0,
          );
      let plugin: CloudFormationValidatePlugin | undefined;
      const validateHere = (s: Started) => {
        if (!plugin) {
          plugin = new CloudFormationValidatePlugin();
          setUpEngine(plugin, resourceTypes);
        }
        results.set(s.key, validateOneTemplate(plugin, s.template));
      };
      for (const s of started.slice(posted)) validateHere(s);
      if (posted > 0 && unclaimedBytes() > helpFromBytes)
        for (let i = posted - 1; i >= 0; i--) {
          if (Atomics.compareExchange(claims, i, 0, 2) !== 0) break; // the worker has reached it
          validateHere(started[i]!);
        }
      if (worker) {
        while (Atomics.load(state, FINISHED) === 0) Atomics.wait(state, FINISHED, 0, 1000);
        for (let m = receiveMessageOnPort(channel.port1); m; m = receiveMessageOnPort(channel.port1)) {
          const message = m.message as { key?: string; violations?: PolicyViolation[]; error?: string };
          if (message.error !== undefined) throw new Error(`template validation failed: ${message.error}`);
          results.set(message.key!, message.violations ?? []);
        }
      }
    } finally {
      channel.port1.close();
      if (worker) void worker.terminate();
    }
    for (const s of started)
      if (!results.has(s.key))
        throw new Error(`template validation returned no result for ${s.template.templatePath}`);
    return results;
  };

  return { start, finish };
}

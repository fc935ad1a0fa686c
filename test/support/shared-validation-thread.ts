/**
 * One template validation engine per jest worker process, shared by the test files it runs. Jest
 * loads aws-cdk-lib afresh for each test file, so an engine set up in-process (2 to 2.5 s) would be
 * set up again by every file that validates a template the cache has not seen. This thread is
 * kept on a core module (`node:worker_threads`), which jest does not load afresh, and it sets its
 * engine up once for every resource type it has been given so far (again only when a template
 * brings a new type). The answers are the engine's own: test/app/template-validation-cache.test.ts
 * compares a worker with an engine in the test's own thread.
 */
import * as workerThreads from 'node:worker_threads';
import type { PolicyViolation } from 'aws-cdk-lib';
import type { TemplateToValidate, TemplateValidationRunner } from '../../lib/app/estate-synth-validation';

const KEY = Symbol.for('council-estate-migration.shared-validation-thread');
/** A request not answered in this long means the thread is gone: fail rather than hang. */
const DEADLINE_MS = 10 * 60 * 1000;

interface SharedThread {
  readonly port: workerThreads.MessagePort;
  /** [requests posted, requests answered] */
  readonly state: Int32Array;
}

const WORKER = `
const { readFileSync } = require('node:fs');
const { receiveMessageOnPort, workerData } = require('node:worker_threads');
const { state, port } = workerData;
let plugin;
let broken;
try {
  plugin = new (require(workerData.module).CloudFormationValidatePlugin)();
} catch (e) {
  broken = String(e && e.message ? e.message : e); // told to every request below
}
let known = new Set();
for (let answered = 0; ; ) {
  Atomics.wait(state, 0, answered);
  const m = receiveMessageOnPort(port);
  if (!m) continue;
  let reply;
  try {
    if (broken) throw new Error(broken);
    const templates = m.message;
    const types = new Set(known);
    for (const t of templates) {
      const parsed = JSON.parse(readFileSync(t.templatePath, 'utf8'));
      for (const r of Object.values(parsed.Resources || {})) if (r && typeof r.Type === 'string') types.add(r.Type);
    }
    if (answered === 0 || types.size > known.size) {
      known = types;
      plugin.initializeEngine(new Set(known));
    }
    reply = {
      perTemplate: templates.map(
        (t) => plugin.validate({ templatePaths: [t.templatePath], stackTemplates: [t] }).violations,
      ),
    };
  } catch (e) {
    reply = { error: String(e && e.message ? e.message : e) };
  }
  port.postMessage(reply);
  answered += 1;
  Atomics.store(state, 1, answered);
  Atomics.notify(state, 1);
}
`;

function sharedThread(): SharedThread {
  // The module object itself (an `import * as` namespace is a per-file copy under the transform).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the shared object is the point
  const holder = require('node:worker_threads') as Record<symbol, SharedThread | undefined>;
  const existing = holder[KEY];
  if (existing) return existing;
  const state = new Int32Array(new SharedArrayBuffer(8));
  const channel = new workerThreads.MessageChannel();
  const worker = new workerThreads.Worker(WORKER, {
    eval: true,
    workerData: { module: require.resolve('aws-cdk-lib'), state, port: channel.port2 },
    transferList: [channel.port2],
  });
  worker.unref(); // ends with the jest worker process
  const created = { port: channel.port1, state };
  holder[KEY] = created;
  return created;
}

/** Validates templates on the jest worker's shared thread and waits for the answer. */
export const sharedThreadRunner: TemplateValidationRunner = (templates: readonly TemplateToValidate[]) => {
  const { port, state } = sharedThread();
  port.postMessage(templates);
  const posted = Atomics.add(state, 0, 1) + 1;
  Atomics.notify(state, 0);
  const started = Date.now();
  while (Atomics.load(state, 1) < posted) {
    if (Date.now() - started > DEADLINE_MS)
      throw new Error('the shared template validation thread did not answer');
    Atomics.wait(state, 1, Atomics.load(state, 1), 1000);
  }
  const reply = workerThreads.receiveMessageOnPort(port)?.message as
    { perTemplate?: PolicyViolation[][]; error?: string } | undefined;
  if (!reply?.perTemplate) throw new Error(`template validation failed: ${reply?.error ?? 'no result'}`);
  return reply.perTemplate;
};

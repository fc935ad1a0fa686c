/**
 * Runs a synth through the assembly cache (./assembly-cache.ts) when the CLI runs the app: the
 * CLI names the output folder in `CDK_OUTDIR` and the context in `CDK_CONTEXT_JSON`. Context
 * `assembly-cache=false` (`-c assembly-cache=false`) synthesizes afresh and keeps nothing; run
 * without the CLI (no `CDK_OUTDIR`), the app synthesizes as it always did.
 */
import { readFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { AssemblyCache, isWithin, type PrintedChunk } from './assembly-cache';
import { recordReads } from './read-recorder';

/** Folder of the assembly cache (ignored by git, beside the other caches in .cache/). */
export const ASSEMBLY_CACHE_DIR = resolve('.cache', 'assemblies');
/** Context key that turns the assembly cache off for one run. */
export const ASSEMBLY_CACHE_CONTEXT_KEY = 'assembly-cache';
/** Project files and folders every synth depends on, checked whole (relative to the project root). */
export const PROJECT_INPUTS = [
  'bin',
  'lib',
  'stacks',
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
  'tsconfig.json',
  'cdk.json',
] as const;

/** Where the CLI writes files of its own into the output folder: not inputs, not part of the key. */
const CLI_OUTPUT_FILE_VARIABLES = new Set(['CDK_OUTDIR', 'CDK_ERROR_FILE', 'CDK_PERF_COUNTERS_FILE']);

/** The context the CLI passed: `CDK_CONTEXT_JSON`, or the file it wrote when that was too long. */
function cliContext(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const overflow = env.CONTEXT_OVERFLOW_LOCATION_ENV;
  const text = overflow ? readFileSync(overflow, 'utf8') : (env.CDK_CONTEXT_JSON ?? '{}');
  return JSON.parse(text) as Record<string, unknown>;
}

/** Everything about the environment a synth's output depends on, besides files. */
function environmentKey(env: NodeJS.ProcessEnv, context: Record<string, unknown>, today: Date): unknown {
  const variables = Object.keys(env)
    .filter((k) => (k.startsWith('CDK_') || k.startsWith('JSII_')) && !CLI_OUTPUT_FILE_VARIABLES.has(k))
    .sort()
    .map((k) => [k, env[k]]);
  const { [ASSEMBLY_CACHE_CONTEXT_KEY]: _switch, ...rest } = context;
  return {
    node: process.version,
    platform: process.platform,
    day: today.toISOString().slice(0, 10),
    context: rest,
    variables,
  };
}

/**
 * Replays the cached assembly when no input changed; otherwise runs `synth` with its output
 * staged, its disk reads recorded and what it prints captured, then stores the result. `synth`
 * is called from one place whether the cache is on or off, so the stack traces aws-cdk-lib keeps
 * in the assembly's metadata are the same either way.
 */
export function synthWithAssemblyCache(synth: () => void): void {
  const recording = replayOrRecord(process.env);
  if (recording === 'replayed') return;
  let ok = false;
  try {
    synth();
    ok = (process.exitCode ?? 0) === 0;
  } catch (e) {
    // aws-cdk-lib names the validation report in the error it throws: the output folder's copy.
    if (e instanceof Error && recording) recording.relocate(e);
    throw e;
  } finally {
    recording?.finish(ok);
  }
}

/** A synth being recorded for the cache: `finish` stores it (or only copies its files out, when it failed). */
interface Recording {
  finish(ok: boolean): void;
  /** Names the output folder instead of the staging folder in an error's message and stack. */
  relocate(e: Error): void;
}

/**
 * 'replayed' when the cache answered (files copied, output printed); a recording started when it
 * could not; undefined when the cache is off or the app runs without the CLI.
 */
function replayOrRecord(env: NodeJS.ProcessEnv): 'replayed' | Recording | undefined {
  const outdir = env.CDK_OUTDIR;
  if (!outdir) return undefined;
  const context = cliContext(env);
  if (String(context[ASSEMBLY_CACHE_CONTEXT_KEY]) === 'false') return undefined;
  const root = process.cwd();
  const out = resolve(outdir);
  const cache = new AssemblyCache({
    dir: ASSEMBLY_CACHE_DIR,
    outdir: out,
    environment: environmentKey(env, context, new Date()),
    projectInputs: PROJECT_INPUTS.map((p) => resolve(root, p)),
  });
  const write = (chunk: PrintedChunk) =>
    (chunk.fd === 1 ? process.stdout : process.stderr).write(fillIn(chunk.text, out));
  if (cache.replay(write)) {
    process.stderr.write(
      `Nothing this synth depends on has changed since the last one: its cloud assembly was copied from ` +
        `${shown(ASSEMBLY_CACHE_DIR)} (-c ${ASSEMBLY_CACHE_CONTEXT_KEY}=false synthesizes afresh).\n`,
    );
    return 'replayed';
  }

  const staging = cache.stagingFolder();
  const printed: PrintedChunk[] = [];
  const restorePrint = capture(
    printed,
    (text) => markFolder(text, staging),
    (text) => fillIn(text, out),
  );
  const overflow = env.CONTEXT_OVERFLOW_LOCATION_ENV;
  const ignored = [
    resolve('.cache'),
    out,
    staging,
    ...PROJECT_INPUTS.map((p) => resolve(root, p)),
    '/proc',
    '/sys',
    '/dev',
    ...(overflow ? [resolve(overflow)] : []),
  ];
  // Scratch space of tsx and aws-cdk-lib (custom resource handlers are copied to a new temporary
  // folder on every synth), and aws-cdk-lib's asset fingerprint cache: not inputs.
  const scratch = [
    join(tmpdir(), 'tsx-'),
    join(tmpdir(), 'cdk-custom-resource'),
    join(homedir(), '.cdk', 'cache'),
  ];
  const recorder = recordReads(
    (p) =>
      p.includes(`${sep}node_modules${sep}`) ||
      scratch.some((s) => p.startsWith(s)) ||
      ignored.some((f) => isWithin(p, f)),
  );
  env.CDK_OUTDIR = staging;
  const moved = (text: string) => fillIn(markFolder(text, staging), out);
  return {
    relocate: (e) => {
      e.message = moved(e.message);
      if (e.stack) e.stack = moved(e.stack);
    },
    finish: (ok) => {
      env.CDK_OUTDIR = outdir;
      const reads = recorder.stop();
      restorePrint();
      const problem = cache.store(staging, { ok, reads, printed });
      if (problem)
        process.stderr.write(
          `The cloud assembly could not be kept in ${shown(ASSEMBLY_CACHE_DIR)}: ${problem}\n`,
        );
    },
  };
}

/** Where the output folder is named in what the app printed: as given, and as shown. */
const OUTDIR = '\u0000outdir\u0000';
const OUTDIR_SHOWN = '\u0000outdir-shown\u0000';

/** How aws-cdk-lib shows a path (the validation report's): relative to the working folder when shorter. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.length < path.length ? rel : path;
}

/** `text` with `folder` (the staging folder) replaced by markers, in both of its forms. */
function markFolder(text: string, folder: string): string {
  return text.split(folder).join(OUTDIR).split(shown(folder)).join(OUTDIR_SHOWN);
}

/** `text` with the markers replaced by `outdir`, the output folder of this run. */
function fillIn(text: string, outdir: string): string {
  return text.split(OUTDIR).join(outdir).split(OUTDIR_SHOWN).join(shown(outdir));
}

/**
 * Captures what is written to stdout and stderr as `mark` gives it, and prints it as `show` gives
 * it; returns the undo.
 */
function capture(
  into: PrintedChunk[],
  mark: (text: string) => string,
  show: (text: string) => string,
): () => void {
  const streams = [
    [1, process.stdout],
    [2, process.stderr],
  ] as const;
  const originals = streams.map(([, s]) => s.write);
  for (const [fd, stream] of streams) {
    const original = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]): boolean => {
      const text = mark(
        typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'),
      );
      into.push({ fd, text });
      return original(show(text), ...rest);
    }) as typeof stream.write;
  }
  return () => streams.forEach(([, s], i) => (s.write = originals[i]!));
}

/**
 * Records what a synth looked at on disk, so that the assembly cache (./assembly-cache.ts) can
 * tell later whether anything it depended on has changed: every file it read, every folder it
 * listed, every path whose existence or kind it checked. It wraps the synchronous `node:fs`
 * calls the app, aws-cdk-lib and tsx's require hook use (each looked up on the module object at
 * call time, so the wrapper sees them) and restores them on `stop()`. Worker threads are not
 * seen: the app's workers read only the templates it has just written and installed packages.
 */
import fs from 'node:fs';
import { resolve } from 'node:path';

/** One thing the synth depended on, as it was recorded; `stat` and `lstat` record the kind only. */
export type RecordedRead =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'listing'; readonly path: string; readonly recursive: boolean }
  | { readonly kind: 'stat' | 'lstat'; readonly path: string };

export interface ReadRecorder {
  /** Restores `node:fs` and returns what was read, each once, in first-read order. */
  stop(): RecordedRead[];
}

type Patched = 'readFileSync' | 'readdirSync' | 'statSync' | 'lstatSync' | 'existsSync' | 'openSync';

/** `path` as the absolute path it names, or undefined for a descriptor or a URL we do not follow. */
function pathOf(p: unknown): string | undefined {
  if (typeof p === 'string') return resolve(p);
  if (Buffer.isBuffer(p)) return resolve(p.toString('utf8'));
  if (p instanceof URL && p.protocol === 'file:') return resolve(decodeURIComponent(p.pathname));
  return undefined;
}

/**
 * Starts recording. `ignore` says which absolute paths are not inputs (installed packages, the
 * output folder, caches, temporary files): they are not recorded.
 */
export function recordReads(ignore: (path: string) => boolean): ReadRecorder {
  const seen = new Map<string, RecordedRead>();
  const note = (read: RecordedRead): void => {
    if (ignore(read.path)) return;
    const key = `${read.kind}:${read.path}:${read.kind === 'listing' ? read.recursive : ''}`;
    if (!seen.has(key)) seen.set(key, read);
  };
  const target = fs as unknown as Record<Patched, (...args: unknown[]) => unknown>;
  const original = new Map<Patched, (...args: unknown[]) => unknown>();
  const wrap = (name: Patched, record: (args: unknown[]) => RecordedRead | undefined): void => {
    const fn = target[name];
    original.set(name, fn);
    target[name] = function (this: unknown, ...args: unknown[]): unknown {
      const read = record(args);
      if (read) note(read);
      return fn.apply(this, args);
    };
  };
  const at = (kind: 'file' | 'stat' | 'lstat') => (args: unknown[]) => {
    const path = pathOf(args[0]);
    return path === undefined ? undefined : { kind, path };
  };
  wrap('readFileSync', at('file'));
  // Opened for reading (asset fingerprints read through descriptors); a write is an output.
  wrap('openSync', (args) => {
    const flags = args[1];
    return flags === undefined || flags === 'r' || flags === fs.constants.O_RDONLY
      ? at('file')(args)
      : undefined;
  });
  wrap('statSync', at('stat'));
  wrap('existsSync', at('stat'));
  wrap('lstatSync', at('lstat'));
  wrap('readdirSync', (args) => {
    const path = pathOf(args[0]);
    const options = args[1] as { recursive?: boolean } | string | undefined;
    const recursive = typeof options === 'object' && options !== null && options.recursive === true;
    return path === undefined ? undefined : { kind: 'listing', path, recursive };
  });
  return {
    stop: () => {
      for (const [name, fn] of original) target[name] = fn;
      return [...seen.values()];
    },
  };
}

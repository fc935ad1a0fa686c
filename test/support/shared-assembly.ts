/**
 * Synthesized cloud assemblies shared between test files and test runs. A test that needs the
 * templates (or validation report, or ledger) of an estate asks `sharedAssembly(...)` for them
 * instead of synthesizing in its own `beforeAll`: the first caller synthesizes into
 * .cache/test-assemblies/<key>/, every later caller (another jest worker, a later run) reads that
 * folder. The key is a hash of everything the assembly can depend on: the source tree (lib/,
 * stacks/, bin/, scripts/ (the bench's estate generator), migration-plans/, test/fixtures/, test
 * support code, package-lock.json, cdk.json), the CDK_* environment variables (CDK_VALIDATION,
 * CDK_DEBUG change what a synth writes), the calling test file and the name the caller gives; any
 * change to any of them synthesizes afresh. Two workers asking at once: one synthesizes, the
 * other waits for it (a lock folder).
 *
 * Usage (see test/compliance/bundled-example.test.ts):
 *   const dir = sharedAssembly({ name: 'peterborough-packs', testFile: __filename }, () => {
 *     const app = tinyApp(...); buildEstateApp(app, plan); ...; return app.synth().directory;
 *   });
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join, relative } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..', '..');
/** Where shared assemblies live (ignored by git, like the other caches). */
export const SHARED_ASSEMBLY_DIR = join(PROJECT_ROOT, '.cache', 'test-assemblies');
const SOURCES = [
  'lib',
  'stacks',
  'bin',
  'scripts',
  'migration-plans',
  'test/fixtures',
  'package-lock.json',
  'cdk.json',
  'jest.config.js',
];
const WAIT_MS = 15 * 60 * 1000;

let sourceHash: string | undefined;

function walk(path: string, hash: ReturnType<typeof createHash>): void {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) {
    for (const name of readdirSync(path).sort()) if (name !== 'node_modules') walk(join(path, name), hash);
    return;
  }
  hash.update(relative(PROJECT_ROOT, path)).update('\0').update(readFileSync(path)).update('\0');
}

/** Hash of the source tree an assembly is built from (once per test file). */
function sourceTreeHash(): string {
  if (sourceHash) return sourceHash;
  const hash = createHash('sha256');
  for (const s of SOURCES) walk(join(PROJECT_ROOT, s), hash);
  for (const dir of readdirSync(join(PROJECT_ROOT, 'test'), { recursive: true, encoding: 'utf8' }).sort())
    if (/(^|\/)support$/.test(dir)) walk(join(PROJECT_ROOT, 'test', dir), hash);
  sourceHash = hash.digest('hex');
  return sourceHash;
}

/** The CDK_* environment variables (names and values, sorted): part of every key. */
function cdkEnvironment(): string {
  return Object.keys(process.env)
    .filter((k) => k.startsWith('CDK_'))
    .sort()
    .map((k) => `${k}=${process.env[k]}`)
    .join('\n');
}

export interface SharedAssemblyKey {
  /** Names this assembly among those the calling file builds (e.g. `peterborough-packs`). */
  readonly name: string;
  /** The calling test file (`__filename`): its text is part of the key. */
  readonly testFile: string;
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The folder of a cloud assembly built by `synthesize` (which returns the folder it wrote), built
 * once for this source tree and shared with every other test file and run that asks for it.
 */
export function sharedAssembly(key: SharedAssemblyKey, synthesize: () => string): string {
  const id = createHash('sha256')
    .update(sourceTreeHash())
    .update('\0')
    .update(cdkEnvironment())
    .update('\0')
    .update(readFileSync(key.testFile))
    .update('\0')
    .update(key.name)
    .digest('hex')
    .slice(0, 32);
  const dir = join(SHARED_ASSEMBLY_DIR, `${key.name}-${id}`);
  const lock = `${dir}.lock`;
  mkdirSync(SHARED_ASSEMBLY_DIR, { recursive: true });
  const started = Date.now();
  while (!existsSync(dir)) {
    try {
      mkdirSync(lock); // atomic: this caller synthesizes
    } catch {
      if (Date.now() - started > WAIT_MS) rmSync(lock, { recursive: true, force: true }); // a dead worker's
      sleep(500);
      continue;
    }
    try {
      if (existsSync(dir)) break;
      const built = synthesize();
      const tmp = `${dir}.tmp-${process.pid}`;
      rmSync(tmp, { recursive: true, force: true });
      cpSync(built, tmp, { recursive: true });
      renameSync(tmp, dir);
      // Older copies of this assembly (an earlier source tree) are stale: remove them.
      for (const old of readdirSync(SHARED_ASSEMBLY_DIR))
        if (
          old.startsWith(`${key.name}-`) &&
          /^[0-9a-f]{32}$/.test(old.slice(key.name.length + 1)) &&
          join(SHARED_ASSEMBLY_DIR, old) !== dir
        )
          rmSync(join(SHARED_ASSEMBLY_DIR, old), { recursive: true, force: true });
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return dir;
}

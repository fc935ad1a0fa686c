/**
 * The assembly cache: when nothing a synth depends on has changed since a synth that succeeded,
 * `npx cdk synth` (and `deploy`, `diff`, which synthesize first) gets that synth's cloud
 * assembly back, byte for byte, without building the app again.
 *
 * What a synth depends on, and is checked on every run before anything is reused:
 * - the environment: the context the CLI passes (cdk.json, cdk.context.json, `-c`), the `CDK_*`
 *   and `JSII_*` variables, the Node.js version and today's date (UTC; register review dates
 *   depend on it);
 * - the project's code and settings, whole: `bin/`, `lib/`, `stacks/`, `package.json`,
 *   `package-lock.json`, the installed packages' lock (`node_modules/.package-lock.json`),
 *   `tsconfig.json`, `cdk.json`;
 * - everything else the synth read, listed or looked for on disk (the plan folder, a register
 *   named in context, a file that was missing and may appear), recorded while it ran
 *   (./read-recorder.ts).
 *
 * A miss runs the app with its output going to a staging folder; the files are then copied to
 * the CLI's output folder and, if the app succeeded, kept by content hash with a record of the
 * inputs and of what the app printed (replayed on a hit). Entries are written to a temporary file
 * and renamed, so a reader never sees half of one; a damaged entry or a missing file is a miss.
 * The cache lives in `.cache/assemblies/` and keeps the most recently used entries.
 */
import { createHash } from 'node:crypto';
import {
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { RecordedRead } from './read-recorder';

/** Bump when the entry format or what goes into the key changes. */
const FORMAT = 1;
/** Entries kept; the least recently used beyond this are removed, with the files only they held. */
const KEPT_ENTRIES = 24;
/** A stored file younger than this is never removed (another synth may be storing its entry). */
const FRESH_MS = 10 * 60_000;

/** One input of a synth: something recorded while it ran, or a project folder hashed whole. */
export type AssemblyInput = RecordedRead | { readonly kind: 'tree'; readonly path: string };

/** What the app printed, in order, replayed on a hit. */
export interface PrintedChunk {
  readonly fd: 1 | 2;
  readonly text: string;
}

interface Entry {
  readonly format: number;
  readonly inputs: readonly (AssemblyInput & { readonly state: string })[];
  /** Output files, relative to the output folder, with their content hash. */
  readonly files: readonly { readonly path: string; readonly hash: string }[];
  readonly printed: readonly PrintedChunk[];
}

export interface AssemblyCacheProps {
  /** Where the cache keeps its entries and files. */
  readonly dir: string;
  /** The folder the CLI reads the assembly from (`CDK_OUTDIR`). */
  readonly outdir: string;
  /** Everything about the environment the synth's output depends on (see the file comment). */
  readonly environment: unknown;
  /** Project files and folders that are inputs of every synth, checked whole. */
  readonly projectInputs: readonly string[];
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** The kind of what is at `path` (`missing`, or the error code when it cannot be looked at). */
function kindAt(path: string, link: boolean): string {
  try {
    const s = link ? lstatSync(path) : statSync(path);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : s.isSymbolicLink() ? 'link' : 'other';
  } catch (e) {
    return `missing:${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** When `path` was last modified; now if it has gone (another synth removed it: leave it alone). */
function modified(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Date.now();
  }
}

/** Every file under `dir`, relative and sorted (folders are walked, not listed). */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/** The state of one input now: a content hash, a listing hash or a kind. */
export function inputState(input: AssemblyInput): string {
  try {
    switch (input.kind) {
      case 'file':
        return sha256(readFileSync(input.path));
      case 'listing': {
        const entries = readdirSync(input.path, { recursive: input.recursive, withFileTypes: true });
        const names = entries.map(
          (d) => `${relative(input.path, join(d.parentPath, d.name))}${d.isDirectory() ? '/' : ''}`,
        );
        return sha256(names.sort().join('\n'));
      }
      case 'stat':
      case 'lstat':
        return kindAt(input.path, input.kind === 'lstat');
      case 'tree': {
        if (kindAt(input.path, false) !== 'dir') return sha256(readFileSync(input.path));
        const hash = createHash('sha256');
        for (const file of filesUnder(input.path))
          hash.update(`${file}\0${sha256(readFileSync(join(input.path, file)))}\n`);
        return hash.digest('hex');
      }
    }
  } catch (e) {
    return `unreadable:${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

export class AssemblyCache {
  private readonly entryFile: string;
  private readonly blobs: string;

  constructor(private readonly props: AssemblyCacheProps) {
    const key = sha256(
      JSON.stringify({ format: FORMAT, environment: props.environment, projectInputs: props.projectInputs }),
    );
    this.entryFile = join(props.dir, 'entries', `${key}.json`);
    this.blobs = join(props.dir, 'files');
  }

  /**
   * When the last successful synth in this environment had exactly today's inputs: copies its
   * files into the output folder, hands back what it printed and returns true. Otherwise false
   * (also when a stored file vanishes while it is copied: the synth that follows rewrites them).
   */
  replay(print: (chunk: PrintedChunk) => void): boolean {
    const entry = this.readEntry();
    if (!entry) return false;
    if (!entry.inputs.every((i) => inputState(i) === i.state)) return false;
    try {
      for (const f of entry.files) this.copyOut(f.path, join(this.blobs, f.hash));
      const now = new Date();
      utimesSync(this.entryFile, now, now);
    } catch {
      return false;
    }
    for (const chunk of entry.printed) print(chunk);
    return true;
  }

  /**
   * After a synth into `staging`: copies its files to the output folder and, when the synth
   * succeeded, keeps them with `reads` and what it printed for the next run. Removes `staging`.
   * Returns why the result could not be kept, if it could not (the output folder is complete).
   */
  store(
    staging: string,
    result: { ok: boolean; reads: readonly RecordedRead[]; printed: readonly PrintedChunk[] },
  ): string | undefined {
    const files = existsSync(staging) ? filesUnder(staging) : [];
    for (const file of files) this.copyOut(file, join(staging, file));
    try {
      if (result.ok) this.keep(staging, files, result.reads, result.printed);
      return undefined;
    } catch (e) {
      return (e as Error).message;
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }

  private keep(
    staging: string,
    files: readonly string[],
    reads: readonly RecordedRead[],
    printed: readonly PrintedChunk[],
  ): void {
    mkdirSync(this.blobs, { recursive: true });
    const stored = files.map((file) => {
      const from = join(staging, file);
      const hash = sha256(readFileSync(from));
      const blob = join(this.blobs, hash);
      if (existsSync(blob)) utimesSync(blob, new Date(), new Date());
      else renameSync(from, blob);
      return { path: file, hash };
    });
    const inputs: AssemblyInput[] = [
      ...this.props.projectInputs.map((path): AssemblyInput => ({ kind: 'tree', path })),
      ...reads,
    ];
    const entry: Entry = {
      format: FORMAT,
      inputs: inputs.map((i) => ({ ...i, state: inputState(i) })),
      files: stored,
      printed,
    };
    mkdirSync(dirname(this.entryFile), { recursive: true });
    const tmp = `${this.entryFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, this.entryFile);
    this.prune();
  }

  /** A staging folder for one synth, beside the stored files (so they can be renamed in). */
  stagingFolder(): string {
    const dir = join(this.props.dir, 'staging', `${process.pid}-${Date.now().toString(36)}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  private readEntry(): Entry | undefined {
    try {
      const entry = JSON.parse(readFileSync(this.entryFile, 'utf8')) as Entry;
      return entry.format === FORMAT && Array.isArray(entry.inputs) && Array.isArray(entry.files)
        ? entry
        : undefined;
    } catch {
      return undefined;
    }
  }

  private copyOut(file: string, from: string): void {
    const to = join(this.props.outdir, file);
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to, constants.COPYFILE_FICLONE);
  }

  /** Keeps the most recently used entries and the files they hold (and any file just stored). */
  private prune(): void {
    const entriesDir = dirname(this.entryFile);
    const entries = readdirSync(entriesDir)
      .filter((n) => n.endsWith('.json'))
      .map((n) => ({ file: join(entriesDir, n), used: modified(join(entriesDir, n)) }))
      .sort((a, b) => b.used - a.used);
    for (const old of entries.slice(KEPT_ENTRIES)) rmSync(old.file, { force: true });
    const held = new Set<string>();
    for (const { file } of entries.slice(0, KEPT_ENTRIES)) {
      try {
        for (const f of (JSON.parse(readFileSync(file, 'utf8')) as Entry).files) held.add(f.hash);
      } catch {
        // A damaged entry holds nothing; it is a miss when read.
      }
    }
    const now = Date.now();
    // Staging folders of synths that were stopped part-way.
    const stagingRoot = join(this.props.dir, 'staging');
    for (const name of existsSync(stagingRoot) ? readdirSync(stagingRoot) : []) {
      const path = join(stagingRoot, name);
      if (now - modified(path) > FRESH_MS * 6) rmSync(path, { recursive: true, force: true });
    }
    for (const name of readdirSync(this.blobs)) {
      if (held.has(name)) continue;
      const path = join(this.blobs, name);
      if (now - modified(path) > FRESH_MS) rmSync(path, { force: true });
    }
  }
}

/** Whether `path` is at or under `folder`. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : `${folder}${sep}`);
}

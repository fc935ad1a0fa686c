/**
 * The caches kept as one file per key under .cache/ (template validation, Control Tower controls,
 * cdk-nag pack results): `<dir>/<key>.json`. Each entry is written to a temporary file and
 * renamed, so a reader (another synth, another jest worker) never sees half an entry (rename
 * within one folder is atomic on POSIX file systems). A missing or unreadable file is a miss; an
 * entry damaged some other way is read back as it is, and the cached validators treat what does
 * not parse as a miss (lib/shared/stored-violations.ts). A write that fails (a full disk, a
 * read-only folder) is said once and the run goes on: the result is only not remembered.
 *
 * The folders stay bounded: an entry read is marked used (its modification time set to now), and
 * the first write of a run removes the entries not used for `keepDays` days (every template the
 * estate no longer has), and temporary files left by a run stopped while writing.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { KeyedTextCache } from '../../lib/shared/keyed-text-cache';

export type { KeyedTextCache };

export interface KeyedFileCacheOptions {
  /**
   * Told once when an entry cannot be written (a full disk, a read-only folder): the run goes on
   * without remembering it. @default a line on stderr
   */
  readonly warn?: (line: string) => void;
  /** Entries not read or written for this many days are removed. @default 30 */
  readonly keepDays?: number;
  /** The clock, in milliseconds. @default Date.now */
  readonly now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** A temporary file older than this was left by a run that stopped while writing it. */
const STALE_TEMPORARY_MS = 60 * 60 * 1000;

/** Entries by key, as files in `dir` (created on the first write). */
export function keyedFileCache(dir: string, options: KeyedFileCacheOptions = {}): KeyedTextCache {
  const now = options.now ?? Date.now;
  const keepMs = (options.keepDays ?? 30) * DAY_MS;
  const warn = options.warn ?? ((line: string) => process.stderr.write(line));
  let pruned = false;
  let warned = false;
  return {
    get: (key) => {
      const file = join(dir, `${key}.json`);
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
      markUsed(file, now());
      return text;
    },
    put: (key, text) => {
      const file = join(dir, `${key}.json`);
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        mkdirSync(dir, { recursive: true });
        if (!pruned) {
          pruned = true;
          prune(dir, now(), keepMs);
        }
        writeFileSync(tmp, text);
        renameSync(tmp, file);
      } catch (e) {
        removeQuietly(tmp);
        if (!warned) {
          warned = true;
          const reason = e instanceof Error ? e.message : String(e);
          warn(`warning: results could not be kept in ${dir} (${reason}); this run goes on without them.\n`);
        }
      }
    },
  };
}

function markUsed(file: string, at: number): void {
  try {
    utimesSync(file, at / 1000, at / 1000);
  } catch {
    // Removed meanwhile by another run's pruning, or a read-only folder: nothing to mark.
  }
}

/** Removes entries unused for longer than `keepMs` and temporary files left behind. */
function prune(dir: string, at: number, keepMs: number): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const limit = name.endsWith('.tmp') ? STALE_TEMPORARY_MS : name.endsWith('.json') ? keepMs : undefined;
    if (limit === undefined) continue;
    try {
      if (at - statSync(path).mtimeMs > limit) rmSync(path, { force: true });
    } catch {
      // Renamed or removed by another run meanwhile.
    }
  }
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Its folder is not there, or not a folder: nothing was written.
  }
}

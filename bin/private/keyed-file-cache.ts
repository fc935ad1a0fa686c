/**
 * The caches kept as one file per key under .cache/ (template validation, Control Tower controls,
 * cdk-nag pack results): `<dir>/<key>.json`. Each entry is written to a temporary file and
 * renamed, so a reader (another synth, another jest worker) never sees half an entry (rename
 * within one folder is atomic on POSIX file systems). A missing or unreadable file is a miss; an
 * entry cut short some other way (a full disk) is read back as it is, and the cached validators
 * treat what does not parse as a miss (lib/shared/stored-violations.ts).
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Text by key: what every cache under .cache/ is to lib/ (which chooses no folder of its own). */
export interface KeyedTextCache {
  readonly get: (key: string) => string | undefined;
  readonly put: (key: string, text: string) => void;
}

/** Entries by key, as files in `dir` (created on the first write). */
export function keyedFileCache(dir: string): KeyedTextCache {
  return {
    get: (key) => {
      try {
        return readFileSync(join(dir, `${key}.json`), 'utf8');
      } catch {
        return undefined;
      }
    },
    put: (key, text) => {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${key}.json`);
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, file);
    },
  };
}

/**
 * The file cache for the cdk-nag packs' raw rule outcomes (lib/compliance's PackResultRun), given
 * by the entry points: one file per stack and pack in .cache/nag-packs/<key>.json. Written to a
 * temporary file and renamed, so a reader never sees half an entry (rename within one folder is
 * atomic on POSIX file systems); an unreadable entry is treated by the packs as missing.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PackResultCache } from '../../lib/compliance';

/** Folder of the pack results cache (ignored by git, beside .cache/template-validation/). */
export const PACK_RESULT_CACHE_DIR = resolve('.cache', 'nag-packs');

/** Pack results by key, as files in `dir`. */
export function packResultFileCache(dir: string = PACK_RESULT_CACHE_DIR): PackResultCache {
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

/**
 * The file cache for the cdk-nag packs' raw rule outcomes and stack reports (lib/compliance's
 * PackResultRun), given by the entry points: one file per key in .cache/nag-packs/, written
 * atomically (keyed-file-cache.ts); an unreadable entry is treated by the packs as missing.
 */
import { resolve } from 'node:path';
import type { PackResultCache } from '../../lib/compliance';
import { keyedFileCache } from './keyed-file-cache';

/** Folder of the pack results cache (ignored by git, beside .cache/template-validation/). */
export const PACK_RESULT_CACHE_DIR = resolve('.cache', 'nag-packs');

/** Pack results by key, as files in `dir`. */
export function packResultFileCache(dir: string = PACK_RESULT_CACHE_DIR): PackResultCache {
  return keyedFileCache(dir);
}

/**
 * The file caches under .cache/ (bin/private/keyed-file-cache.ts): an entry reads back as written,
 * with no temporary file left; an entry read is marked used; the first write of a run removes the
 * entries unused for the kept days and temporary files left by a stopped run, and nothing else.
 * A write that fails is said once, not thrown. The clock is given: file times are set relative to
 * it, so the day the test runs does not matter.
 */
import { readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyedFileCache } from '../../bin/private/keyed-file-cache';
import { tempDir } from './support/cdk-app';

const NOW = Date.UTC(2030, 0, 15);
const DAY = 24 * 60 * 60 * 1000;

/** Writes `name` in `dir` with its modification time `ageMs` before NOW. */
function fileAged(dir: string, name: string, ageMs: number): void {
  const path = join(dir, name);
  writeFileSync(path, `"${name}"`);
  const at = (NOW - ageMs) / 1000;
  utimesSync(path, at, at);
}

test('an entry reads back as written, and a missing one is undefined', () => {
  const dir = tempDir('n-keyed-cache');
  const cache = keyedFileCache(dir, { now: () => NOW });
  expect(cache.get('a')).toBeUndefined();
  cache.put('a', '[{"x":1}]');
  cache.put('a', '[]');
  expect(cache.get('a')).toBe('[]');
  expect(readdirSync(dir)).toEqual(['a.json']);
});

test('entries unused for the kept days and stale temporary files go at the first write; a read entry stays', () => {
  const dir = tempDir('n-keyed-cache-prune');
  fileAged(dir, 'old.json', 40 * DAY);
  fileAged(dir, 'old-but-read.json', 40 * DAY);
  fileAged(dir, 'recent.json', 29 * DAY);
  fileAged(dir, 'stopped.json.123.abc.tmp', 2 * 60 * 60 * 1000);
  fileAged(dir, 'writing.json.456.def.tmp', 60 * 1000);
  fileAged(dir, 'notes.txt', 400 * DAY);
  const cache = keyedFileCache(dir, { now: () => NOW });
  expect(cache.get('old-but-read')).toBe('"old-but-read.json"');
  expect(statSync(join(dir, 'old-but-read.json')).mtimeMs).toBe(NOW);
  expect(readdirSync(dir)).toHaveLength(6); // reading removes nothing
  cache.put('new', '[]');
  expect(readdirSync(dir).sort()).toEqual([
    'new.json',
    'notes.txt',
    'old-but-read.json',
    'recent.json',
    'writing.json.456.def.tmp',
  ]);
  // Once per run: a later write does not look again.
  fileAged(dir, 'old-again.json', 40 * DAY);
  cache.put('newer', '[]');
  expect(readdirSync(dir)).toContain('old-again.json');
  // A shorter keep removes what is older than it.
  keyedFileCache(dir, { now: () => NOW, keepDays: 7 }).put('another', '[]');
  expect(readdirSync(dir)).not.toContain('recent.json');
});

test('a write that fails is said once and the run goes on, remembering nothing', () => {
  const parent = tempDir('n-keyed-cache-blocked');
  const dir = join(parent, 'cache');
  writeFileSync(dir, 'a file where the folder should be');
  const said: string[] = [];
  const cache = keyedFileCache(dir, { now: () => NOW, warn: (l) => said.push(l) });
  expect(() => cache.put('a', '[]')).not.toThrow();
  cache.put('b', '[]');
  expect(cache.get('a')).toBeUndefined();
  expect(said).toHaveLength(1);
  expect(said[0]).toMatch(
    /^warning: results could not be kept in .*cache \(.*\); this run goes on without them\.\n$/,
  );
  expect(readdirSync(parent)).toEqual(['cache']);
});

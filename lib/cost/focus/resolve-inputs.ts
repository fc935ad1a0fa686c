import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { FocusExportError } from './focus-error';

export type FocusFileFormat = 'csv' | 'parquet';

export interface ResolvedInputs {
  readonly csv: string[];
  readonly parquet: string[];
}

const GLOB = /[*?[\]{}]/;

/** Format from a file name: `.csv`, `.csv.gz`, `.parquet` (any case); undefined otherwise. */
export function formatOf(path: string): FocusFileFormat | undefined {
  const p = path.toLowerCase();
  if (p.endsWith('.csv') || p.endsWith('.csv.gz')) return 'csv';
  if (p.endsWith('.parquet') || p.endsWith('.snappy.parquet')) return 'parquet';
  return undefined;
}

async function listDir(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * Turns the paths the user gave (files, directories searched recursively, or globs) into lists
 * of CSV and Parquet files. Globs are expanded by DuckDB later (`globs` below): here they are
 * only sorted into a format by their extension.
 */
export async function resolveInputs(
  paths: readonly string[],
  baseDir: string,
): Promise<ResolvedInputs & { globs: { pattern: string; format: FocusFileFormat }[] }> {
  if (paths.length === 0)
    throw new FocusExportError('No FOCUS export given: pass a file, a directory or a glob');
  const csv: string[] = [];
  const parquet: string[] = [];
  const globs: { pattern: string; format: FocusFileFormat }[] = [];
  for (const given of paths) {
    const full = isAbsolute(given) ? given : resolve(baseDir, given);
    if (GLOB.test(given)) {
      const format = formatOf(given);
      if (!format) {
        throw new FocusExportError(
          `FOCUS export glob "${given}" must end in .csv, .csv.gz or .parquet so the format is known`,
        );
      }
      globs.push({ pattern: full, format });
      continue;
    }
    let info;
    try {
      info = await stat(full);
    } catch {
      throw new FocusExportError(`FOCUS export path "${given}" does not exist (looked for ${full})`);
    }
    const files = info.isDirectory() ? (await listDir(full)).filter((f) => formatOf(f)) : [full];
    if (info.isDirectory() && files.length === 0) {
      throw new FocusExportError(
        `FOCUS export directory "${given}" holds no .csv, .csv.gz or .parquet files`,
      );
    }
    for (const file of files) {
      const format = formatOf(file);
      if (!format) throw new FocusExportError(`FOCUS export file "${file}" is not .csv, .csv.gz or .parquet`);
      try {
        await access(file, constants.R_OK);
      } catch {
        throw new FocusExportError(`FOCUS export file "${file}" cannot be read (permission denied)`);
      }
      (format === 'csv' ? csv : parquet).push(file);
    }
  }
  return { csv, parquet, globs };
}

/** A single-quoted SQL string literal (quotes doubled): file paths go into SQL only through this. */
export function sqlString(value: string): string {
  if (value.includes('\0'))
    throw new FocusExportError(`A path contains a NUL character: ${JSON.stringify(value)}`);
  return `'${value.replace(/'/g, "''")}'`;
}

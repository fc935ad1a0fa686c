/** Generates the deterministic FOCUS sample data for an estate model (lib/cost/sample-data) into a folder. */
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { EstateModel } from '../../../estate-model';
import { writeSampleFocusExport } from '../../../cost/sample-data';

/**
 * Writes sample FOCUS CSV files (one per month, from the agreement start to the clock's month)
 * into `dir` (a day's folder, `.cache/sample-focus/<estate>/<day>`); returns the folder holding
 * them. Same plan and clock give the same bytes. The other days' folders beside `dir` (named
 * YYYY-MM-DD) are removed: only the latest is ever read, and one was left behind for every day a
 * report was made.
 */
export async function generateSampleFocus(
  model: EstateModel,
  now: Date,
  dir: string,
): Promise<{ dir: string; files: number }> {
  removeOtherDays(dir);
  const out = await writeSampleFocusExport({ model, now, outDir: dir, formats: ['csv'] });
  return { dir: out.csvDir, files: out.csvFiles.length };
}

function removeOtherDays(dir: string): void {
  const parent = dirname(dir);
  let days: string[];
  try {
    days = readdirSync(parent);
  } catch {
    return; // no sample written for this estate yet
  }
  for (const day of days)
    if (day !== basename(dir) && /^\d{4}-\d{2}-\d{2}$/.test(day))
      rmSync(join(parent, day), { recursive: true, force: true });
}

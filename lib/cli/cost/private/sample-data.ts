/** Generates the deterministic FOCUS sample data for an estate model (lib/cost/sample-data) into a folder. */
import type { EstateModel } from '../../../estate-model';
import { writeSampleFocusExport } from '../../../cost/sample-data';

/**
 * Writes sample FOCUS CSV files (one per month, from the agreement start to the clock's month)
 * into `dir`; returns the folder holding them. Same plan and clock give the same bytes.
 */
export async function generateSampleFocus(
  model: EstateModel,
  now: Date,
  dir: string,
): Promise<{ dir: string; files: number }> {
  const out = await writeSampleFocusExport({ model, now, outDir: dir, formats: ['csv'] });
  return { dir: out.csvDir, files: out.csvFiles.length };
}

/** Generates the deterministic FOCUS sample data for a plan (lib/cost/sample-data) into a folder. */
import type { Plan } from '../../../plan/plan';
import { writeSampleFocusExport } from '../../../cost/sample-data';

/**
 * Writes sample FOCUS CSV files (one per month, from the agreement start to the clock's month)
 * into `dir`; returns the folder holding them. Same plan and clock give the same bytes.
 */
export async function generateSampleFocus(
  plan: Plan,
  now: Date,
  dir: string,
): Promise<{ dir: string; files: number }> {
  const out = await writeSampleFocusExport({ plan, now, outDir: dir, formats: ['csv'] });
  return { dir: out.csvDir, files: out.csvFiles.length };
}

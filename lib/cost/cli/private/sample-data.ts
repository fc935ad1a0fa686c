/** Generates the deterministic FOCUS sample data for a plan (lib/cost/sample-data) into a folder. */
import { UsageError } from '../../../cli/command';
import type { Plan } from '../../../plan/plan';

/** Writes sample FOCUS files for `from`..`to` into `dir`; returns the paths written. */
export async function generateSampleFocus(
  _plan: Plan,
  _from: string,
  _to: string,
  _dir: string,
): Promise<string[]> {
  throw new UsageError(
    'The sample-data generator (lib/cost/sample-data) is not available in this build: pass --focus DIR with a FOCUS export.',
  );
}

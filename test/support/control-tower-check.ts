/**
 * The Control Tower check (cfn-guard) as `npm start` and `npm run audit` run it
 * (bin/private/node-system.ts): results remembered by template hash in .cache/control-tower/ (the
 * folder the CLI uses in the project root) and changed templates checked in worker threads with
 * only the rules that name their resource types. Tests that run the whole job or audit on the
 * bundled example use it instead of cfn-guard with every rule on every template on each run, the
 * slowest part of those tests. The answers are the same:
 * test/compliance/control-tower-rule-selection.test.ts checks the selected rules against every rule, and the key
 * holds the validator's version and the register's disabled controls.
 */
import { join } from 'node:path';
import type { ComplianceOptions } from '../../lib/compliance';
import { controlTowerFileCache, parallelControlTowerRunner } from '../../bin/private/control-tower-check';

export const CONTROL_TOWER_CACHE_DIR = join(__dirname, '..', '..', '.cache', 'control-tower');

export function cachedControlTowerCheck(): NonNullable<ComplianceOptions['controlTowerCheck']> {
  return { cache: controlTowerFileCache(CONTROL_TOWER_CACHE_DIR), runner: parallelControlTowerRunner };
}

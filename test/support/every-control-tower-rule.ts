/**
 * The reference the Control Tower runner's tests compare against: cfn-guard's validator with every
 * Control Tower rule on whole templates, as it runs by default. Its answer depends only on the
 * validator package (its version: rules and guard binary are bundled in it), the disabled rules
 * and the templates' text, so it is remembered in .cache/test-oracles/ under a hash of exactly
 * those: the first run of a source tree pays for it (over 30 s on the bundled example), later runs
 * read it. The code under test (the parallel runner) still runs on every run; only the reference
 * is remembered. Template paths are stored as their place in the list and put back on reading.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import type { IPolicyValidationContext, PolicyValidationPluginReport } from 'aws-cdk-lib';

const ORACLE_DIR = join(__dirname, '..', '..', '.cache', 'test-oracles');
/** Bumped when what is stored changes shape. */
const FORMAT = 1;

const placeholder = (i: number) => `<<template ${i}>>`;
const jsonText = (s: string) => JSON.stringify(s).slice(1, -1);

function keyOf(paths: readonly string[], disabledRules: readonly string[]): string {
  const hash = createHash('sha256')
    .update(`${FORMAT}\n`)
    .update(readFileSync(require.resolve('@cdklabs/cdk-validator-cfnguard/package.json')))
    .update(`\n${JSON.stringify(disabledRules)}\n`);
  for (const path of paths) hash.update(readFileSync(path)).update('\u0000');
  return hash.digest('hex');
}

/** Every Control Tower rule on whole templates, as the validator runs them by default (remembered, see above). */
export function everyControlTowerRule(
  paths: readonly string[],
  disabledRules: readonly string[] = [],
): PolicyValidationPluginReport {
  const file = join(ORACLE_DIR, `${keyOf(paths, disabledRules)}.json`);
  // Longest first, so that no path is replaced inside a longer one.
  const order = paths.map((p, i) => [p, i] as const).sort((a, b) => b[0].length - a[0].length);
  try {
    let text = readFileSync(file, 'utf8');
    for (const [path, i] of order) text = text.split(placeholder(i)).join(jsonText(path));
    return JSON.parse(text) as PolicyValidationPluginReport;
  } catch {
    // missing or unreadable: computed below
  }
  const report = new CfnGuardValidator({
    controlTowerRulesEnabled: true,
    disabledRules: [...disabledRules],
    maxBuffer: 256 * 1024 * 1024,
  }).validate({ templatePaths: paths } as unknown as IPolicyValidationContext);
  let text = JSON.stringify(report);
  for (const [path, i] of order) text = text.split(jsonText(path)).join(placeholder(i));
  mkdirSync(ORACLE_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
  return report;
}

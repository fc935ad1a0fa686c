/**
 * The one reader of `cdk.json` outside the CDK CLI: its `context` (handed to in-process apps) and
 * the default plan folder (its `plan` context value), for every command that takes a plan.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './command';

/** What to tell the user when no plan folder was given and cdk.json cannot supply one. */
const PASS_ONE = 'Pass one with --plan <dir>.';

/** The `context` object of `<cwd>/cdk.json`; `{}` when the file has none. Throws a UsageError when the file is missing or not JSON. */
export function readCdkContext(cwd: string): Readonly<Record<string, unknown>> {
  const file = join(cwd, 'cdk.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(
      `No plan folder given and no cdk.json in ${cwd} to take the "plan" context from. ${PASS_ONE}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`No plan folder given and ${file} is not valid JSON. ${PASS_ONE}`);
  }
  const context = (parsed as { context?: unknown } | null)?.context;
  return typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : {};
}

/** The `plan` context value of `<cwd>/cdk.json`, or a UsageError saying what to do. */
export function defaultPlanDir(cwd: string): string {
  const plan = readCdkContext(cwd).plan;
  if (typeof plan !== 'string' || plan === '') {
    throw new UsageError(
      `No plan folder given and ${join(cwd, 'cdk.json')} has no "plan" context value. ${PASS_ONE}`,
    );
  }
  return plan;
}

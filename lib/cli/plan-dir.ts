/**
 * Where a plan command's plan folder is: the positional argument, else the `plan` context value
 * in cdk.json. Relative paths resolve against the CLI's working directory (`io.cwd`).
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError, type CliIo } from './command';

export interface PlanDir {
  /** As the user gave it (or as cdk.json has it): used in messages. */
  readonly shown: string;
  /** Absolute path to load from. */
  readonly absolute: string;
}

/** Reads the `plan` context value from `<cwd>/cdk.json`, or explains what to do. */
function defaultPlanDir(cwd: string): string {
  const file = join(cwd, 'cdk.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(
      `No plan folder given and no cdk.json in ${cwd} to take the "plan" context from. Pass one: plan validate <dir>`,
    );
  }
  let plan: unknown;
  try {
    const parsed: unknown = JSON.parse(text);
    plan = (parsed as { context?: { plan?: unknown } } | null)?.context?.plan;
  } catch {
    throw new UsageError(`No plan folder given and ${file} is not valid JSON. Pass one: plan validate <dir>`);
  }
  if (typeof plan !== 'string' || plan === '') {
    throw new UsageError(
      `No plan folder given and ${file} has no "plan" context value. Pass one: plan validate <dir>`,
    );
  }
  return plan;
}

export function resolvePlanDir(positionals: readonly string[], io: CliIo): PlanDir {
  if (positionals.length > 1)
    throw new UsageError(
      `Expected at most one plan folder, got ${positionals.length}: ${positionals.join(' ')}`,
    );
  const shown = positionals[0] ?? defaultPlanDir(io.cwd);
  return { shown, absolute: isAbsolute(shown) ? shown : resolve(io.cwd, shown) };
}

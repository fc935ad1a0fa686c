/**
 * Where a command's plan folder is: `--plan DIR` everywhere (the plan commands also take it as
 * their one positional argument, as they always have), else the `plan` context value in
 * cdk.json. Relative paths resolve against the CLI's working directory (`io.cwd`).
 */
import { isAbsolute, resolve } from 'node:path';
import { defaultPlanDir } from './cdk-json';
import { UsageError, type CliIo, type OptionsConfig, type ParsedArgs } from './command';

export interface PlanDir {
  /** As the user gave it (or as cdk.json has it): used in messages. */
  readonly shown: string;
  /** Absolute path to load from. */
  readonly absolute: string;
}

/** The `--plan` option every plan-taking command declares. */
export const PLAN_OPTION: OptionsConfig = { plan: { type: 'string' } };

/** Help line for `--plan`, the same in every command; `column` is where the text starts. */
export function planOptionHelp(column = 18): string {
  return `  ${'--plan DIR'.padEnd(column - 2)}plan folder (default: the "plan" context value in cdk.json)`;
}

export interface PlanDirOptions {
  /** Accept the folder as the one positional argument too. @default false */
  readonly positional?: boolean;
}

/** The plan folder from `--plan` (or the positional form where allowed), else cdk.json's. */
export function resolvePlanDir(args: ParsedArgs, io: CliIo, options: PlanDirOptions = {}): PlanDir {
  const flag = args.values.plan;
  if (flag !== undefined && typeof flag !== 'string') throw new UsageError('--plan needs a folder');
  if (!options.positional && args.positionals.length > 0) {
    throw new UsageError(
      `Unexpected argument(s): ${args.positionals.join(' ')}. Give the plan folder with --plan DIR.`,
    );
  }
  if (args.positionals.length > 1)
    throw new UsageError(
      `Expected at most one plan folder, got ${args.positionals.length}: ${args.positionals.join(' ')}`,
    );
  if (flag !== undefined && args.positionals.length > 0)
    throw new UsageError(`Give the plan folder once: --plan ${flag} or ${args.positionals[0]}, not both.`);
  const shown = flag ?? args.positionals[0] ?? defaultPlanDir(io.cwd);
  return { shown, absolute: isAbsolute(shown) ? shown : resolve(io.cwd, shown) };
}

/** Option parsing and plan loading shared by the `migrate` and `images` commands. */
import { UsageError, type CliIo, type ParsedArgs } from '../../command';
import { resolvePlanDir, type PlanDir } from '../../plan-dir';
import type { CapabilityCheck, Plan } from '../../../plan';
import { loadPlanForCli } from '../../plan-load';

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v;
}

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** `--plan DIR` (or one positional), else cdk.json's `plan` context. */
export function planDirOption(args: ParsedArgs, io: CliIo): PlanDir {
  return resolvePlanDir(args, io, { positional: true });
}

/** The plan, or undefined after printing every problem (the caller exits 2). */
export function loadPlanOrReport(
  dir: PlanDir,
  io: CliIo,
  checks: readonly CapabilityCheck[],
): Plan | undefined {
  return loadPlanForCli(dir, io, checks);
}

/** Static credentials from io.env when set; otherwise the SDK's usual chain. */
export function credentialsFromEnv(
  io: CliIo,
):
  | { credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } }
  | Record<string, never> {
  const accessKeyId = io.env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = io.env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return {};
  const sessionToken = io.env.AWS_SESSION_TOKEN;
  return { credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } };
}

/** Option parsing shared by the `migrate`, `images` and `ops` commands. */
import { type CliIo, type ParsedArgs } from '../command';
export { stringOption } from '../command';
import { resolvePlanDir, type PlanDir } from '../plan-dir';

export function flagOption(args: ParsedArgs, name: string): boolean {
  return args.values[name] === true;
}

/** `--plan DIR` (or one positional), else cdk.json's `plan` context. */
export function planDirOption(args: ParsedArgs, io: CliIo): PlanDir {
  return resolvePlanDir(args, io, { positional: true });
}

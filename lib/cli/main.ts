import type { CliIo, Command } from './command';
import { COMMANDS } from './commands';
import { runCommands } from './dispatch';

/** Runs the CLI; returns the exit code. */
export function runCli(
  argv: readonly string[],
  io: CliIo,
  commands: readonly Command[] = COMMANDS,
): Promise<number> {
  return runCommands(argv, io, commands);
}

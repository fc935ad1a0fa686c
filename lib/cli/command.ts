/**
 * What a CLI command is. Commands are thin: they parse arguments, call pure functions in lib/,
 * and write through the `CliIo` they are given. Nothing here calls `process.exit`.
 */
import type { ParseArgsConfig } from 'node:util';
import { EXIT, UserError } from '../shared/user-error';

export { EXIT };

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Directory relative paths are resolved against. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The clock, passed in so reports and caches are testable. */
  readonly now: () => Date;
  /**
   * Waits between polls (`migrate adopt --wait`). @default - none: a polling command looks once
   */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Aborted when the user interrupts (Ctrl-C): remote work in progress is stopped cleanly. */
  readonly interrupt?: AbortSignal;
}

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;
}

export interface Command {
  /** Words after `estate`, e.g. `['plan', 'validate']`. */
  readonly path: readonly string[];
  /** One line for the command list. */
  readonly summary: string;
  /** Usage line(s) and option help shown by `--help`. */
  readonly usage: string;
  readonly options: OptionsConfig;
  /** Returns the process exit code: 0 success, 1 failure, 2 bad input (plan or arguments). */
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}

/** Bad arguments: the message is printed as it stands, exit code 2. */
export class UsageError extends UserError {
  constructor(message: string) {
    super(message, { exitCode: EXIT.badInput });
    this.name = 'UsageError';
  }
}

/** The value of a string option, or undefined when it was not given. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.values[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new UsageError(`--${name} needs a value`);
  return v;
}

/** A CliIo for tests: captures output, fixed clock, chosen cwd, no process access. */
import type { CliIo } from '../../../lib/cli/command';

export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function captureIo(
  cwd: string,
  now: string,
  env: Record<string, string | undefined> = {},
): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd,
    env,
    now: () => new Date(now),
    out: () => out,
    err: () => err,
  };
}

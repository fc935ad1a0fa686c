/** A CliIo that records what a command writes, for exact-output assertions. */
import type { CliIo } from '../../lib/cli';

export interface CapturedIo extends CliIo {
  /** Everything written to stdout, joined. */
  out(): string;
  /** Everything written to stderr, joined. */
  err(): string;
}

/** A CliIo with a fixed clock (`now`, ISO) and environment, recording stdout and stderr. */
export function captureIo(
  cwd: string = process.cwd(),
  now = '2027-01-15T00:00:00Z',
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

#!/usr/bin/env -S npx tsx
/** The `estate` CLI: `npm run estate -- <command>`. Wires process to lib/cli and nothing more. */
import { runCli } from '../lib/cli';

// Ctrl-C aborts this signal once (remote queries are stopped); a second Ctrl-C exits at once.
const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  cwd: process.env.INIT_CWD ?? process.cwd(),
  env: process.env,
  now: () => new Date(),
  interrupt: interrupt.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`estate: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (process.env.ESTATE_DEBUG) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
    process.exitCode = 1;
  },
);

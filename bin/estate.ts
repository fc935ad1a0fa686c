#!/usr/bin/env -S npx tsx
/**
 * The `estate` CLI, the one entry: `npm run estate -- <command>` (start, audit, plan ..., cost ...).
 * Wires the process to lib/cli and nothing more.
 */
import { estateCommands, runCli } from '../lib/cli';
import { nodeSystem, processIo, runEntry } from './private/node-system';

// Ctrl-C aborts this signal once (remote queries such as Athena's are stopped); a second exits at once.
const interrupt = new AbortController();
process.once('SIGINT', () => {
  interrupt.abort();
  process.once('SIGINT', () => process.exit(130));
});

runEntry('estate', () =>
  runCli(
    process.argv.slice(2),
    { ...processIo(process.env.INIT_CWD ?? process.cwd()), interrupt: interrupt.signal },
    estateCommands(nodeSystem),
  ),
);

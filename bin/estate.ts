#!/usr/bin/env -S npx tsx
/**
 * The `estate` CLI, the one entry: `npm run estate -- <command>` (start, audit, plan ..., cost ...).
 * Wires the process to lib/cli and nothing more.
 */
import { estateCommands, runCli } from '../lib/cli';
import { nodeSystem, processIo, runEntry } from './private/node-system';

runEntry('estate', () =>
  runCli(process.argv.slice(2), processIo(process.env.INIT_CWD ?? process.cwd()), estateCommands(nodeSystem)),
);

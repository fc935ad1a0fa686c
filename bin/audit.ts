#!/usr/bin/env -S npx tsx
/**
 * `npm run audit`, an alias of `estate audit`: synthesizes the app with every compliance pack
 * (AwsSolutions, NIST 800-53 r5, UK public sector, Control Tower controls via cfn-guard) and writes
 * reports/audit/ (HTML, CSV, JSON). Exit 0: no unsuppressed errors; 1: some remain; 2: the app or
 * register is broken.
 *
 * Options: --plan <folder>, --register <file>, --out <report folder> (default reports/audit),
 * --no-control-tower (skip cfn-guard: faster, for a quick look).
 */
import { estateCommands, runCli } from '../lib/cli';
import { nodeSystem, processIo, runEntry } from './private/node-system';

runEntry('audit', () =>
  runCli(['audit', ...process.argv.slice(2)], processIo(process.cwd()), estateCommands(nodeSystem)),
);

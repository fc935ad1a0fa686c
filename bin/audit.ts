#!/usr/bin/env -S npx tsx
/**
 * `npm run audit`, an alias of `estate audit`: synthesizes the app with every compliance pack
 * (AwsSolutions, NIST 800-53 r5, UK public sector, Control Tower controls via cfn-guard) and writes
 * reports/audit/ (HTML, CSV, JSON). Exit 0: no unsuppressed errors; 1: some remain; 2: the app or
 * register is broken.
 *
 * Options: --plan <folder>, --register <file>, --out <report folder> (default reports/audit),
 * --no-control-tower (skip cfn-guard: faster, for a quick look).
 *
 * Loads the audit command alone (not the whole command list, whose AWS SDK clients the audit does
 * not use: about 1.4 CPU seconds of module loading saved on every run).
 */
import { auditCommand } from '../lib/cli/audit-command';
import { runCommands } from '../lib/cli/dispatch';
import { nodeSystem, processIo, runEntry } from './private/node-system';

runEntry('audit', () =>
  runCommands(['audit', ...process.argv.slice(2)], processIo(process.cwd()), [
    auditCommand(nodeSystem, nodeSystem.clockMs),
  ]),
);

#!/usr/bin/env -S npx tsx
/**
 * The main job (`npm start`), an alias of `estate start`: checks the plan, synthesizes every stack
 * through the real CDK CLI with template validation, summarizes the result, writes the cost and
 * audit reports. The steps are in lib/cli/start-command.ts.
 *
 * Options: --plan <folder> (default: context "plan" in cdk.json), --out <folder> (default cdk.out).
 */
import { estateCommands, runCli } from '../lib/cli';
import { nodeSystem, processIo, runEntry } from './private/node-system';

runEntry('main job', () =>
  runCli(['start', ...process.argv.slice(2)], processIo(process.cwd()), estateCommands(nodeSystem)),
);

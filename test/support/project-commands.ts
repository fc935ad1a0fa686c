/**
 * The commands users run, read from where they are defined: cdk.json's `app` (what `npx cdk`
 * starts) and package.json's scripts (what `npm start`, `npm run estate` start). Tests spawn these
 * rather than copies of them, so a test exercises the command as shipped, with this test's Node.js
 * in place of `node` (one process; `npm run` and `npx` would add their own).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT as ROOT } from './shared-assembly';

/** `command` as a program and its arguments, `node` replaced by this process's Node.js. */
function split(command: string, where: string): [string, string[]] {
  const [program, ...args] = command.trim().split(/\s+/);
  if (program !== 'node') throw new Error(`${where} does not start with node: ${command}`);
  return [process.execPath, args];
}

/** cdk.json's `app`: the program and its arguments. */
export function cdkAppCommand(): [string, string[]] {
  const { app } = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')) as { app: string };
  return split(app, 'cdk.json "app"');
}

/** package.json's script `name` (e.g. `estate`), with `extra` arguments after its own. */
export function npmScriptCommand(name: string, extra: readonly string[] = []): [string, string[]] {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const script = scripts[name];
  if (!script) throw new Error(`package.json has no script ${name}`);
  const [program, args] = split(script, `package.json script ${name}`);
  return [program, [...args, ...extra]];
}

#!/usr/bin/env -S npx tsx
/**
 * `npm run audit`: synthesizes the app with every compliance pack (AwsSolutions, NIST 800-53 r5,
 * UK public sector, Control Tower controls via cfn-guard) and writes reports/audit/ (HTML, CSV,
 * JSON). Exit 0: no unsuppressed errors; 1: some remain; 2: the app or register is broken.
 *
 * Options: --plan <folder>, --register <file>, --out <report folder> (default reports/audit),
 * --no-control-tower (skip cfn-guard: faster, for a quick look).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RegisterError, runAudit, type AuditSystem } from '../lib/compliance';
import { nodeFiles, runCommand, wantsHelp } from './private/node-system';

const USAGE =
  'Usage: npm run audit -- [--plan <folder>] [--register <file>] [--out <folder>] [--no-control-tower]\n' +
  '       [--break-glass <reason>]\n';

const system: AuditSystem = { run: runCommand, ...nodeFiles };

async function main(): Promise<number> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(
      `${USAGE}\nSynthesizes the app with every compliance pack and writes reports/audit/ (index.html,\n` +
        `findings.csv, findings.json). Exit 0: no unsuppressed errors; 1: some remain; 2: app or register broken.\n`,
    );
    return 0;
  }
  let values: {
    plan?: string;
    register?: string;
    out?: string;
    'no-control-tower'?: boolean;
    'break-glass'?: string;
  };
  try {
    ({ values } = parseArgs({
      options: {
        plan: { type: 'string' },
        register: { type: 'string' },
        out: { type: 'string' },
        'no-control-tower': { type: 'boolean' },
        'break-glass': { type: 'string' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const cwd = process.cwd();
  const context =
    (JSON.parse(readFileSync(resolve(cwd, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> })
      .context ?? {};
  const planDir = values.plan ?? String(context.plan ?? 'migration-plans/peterborough');
  const fromContext = context['estate:break-glass'];
  const breakGlass = values['break-glass'] ?? (fromContext === undefined ? undefined : String(fromContext));
  const started = performance.now();
  try {
    const { code } = await runAudit(
      system,
      {
        cwd,
        env: process.env,
        planDir,
        ...(values.register ? { registerPath: values.register } : {}),
        outdir: resolve(cwd, 'cdk.out.audit'),
        reportDir: values.out ?? 'reports/audit',
        now: new Date(),
        controlTower: !values['no-control-tower'],
        ...(breakGlass ? { breakGlass } : {}),
      },
      (t) => process.stdout.write(t),
    );
    process.stdout.write(`Audit finished in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
    return code;
  } catch (e) {
    if (e instanceof RegisterError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`audit: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);

#!/usr/bin/env -S npx tsx
/**
 * `npm run audit`: synthesizes the app with every compliance pack (AwsSolutions, NIST 800-53 r5,
 * UK public sector, Control Tower controls via cfn-guard) and writes reports/audit/ (HTML, CSV,
 * JSON). Exit 0: no unsuppressed errors; 1: some remain; 2: the app or register is broken.
 *
 * Options: --plan <folder>, --register <file>, --out <report folder> (default reports/audit),
 * --no-control-tower (skip cfn-guard: faster, for a quick look).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RegisterError, runAudit, type AuditSystem } from '../lib/compliance';

const USAGE =
  'Usage: npm run audit -- [--plan <folder>] [--register <file>] [--out <folder>] [--no-control-tower]\n';

const system: AuditSystem = {
  run: (command, args, env) =>
    new Promise((done) => {
      const child = spawn(command, [...args], {
        cwd: process.cwd(),
        env: { ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
      child.on('error', (e) => done({ code: 127, stdout, stderr: `${stderr}${e.message}\n` }));
      child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
    }),
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, text) => writeFileSync(p, text),
  exists: (p) => existsSync(p),
  makeDir: (p) => mkdirSync(p, { recursive: true }),
  removeDir: (p) => rmSync(p, { recursive: true, force: true }),
};

async function main(): Promise<number> {
  let values: { plan?: string; register?: string; out?: string; 'no-control-tower'?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        plan: { type: 'string' },
        register: { type: 'string' },
        out: { type: 'string' },
        'no-control-tower': { type: 'boolean' },
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

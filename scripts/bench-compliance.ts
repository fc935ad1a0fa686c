#!/usr/bin/env -S npx tsx
/**
 * `npm run bench:compliance`: synth time of the bundled example without and with the cdk-nag
 * packs (AwsSolutions, NIST 800-53 r5, UK public sector; register applied), median of several
 * runs each, and the ratio (target <= 1.5x). In-process synths into temp folders with cdk.json's
 * context. Measured twice: as `cdk synth` runs (aws-cdk-lib's CloudFormation schema validation on,
 * the target's reference) and with that validation off (packs against a bare synth, for context).
 * Not a test: it prints figures.
 *
 * Options: --runs <n> (default 5), --plan <folder> (default cdk.json's plan).
 */
import { defaultPlanDir, readCdkContext } from '../lib/cli/cdk-json';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import { buildEstateApp, ESTATE_APP_CONTEXT } from '../lib/app';
import { buildEstateModel } from '../lib/estate-model';
import { applyCompliance, loadRegister } from '../lib/compliance';
import { loadPlan } from '../lib/plan';

const { values } = parseArgs({
  options: { runs: { type: 'string' }, plan: { type: 'string' } },
  strict: true,
});
const runs = Math.max(1, Number(values.runs ?? 5));
const context = readCdkContext(process.cwd());
const planDir = values.plan ?? defaultPlanDir(process.cwd());
const plan = loadPlan(planDir);
const register = loadRegister(join(planDir, 'compliance-register.yaml'));
const now = new Date();

function synthOnce(withPacks: boolean, schemaValidation: boolean): number {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-compliance-'));
  try {
    const started = performance.now();
    const app = new App({
      context: { ...ESTATE_APP_CONTEXT, ...context, '@aws-cdk/core:failSynthOnValidationErrors': false },
      outdir,
      builtinCloudFormationValidation: schemaValidation,
    });
    buildEstateApp(app, plan);
    if (withPacks) applyCompliance(app, buildEstateModel(plan), register, { now });
    app.synth();
    return performance.now() - started;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
process.stdout.write(
  `Bundled example ${planDir}: ${plan.servers.length} servers, ${plan.databases.length} databases; ${runs} run(s) each after one warm-up.\n`,
);
synthOnce(true, true); // warm-up: module loading and JIT, not counted
for (const schemaValidation of [true, false]) {
  const without: number[] = [];
  const withPacks: number[] = [];
  for (let i = 0; i < runs; i++) {
    // Interleaved so that machine load affects both alike.
    without.push(synthOnce(false, schemaValidation));
    withPacks.push(synthOnce(true, schemaValidation));
  }
  const a = median(without);
  const b = median(withPacks);
  process.stdout.write(
    `\n${schemaValidation ? 'As cdk synth runs (CloudFormation schema validation on):' : 'Bare synth (schema validation off), for context:'}\n`,
  );
  process.stdout.write(`  without packs: median ${fmt(a)}  (runs: ${without.map(fmt).join(', ')})\n`);
  process.stdout.write(`  with packs:    median ${fmt(b)}  (runs: ${withPacks.map(fmt).join(', ')})\n`);
  process.stdout.write(
    `  ratio: ${(b / a).toFixed(2)}x${schemaValidation ? ` (target <= 1.50x) ${b / a <= 1.5 ? 'MET' : 'NOT MET'}` : ''}\n`,
  );
}

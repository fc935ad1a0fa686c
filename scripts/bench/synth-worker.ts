/**
 * One in-process synth for `npm run bench`, in its own process so that its peak memory is its own:
 * `tsx scripts/bench/synth-worker.ts <plan folder> <bare|packs|validation> <outdir>`.
 * Prints one JSON line: seconds spent loading, building and synthesizing (module loading
 * excluded), CPU seconds, peak RSS, and the stacks of the cloud assembly.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildEstateAppForSynth, ESTATE_PLAN_CHECKS, synthesizeApp } from '../../lib/app';
import { loadDefaultRegister } from '../../lib/compliance';
import { loadPlan } from '../../lib/plan';
import { assemblyFigures } from './assembly-figures';

export type SynthMode = 'bare' | 'packs' | 'validation';

const [planDir, mode, outdir] = process.argv.slice(2) as [string, SynthMode, string];
const context = (
  JSON.parse(readFileSync(resolve('cdk.json'), 'utf8')) as { context: Record<string, unknown> }
).context;
rmSync(outdir, { recursive: true, force: true });
const cpuStart = process.cpuUsage();
const started = performance.now();
const plan = loadPlan(planDir, { checks: ESTATE_PLAN_CHECKS });
const built = buildEstateAppForSynth({
  plan,
  context,
  outdir,
  templateValidation: mode === 'validation',
  ...(mode === 'bare'
    ? {}
    : {
        compliance: {
          register: loadDefaultRegister(join(planDir, 'compliance-register.yaml'), plan.estate.id),
          now: new Date(),
        },
      }),
});
synthesizeApp(built.app);
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `${JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    ...assemblyFigures(outdir),
  })}\n`,
);

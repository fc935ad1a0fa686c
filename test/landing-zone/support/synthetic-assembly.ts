/**
 * The cloud assembly of the bench's synthetic estate (scripts/bench/synthetic-estate.ts) at a
 * given size, built as the CLI builds it (cdk.json context, every stack) but without template
 * validation, synthesized once per source tree and shared by every test file that asks (through
 * sharedAssembly, keyed by this file): test/landing-zone/access-shards.test.ts and
 * test/operations/scale.test.ts read the same 2,000-server assembly instead of synthesizing it
 * each. The plan folder is written afresh for each caller (the generator is deterministic).
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildEstateApp } from '../../../lib/app';
import { loadPlan } from '../../../lib/plan';
import type { Plan } from '../../../lib/plan/plan';
import { writeSyntheticEstate } from '../../../scripts/bench/synthetic-estate';
import { cdkJsonContext, tempDir } from '../../app/support/cdk-app';
import { sharedAssembly } from '../../support/shared-assembly';

export interface SyntheticEstateAssembly {
  readonly plan: Plan;
  readonly assembly: CloudAssembly;
}

/** Builds the app for `plan` with extra context and synthesizes it, template validation off. */
export function synthesizeWithoutValidation(plan: Plan, context: Record<string, unknown> = {}): string {
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    const app = new App({
      context: { ...cdkJsonContext(), ...context },
      outdir: tempDir('synthetic-estate'),
    });
    buildEstateApp(app, plan);
    return app.synth().directory;
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}

/** The synthetic estate of `servers` servers and its assembly (shared, see above). */
export function syntheticEstateAssembly(servers: number): SyntheticEstateAssembly {
  const dir = tempDir(`synthetic-${servers}-plan`);
  writeSyntheticEstate(dir, servers);
  const plan = loadPlan(dir);
  const out = sharedAssembly({ name: `synthetic-${servers}`, testFile: __filename }, () =>
    synthesizeWithoutValidation(plan),
  );
  return { plan, assembly: new CloudAssembly(out) };
}

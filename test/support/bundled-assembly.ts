/**
 * The bundled estates (migration-plans/peterborough, the example, and migration-plans/northvale)
 * built as `npx cdk synth` builds them (cdk.json context, every stack, template validation on),
 * each synthesized once per source tree and shared by every test file that reads its templates
 * only (sharedAssembly, keyed by this file, not by the caller): e.g. test/migration/templates.test.ts,
 * test/keys/key-guard.test.ts, test/landing-zone/first-deploy.test.ts. Tests that inspect the
 * construct tree build their own app.
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildEstateApp } from '../../lib/app/estate-app';
import { loadPlan } from '../../lib/plan';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';
import { sharedAssembly } from './shared-assembly';

/** The estates bundled under migration-plans/. */
export type BundledEstate = 'peterborough' | 'northvale';

/** A bundled estate's plan folder, relative to the project root. */
export const bundledPlanDir = (estate: BundledEstate): string => `migration-plans/${estate}`;

export const BUNDLED_PLAN_DIR = bundledPlanDir('peterborough');

/** A bundled estate's cloud assembly (shared, see above). */
export function bundledEstateAssembly(estate: BundledEstate): CloudAssembly {
  const dir = sharedAssembly({ name: estate, testFile: __filename }, () => {
    const app = new App({ context: cdkJsonContext(), outdir: tempDir(estate) });
    buildEstateApp(app, loadPlan(bundledPlanDir(estate)));
    return app.synth().directory;
  });
  return new CloudAssembly(dir);
}

/** The bundled example's cloud assembly (shared, see above). */
export function bundledExampleAssembly(): CloudAssembly {
  return bundledEstateAssembly('peterborough');
}

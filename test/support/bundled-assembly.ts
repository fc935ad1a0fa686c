/**
 * The bundled example (migration-plans/peterborough) built as `npx cdk synth` builds it (cdk.json
 * context, every stack, template validation on), synthesized once per source tree and shared by
 * every test file that reads its templates only (sharedAssembly, keyed by this file):
 * test/migration/templates.test.ts and test/migration/wave-templates.test.ts. Tests that inspect
 * the construct tree build their own app.
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildEstateApp } from '../../lib/app/estate-app';
import { loadPlan } from '../../lib/plan';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';
import { sharedAssembly } from './shared-assembly';

export const BUNDLED_PLAN_DIR = 'migration-plans/peterborough';

/** The bundled example's cloud assembly (shared, see above). */
export function bundledExampleAssembly(): CloudAssembly {
  const dir = sharedAssembly({ name: 'peterborough', testFile: __filename }, () => {
    const app = new App({ context: cdkJsonContext(), outdir: tempDir('peterborough') });
    buildEstateApp(app, loadPlan(BUNDLED_PLAN_DIR));
    return app.synth().directory;
  });
  return new CloudAssembly(dir);
}

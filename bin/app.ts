#!/usr/bin/env -S npx tsx
/**
 * The CDK app (`cdk.json` "app"): the estate named by context `plan` (default
 * migration-plans/peterborough), synthesized by bin/private/estate-synth-app.ts. Run by the CLI,
 * it first asks the assembly cache (bin/private/cached-synth.ts): when nothing the last
 * successful synth depended on has changed, that synth's cloud assembly is copied back and the
 * app is not built at all; `-c assembly-cache=false` synthesizes afresh.
 */
import { synthWithAssemblyCache } from './private/cached-synth';

synthWithAssemblyCache(() => {
  // Loaded only when the cache cannot answer: aws-cdk-lib and the estate take seconds to load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load; import() would make this an ES module
  const app = require('./private/estate-synth-app') as typeof import('./private/estate-synth-app');
  app.synthEstateApp();
});

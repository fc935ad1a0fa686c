/** Tiny apps for compliance tests: stacks with the estate's tags and pinned AZs, synthesized offline. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Tags } from 'aws-cdk-lib';
import { ESTATE_APP_CONTEXT } from '../../../lib/app/estate-synth';

export const ACCOUNT = '123456789012';

/** The context the CLI's app runs with: the estate app's own and cdk.json's. */
export function cdkContext(): Record<string, unknown> {
  return {
    ...ESTATE_APP_CONTEXT,
    ...(
      JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'cdk.json'), 'utf8')) as {
        context: Record<string, unknown>;
      }
    ).context,
  };
}

/** A new App with cdk.json's context and a temp outdir. */
export function tinyApp(extraContext: Record<string, unknown> = {}): App {
  return new App({
    context: { ...cdkContext(), ...extraContext },
    outdir: mkdtempSync(join(tmpdir(), 'compliance-test-')),
  });
}

export const GOOD_TAGS: Readonly<Record<string, string>> = {
  Estate: 'testshire',
  Application: 'revenues',
  MigrationWave: 'wave-1',
  CostCentre: 'FIN-100',
  DataClassification: 'OFFICIAL-SENSITIVE',
  BackupTier: 'gold',
  Environment: 'production',
};

/** A stack in eu-west-2 carrying every mandatory tag (override or drop some with `tags`). */
export function tinyStack(
  app: App,
  id: string,
  opts: { region?: string; tags?: Record<string, string | undefined> } = {},
): Stack {
  const stack = new Stack(app, id, { env: { account: ACCOUNT, region: opts.region ?? 'eu-west-2' } });
  for (const [k, v] of Object.entries({ ...GOOD_TAGS, ...opts.tags }))
    if (v !== undefined) Tags.of(stack).add(k, v);
  return stack;
}

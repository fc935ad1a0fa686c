/** Test helpers for building estate apps the way the CLI does (cdk.json context, temp outdir). */
import { App } from 'aws-cdk-lib';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESTATE_APP_CONTEXT } from '../../../lib/app/estate-synth';
import { readCdkContext } from '../../../lib/cli/cdk-json';

export const PROJECT_ROOT = join(__dirname, '..', '..', '..');

/**
 * The context the CLI's app runs with: the estate app's own (ESTATE_APP_CONTEXT) and cdk.json's,
 * so tests see the same feature flags and AZ context as the CLI.
 */
export function cdkJsonContext(): Record<string, unknown> {
  return { ...ESTATE_APP_CONTEXT, ...readCdkContext(PROJECT_ROOT) };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `${prefix}-`));
}

/** An App with the cdk.json context writing into a fresh temp folder. */
export function testApp(prefix = 'n-test'): App {
  return new App({ context: cdkJsonContext(), outdir: tempDir(prefix) });
}

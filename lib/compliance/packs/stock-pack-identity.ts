import type { PackIdentity } from './pack-result-cache';

/** Versions read once from the packages' own package.json files. */
let versions: { readonly nag: string; readonly cdk: string } | undefined;

/**
 * What a stock cdk-nag pack's outcomes depend on besides the stack: the pack, cdk-nag's version
 * (its rules) and aws-cdk-lib's (the rules resolve properties with `Stack.resolve`). The packs'
 * only options, `verbose` and `writeSuppressionsToCloudFormation`, change the wording of a
 * violation and the template's metadata, not what a rule returns, so they are not part of it.
 */
export function stockPackIdentity(pack: string): PackIdentity {
  versions ??= {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    nag: (require('cdk-nag/package.json') as { version: string }).version,
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    cdk: (require('aws-cdk-lib/package.json') as { version: string }).version,
  };
  return { pack, rulesVersion: versions.nag, cdkVersion: versions.cdk, config: {} };
}

import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

/** Where the monthly report's code comes from and what travels with it. */
export interface MonthlyReportCodeProps {
  /** Repository root: esbuild resolves the entry's imports from the project's own node_modules. */
  readonly projectRoot: string;
  /** The Lambda entry point (absolute). */
  readonly entry: string;
  /** The plan folder (absolute), copied next to the bundle as `plan/`. */
  readonly planDir: string;
  /** The function's runtime: esbuild's `target` follows it (`nodejs22.x`: `node22`). */
  readonly runtime: lambda.Runtime;
}

/**
 * Modules left out of the bundle: DuckDB is not used by the job. The AWS SDK is bundled (the
 * project's pinned versions).
 */
const EXTERNAL_MODULES = ['@duckdb/node-api'];

/** esbuild's target for a Node.js Lambda runtime, as NodejsFunction derives it. */
function esbuildTarget(runtime: lambda.Runtime): string {
  const major = /^nodejs(\d+)/.exec(runtime.name)?.[1];
  if (major === undefined) throw new Error(`not a Node.js runtime: ${runtime.name}`);
  return `node${major}`;
}

/**
 * The monthly report's Lambda code: the entry bundled by esbuild with exactly the options the
 * function had as a `NodejsFunction` bundling it itself (`--bundle --target --platform=node
 * --format=cjs --minify --external --log-level=error`, run from the entry's folder), then the plan's
 * YAML files (and `mgn-import.csv` when there is one) copied into `plan/`. Same files, so the same
 * asset hash (test/finance/monthly-report-code.test.ts compares the two). The difference is how
 * esbuild is started: through its JavaScript API in this process, not `npx --no-install esbuild`
 * and three shells (about 1.2 s of every synth that bundles: npm's start-up, a second Node.js
 * process and the shells).
 */
export function monthlyReportCode(props: MonthlyReportCodeProps): lambda.Code {
  const local: ILocalBundling = {
    tryBundle(outputDir: string): boolean {
      // Loaded here: only a synth that bundles pays for it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load of esbuild's API
      const esbuild = require('esbuild') as typeof import('esbuild');
      esbuild.buildSync({
        entryPoints: [props.entry],
        absWorkingDir: dirname(props.entry),
        bundle: true,
        target: esbuildTarget(props.runtime),
        platform: 'node',
        format: 'cjs',
        outfile: join(outputDir, 'index.js'),
        minify: true,
        external: EXTERNAL_MODULES,
        logLevel: 'error',
      });
      copyPlanFiles(props.planDir, join(outputDir, 'plan'));
      return true;
    },
  };
  return lambda.Code.fromAsset(props.projectRoot, {
    assetHashType: AssetHashType.OUTPUT,
    // Never used: local bundling above always answers (esbuild comes with the project's dependencies).
    bundling: { image: DockerImage.fromRegistry('dummy'), local },
  });
}

/** What `cp "$plan"/*.yaml` and the `mgn-import.csv` copy did: regular files only, no hidden ones. */
function copyPlanFiles(planDir: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(planDir, { withFileTypes: true }))
    if (
      entry.isFile() &&
      !entry.name.startsWith('.') &&
      (entry.name.endsWith('.yaml') || entry.name === 'mgn-import.csv')
    )
      copyFileSync(join(planDir, entry.name), join(to, entry.name));
}

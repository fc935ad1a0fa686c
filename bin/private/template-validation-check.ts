/**
 * The file cache and the parallel runner for aws-cdk-lib's template validation, given to
 * lib/app's CachedTemplateValidation by the entry points (bin/app.ts for `cdk synth`, the main
 * job and the audit). Results live in .cache/template-validation/<hash>.json; changed templates
 * are validated by a worker thread while the packs run when few changed, else after the packs by a
 * worker and this thread together (bin/private/background-template-validation.ts).
 */
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import {
  CachedTemplateValidation,
  resourceTypesOf,
  validateEachTemplate,
  type TemplateValidationProgress,
  type TemplateValidationRunner,
} from '../../lib/app/estate-synth-validation';
import { backgroundTemplateValidation } from './background-template-validation';
import { controlTowerFileCache } from './control-tower-check';

/** Folder of the template validation cache (ignored by git, like .cache/control-tower/). */
export const TEMPLATE_VALIDATION_CACHE_DIR = resolve('.cache', 'template-validation');

/**
 * Fewer changed templates than this, given all at once, are validated in this process: starting a
 * worker (loading aws-cdk-lib and the engine) costs more than it saves.
 */
const PARALLEL_FROM = 12;

/**
 * Validates templates given all at once (after the packs: many changed, or the stacks did not say
 * when their templates were written): in this process when there are few, else a worker from the
 * largest and this thread from the smallest, and waits for all of them.
 */
export const parallelTemplateValidationRunner =
  (parallelFrom = PARALLEL_FROM): TemplateValidationRunner =>
  (templates) => {
    if (availableParallelism() === 1 || templates.length < parallelFrom)
      return validateEachTemplate(new CloudFormationValidatePlugin(), templates, (p) =>
        readFileSync(p, 'utf8'),
      );
    const types = new Set<string>();
    for (const t of templates)
      for (const type of resourceTypesOf(readFileSync(t.templatePath, 'utf8'))) types.add(type);
    // Largest first: the worker starts on them while this thread sets its engine up.
    const size = new Map(templates.map((t) => [t.templatePath, statSync(t.templatePath).size]));
    const bySize = [...templates].sort(
      (a, b) =>
        size.get(b.templatePath)! - size.get(a.templatePath)! || a.templatePath.localeCompare(b.templatePath),
    );
    const background = backgroundTemplateValidation(types);
    bySize.forEach((t) => background.start(t, t.templatePath));
    const byPath = background.finish();
    return templates.map((t) => byPath.get(t.templatePath) ?? []);
  };

/** Versions besides the engine's that decide validation results (a new aws-cdk-lib re-validates). */
export function templateValidationVersions(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cdk = require('aws-cdk-lib/package.json') as { version: string };
  return `aws-cdk-lib ${cdk.version}`;
}

/**
 * The cached, parallel template validation the entry points register on their app. When few
 * templates changed (a server or two), a worker validates them while the packs run (stats
 * `early`): about 3.5 s sooner at 1,000 and 2,000 servers, for the worker's engine (about 250 MiB)
 * held during the packs. When many did, they wait for the runner, after the packs: measured,
 * overlapping the two on two cores gained nothing (the synth's garbage collection already keeps
 * the second core busy) and held that memory at the synth's peak.
 */
export function cachedTemplateValidation(
  options: {
    /** @default .cache/template-validation/ */
    readonly dir?: string;
    /** Told, as a line to print, before many templates are validated afresh. @default - silent */
    readonly progress?: (line: string) => void;
  } = {},
): CachedTemplateValidation {
  const { dir = TEMPLATE_VALIDATION_CACHE_DIR, progress } = options;
  return new CachedTemplateValidation({
    cache: controlTowerFileCache(dir),
    runner: parallelTemplateValidationRunner(),
    background: (resourceTypes, changed) =>
      changed < PARALLEL_FROM ? backgroundTemplateValidation(resourceTypes) : undefined,
    versions: templateValidationVersions(),
    ...(progress ? { progress: (counts) => progress(templateValidationProgressLine(counts)) } : {}),
  });
}

/** The line `npx cdk synth` prints before its longest wait (a first synth of a large estate). */
function templateValidationProgressLine(counts: TemplateValidationProgress): string {
  return (
    `Template validation: ${counts.validating} of ${counts.templates} templates are new or changed; ` +
    'validating them (results are kept in .cache/template-validation/ for the next synth)...'
  );
}

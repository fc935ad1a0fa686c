/**
 * The template validation cache (lib/app/estate-synth-validation.ts, bin/private/
 * template-validation-check.ts, background-template-validation.ts): a synth with it writes exactly
 * the files of a synth with aws-cdk-lib's own validator, cold, warm and with changed templates
 * validated in the background as they are written, and a changed template is validated again,
 * as is one whose stored entry is damaged.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { buildEstateAppForSynth, synthesizeApp } from '../../lib/app';
import {
  CachedTemplateValidation,
  resourceTypesOf,
  validateEachTemplate,
  type TemplateValidationCache,
  type TemplateValidationProgress,
} from '../../lib/app/estate-synth-validation';
import { parallelTemplateValidationRunner } from '../../bin/private/template-validation-check';
import { backgroundTemplateValidation } from '../../bin/private/background-template-validation';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { cdkJsonContext, tempDir } from './support/cdk-app';

/** An in-memory cache that counts what was read and written. */
function memoryCache(): TemplateValidationCache & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return { entries, get: (k) => entries.get(k), put: (k, v) => void entries.set(k, v) };
}

/** Every file of a cloud assembly, by name. */
function assemblyFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    try {
      out[name] = readFileSync(join(dir, name), 'utf8');
    } catch {
      // a folder (assets)
    }
  }
  return out;
}

let lastOutdir = '';
function synth(plan: ReturnType<typeof buildPlan>, validator?: CloudFormationValidatePlugin): string {
  const outdir = tempDir('n-validation-cache');
  lastOutdir = outdir;
  const built = buildEstateAppForSynth({
    plan,
    context: cdkJsonContext(),
    outdir,
    ...(validator ? { templateValidator: validator } : {}),
  });
  synthesizeApp(built.app);
  return outdir;
}

/** One engine for every cached validator here (setting an engine up costs seconds). */
const engine = new CloudFormationValidatePlugin();
const runner = (templates: Parameters<typeof validateEachTemplate>[1]) =>
  validateEachTemplate(engine, templates, (p) => readFileSync(p, 'utf8'));

describe('cached template validation', () => {
  const cache = memoryCache();
  const plan = buildPlan(minimalPlanInput());
  let uncached: Record<string, string>;
  let uncachedDir = '';
  let cold: Record<string, string>;
  let warm: Record<string, string>;
  let coldStats: CachedTemplateValidation['stats'];
  let warmStats: CachedTemplateValidation['stats'];
  const warmProgress: TemplateValidationProgress[] = [];
  beforeAll(() => {
    // One call site for all three: the report's construct-creation traces name it.
    // The first as the CLI runs it: once every template is written, a worker validates the
    // changed ones while the packs run.
    const first = new CachedTemplateValidation({
      cache,
      runner,
      background: (types) => backgroundTemplateValidation(types),
      versions: 'test',
    });
    const second = new CachedTemplateValidation({
      cache,
      runner,
      versions: 'test',
      progress: (counts) => warmProgress.push(counts),
    });
    // aws-cdk-lib's own validator, explicitly: the jest setup makes the default one cached too.
    [uncached, cold, warm] = [new CloudFormationValidatePlugin(), first, second].map((v) => {
      const files = assemblyFiles(synth(plan, v));
      if (!(v instanceof CachedTemplateValidation)) uncachedDir = lastOutdir;
      return files;
    }) as [Record<string, string>, Record<string, string>, Record<string, string>];
    coldStats = first.stats;
    warmStats = second.stats;
  }, 300_000);

  test("writes the same files as aws-cdk-lib's own validator, templates and validation report alike", () => {
    const templates = Object.keys(uncached).filter((n) => n.endsWith('.template.json'));
    expect(templates.length).toBeGreaterThanOrEqual(5);
    expect(Object.keys(uncached)).toContain('validation-report.json');
    expect(cold).toEqual(uncached);
    expect(warm).toEqual(uncached);
  });

  test('the first synth validates every template, in the background from when the last is written; the second validates none', () => {
    const templates = Object.keys(uncached).filter((n) => n.endsWith('.template.json')).length;
    expect(coldStats).toEqual({ validated: templates, cached: 0, early: templates });
    expect(warmStats).toEqual({ validated: 0, cached: templates, early: 0 });
    expect(warmProgress).toEqual([]); // nothing to wait for: nothing said
    expect(cache.entries.size).toBe(templates);
  });

  test('after changing one server only the templates that changed are validated again', () => {
    const input = minimalPlanInput();
    input.servers.servers[0].disks[0].sizeGiB += 10;
    const changedPlan = buildPlan(input);
    const progress: TemplateValidationProgress[] = [];
    const validator = new CachedTemplateValidation({
      cache,
      runner,
      versions: 'test',
      progress: (counts) => progress.push(counts),
    });
    const changed = assemblyFiles(synth(changedPlan, validator));
    const differing = Object.keys(changed).filter(
      (n) => n.endsWith('.template.json') && changed[n] !== uncached[n],
    );
    expect(differing.length).toBeGreaterThanOrEqual(1);
    expect(validator.stats.validated).toBe(differing.length);
    // Told once, before the wait, how many of the templates are validated afresh.
    const templates = Object.keys(changed).filter((n) => n.endsWith('.template.json')).length;
    expect(progress).toEqual([{ validating: differing.length, templates }]);
  });

  test('a template changed on disk is validated again, not answered from the cache', () => {
    const dir = tempDir('n-validation-template');
    const path = join(dir, 'Test.template.json');
    const bucket = (props: Record<string, unknown>) =>
      JSON.stringify({ Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: props } } });
    const context = {
      templatePaths: [path],
      stackTemplates: [
        { stackConstructPath: 'Test', templatePath: path, accountId: '123456789012', region: 'eu-west-2' },
      ],
    } as unknown as Parameters<CloudFormationValidatePlugin['validate']>[0];
    const own = memoryCache();
    writeFileSync(path, bucket({ BucketName: 'fine' }));
    expect(
      new CachedTemplateValidation({ cache: own, runner, versions: 'test' }).validate(context).violations,
    ).toEqual([]);
    writeFileSync(path, bucket({ BucketName: 'fine', NoSuchProperty: true }));
    const again = new CachedTemplateValidation({ cache: own, runner, versions: 'test' });
    const report = again.validate(context);
    expect(again.stats).toEqual({ validated: 1, cached: 0, early: 0 });
    expect(report.violations.map((v) => v.description).join('\n')).toMatch(/NoSuchProperty/);
    // Another aws-cdk-lib (or any version in the key) does not trust the old answers either.
    const upgraded = new CachedTemplateValidation({ cache: own, runner, versions: 'test, another version' });
    upgraded.validate(context);
    expect(upgraded.stats).toEqual({ validated: 1, cached: 0, early: 0 });
  });

  test('a damaged entry (a synth stopped while writing it) is validated again and written over', () => {
    const dir = tempDir('n-validation-damaged');
    const path = join(dir, 'Test.template.json');
    writeFileSync(
      path,
      JSON.stringify({
        Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { NoSuchProperty: true } } },
      }),
    );
    const context = {
      templatePaths: [path],
      stackTemplates: [{ stackConstructPath: 'Test', templatePath: path }],
    } as unknown as Parameters<CloudFormationValidatePlugin['validate']>[0];
    const own = memoryCache();
    const first = new CachedTemplateValidation({ cache: own, runner, versions: 'test' }).validate(context);
    expect(first.violations.length).toBeGreaterThan(0);
    const [key, whole] = [...own.entries][0]!;
    for (const damaged of [whole.slice(0, whole.length - 7), '{"violations":[]}']) {
      own.entries.set(key, damaged);
      const again = new CachedTemplateValidation({ cache: own, runner, versions: 'test' });
      expect(again.validate(context)).toEqual(first);
      expect(again.stats).toEqual({ validated: 1, cached: 0, early: 0 });
      expect(own.entries.get(key)).toBe(whole);
    }
  });

  test('worker threads give each template the same violations as one engine in this process', () => {
    const templates = readdirSync(uncachedDir)
      .filter((n) => n.endsWith('.template.json'))
      .sort()
      .map((n) => ({
        stackConstructPath: n.replace('.template.json', ''),
        templatePath: join(uncachedDir, n),
        accountId: '123456789012',
        region: 'eu-west-2',
      }));
    const here = runner(templates);
    expect(here.flat().length).toBeGreaterThan(0); // hard-coded AMI ids (W9010) at least
    // These few templates are under the runner's help threshold: the worker validates them all.
    expect(parallelTemplateValidationRunner(1)(templates)).toEqual(here);
    // This thread helping from the first moment (from the last template, the worker from the first).
    const types = new Set(templates.flatMap((t) => resourceTypesOf(readFileSync(t.templatePath, 'utf8'))));
    const background = backgroundTemplateValidation(types, 0);
    templates.forEach((t, i) => background.start(t, `key ${i}`));
    const byKey = background.finish();
    expect(templates.map((_, i) => byKey.get(`key ${i}`))).toEqual(here);
  });
});

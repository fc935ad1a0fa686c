/**
 * Regions from the plan in every ARN the app writes: the bundled example moved to another allowed
 * region (every `eu-west-2` of its files rewritten to `eu-west-1`) synthesizes templates that name
 * no `eu-west-2` at all, and its register and the product register still leave no unsuppressed
 * error (the product register's region-specific entries are written with `{region}`).
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildEstateApp } from '../../lib/app';
import { applyCompliance, loadRegister } from '../../lib/compliance';
import { loadPlan, type Plan } from '../../lib/plan';
import { buildEstateModel } from '../../lib/estate-model/build-estate-model';
import { preflightNeeds } from '../../lib/preflight';
import { dmsSourceSecrets } from '../../lib/migration/dms/source-secrets';
import { tinyApp } from '../compliance/support/tiny-app';
import { unsuppressedErrors } from '../compliance/support/unsuppressed-errors';
import { sharedAssembly } from '../support/shared-assembly';
import { tempDir } from './support/cdk-app';

const SOURCE = join(__dirname, '..', '..', 'migration-plans', 'peterborough');
let templates: Record<string, string>;
let errors: string[];
let vmImportPolicy: string;
let plan: Plan;

beforeAll(() => {
  const dir = tempDir('other-region-plan');
  cpSync(SOURCE, dir, { recursive: true });
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.yaml') || n.endsWith('.csv')))
    writeFileSync(join(dir, f), readFileSync(join(dir, f), 'utf8').replaceAll('eu-west-2', 'eu-west-1'));
  plan = loadPlan(dir);
  expect(plan.estate.region).toBe('eu-west-1');
  // Synthesized once per source tree (and this file's text), then read from the shared cache.
  const out = sharedAssembly({ name: 'other-region', testFile: __filename }, () => {
    const app = tinyApp({ '@aws-cdk/core:failSynthOnValidationErrors': false });
    buildEstateApp(app, plan);
    applyCompliance(app, buildEstateModel(plan), loadRegister(join(dir, 'compliance-register.yaml')), {
      now: new Date('2026-11-28T00:00:00Z'),
    });
    return app.synth().directory;
  });
  const assembly = new CloudAssembly(out);
  templates = Object.fromEntries(
    assembly.stacksRecursively.map((s) => [
      s.stackName,
      readFileSync(join(assembly.directory, s.templateFile), 'utf8'),
    ]),
  );
  errors = unsuppressedErrors(assembly.directory);
  vmImportPolicy = Object.entries(templates).find(([n]) => n.endsWith('-Exit'))![1];
});

test('no template names eu-west-2', () => {
  const offenders = Object.entries(templates)
    .filter(([, body]) => body.includes('eu-west-2'))
    .map(([name, body]) => `${name}: ${/.{0,60}eu-west-2.{0,40}/.exec(body)![0]}`);
  expect(Object.keys(templates).length).toBeGreaterThan(5);
  expect(offenders).toEqual([]);
});

test('the VM Import statements name the plan region', () => {
  expect(vmImportPolicy).toContain('arn:aws:ec2:eu-west-1::snapshot/*');
  expect(vmImportPolicy).toContain('arn:aws:ec2:eu-west-1::image/*');
});

test('no unsuppressed error: the region-specific product register entries follow the region', () => {
  expect(errors).toEqual([]);
});

test('preflight checks exactly the image ids the templates boot', () => {
  const inTemplates = new Set<string>();
  for (const body of Object.values(templates))
    for (const m of body.matchAll(/"ImageId":\s*"(ami-[0-9a-f]+)"/g)) inTemplates.add(m[1]!);
  const model = buildEstateModel(plan);
  const needed = new Set(
    model.accounts.flatMap((a) =>
      preflightNeeds(model, a, dmsSourceSecrets(model)).images.map((i) => i.imageId),
    ),
  );
  expect(inTemplates.size).toBeGreaterThan(5);
  expect([...needed].sort()).toEqual([...inTemplates].sort());
});

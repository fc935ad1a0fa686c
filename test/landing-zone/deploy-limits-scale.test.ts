/**
 * A generated estate of 2,000 servers, one application of which has more than 60 Windows servers
 * in one stack (the case that failed at deploy: an SSM association target takes at most 50
 * instance ids): synthesized once with every pack, including the deploy-time limits, it leaves no
 * unsuppressed finding, and every stack is within each checked limit. Template schema validation
 * is switched off for speed here (the bundled-estate tests keep it on). The assembly is shared
 * with later runs (sharedAssembly) until any source or this file changes.
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildEstateApp } from '../../lib/app';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { applyCompliance, loadRegister } from '../../lib/compliance';
import { buildEstateModel } from '../../lib/estate-model/build-estate-model';
import { constructIdFor } from '../../lib/shared/naming';
import type { Plan } from '../../lib/plan/plan';
import { VSS_TARGET_TAG } from '../../lib/compute/vss-components';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';
import { buildPlan } from '../support/plan-builder';
import { unsuppressedErrors } from '../compliance/support/unsuppressed-errors';
import { sharedAssembly } from '../support/shared-assembly';
import { generatedPlanInput } from './support/generated-plan';

type Json = Record<string, unknown>;
const CROWDED_WINDOWS = 70;

/**
 * The generated council's own register, written from its plan as a council would: its
 * non-production servers go without termination protection, and its databases the tier leaves
 * single-AZ are accepted as such (the same decisions the bundled example's register records).
 */
function writeRegister(plan: Plan, dir: string): string {
  const model = buildEstateModel(plan);
  const nonProduction = plan.applications
    .filter((a) => a.environment === 'non-production')
    .map((a) => constructIdFor(a.id));
  const singleAz = model.databases.flatMap((d) =>
    d.landingZone && !d.highAvailability.multiAz ? [constructIdFor(d.id)] : [],
  );
  const entry = (rule: string, scope: string, reason: string) => ({
    rule,
    scope,
    reason,
    acceptedBy: 'Head of ICT Security',
    approverRole: 'SIRO',
    reviewBy: '2027-05-31',
  });
  const dbReason =
    'databases of tiers without high availability are single-AZ by the estate rule; an AZ loss is recovered from AWS Backup.';
  const file = join(dir, 'compliance-register.yaml');
  writeFileSync(
    file,
    stringify({
      estate: plan.estate.id,
      owner: 'ICT Security',
      suppressions: [
        entry(
          'AwsSolutions-EC29',
          `Testshire-Wave*-{${nonProduction.join(',')}}*/*/Instance`,
          'non-production servers are rebuilt from their images; termination protection would block the rebuilds.',
        ),
        entry('AwsSolutions-RDS3', `Testshire-Wave*/{${singleAz.join(',')}}/Instance`, dbReason),
        entry(
          'NIST.800.53.R5-RDSMultiAZSupport',
          `Testshire-Wave*/{${singleAz.join(',')}}/Instance`,
          dbReason,
        ),
      ],
    }),
  );
  return file;
}

describe('2,000 servers, 70 more Windows servers in one application', () => {
  const input = generatedPlanInput({
    servers: 2000 - CROWDED_WINDOWS,
    databases: 120,
    waves: 12,
    applications: 77,
    crowdedServers: CROWDED_WINDOWS,
  });
  // The crowded servers (all in app-01, wave-01) run Windows.
  for (const s of (input.servers.servers as Json[]).slice(-CROWDED_WINDOWS)) {
    s.os = { family: 'windows', name: 'Windows Server', version: '2022' };
    if (s.strategy !== 'retire') s.image = { baseImage: 'windows-server-2022' };
  }
  const plan = buildPlan(input);
  let errors: string[] = [];
  let templates: { name: string; template: Json }[] = [];
  let seconds = 0;

  beforeAll(() => {
    const previous = process.env.CDK_VALIDATION;
    process.env.CDK_VALIDATION = 'false';
    try {
      const started = process.hrtime.bigint();
      // Synthesized once per source tree (and this file's text), then read from the shared cache.
      const dir = sharedAssembly({ name: 'deploy-limits-2000', testFile: __filename }, () => {
        const app = new App({
          context: { ...cdkJsonContext(), '@aws-cdk/core:failSynthOnValidationErrors': false },
          outdir: tempDir('l-limits'),
        });
        buildEstateApp(app, plan);
        const register = loadRegister(writeRegister(plan, tempDir('l-limits-register')));
        applyCompliance(app, buildEstateModel(plan), register, { now: new Date('2026-11-30T00:00:00Z') });
        return app.synth().directory;
      });
      const assembly = new CloudAssembly(dir);
      seconds = Number(process.hrtime.bigint() - started) / 1e9;
      errors = unsuppressedErrors(assembly.directory);
      templates = assembly.stacksRecursively.map((s) => ({
        name: s.stackName,
        template: s.template as Json,
      }));
    } finally {
      if (previous === undefined) delete process.env.CDK_VALIDATION;
      else process.env.CDK_VALIDATION = previous;
    }
    console.log(
      `deploy limits: ${templates.length} stacks synthesized (or read from .cache/test-assemblies) and checked in ${seconds.toFixed(1)} s`,
    );
  });

  test('the plan has 2,000 servers and an application with more than 60 Windows servers', () => {
    expect(plan.servers).toHaveLength(2000);
    const windows = plan.servers.filter((s) => s.application === 'app-01' && s.os.family === 'windows');
    expect(windows.length).toBeGreaterThan(60);
  });

  test('no unsuppressed finding in any pack, the deploy-time limits included', () => {
    expect(errors).toEqual([]);
  });

  test("the crowded application's VSS associations target a tag, never instance ids, and cover its 60+ Windows servers", () => {
    // The application's servers are sharded over several wave stacks (their alarms and patching
    // count against each stack's resource budget); each shard's association targets its own tag.
    const shards = templates.filter((t) =>
      /-Wave01-Wave01-App01(Part\d+)?$|-Wave01-Wave01-App01-/.test(t.name),
    );
    expect(shards.length).toBeGreaterThan(0);
    let covered = 0;
    for (const shard of shards) {
      const resources = Object.values(
        shard.template.Resources as Record<string, { Type: string; Properties: Json }>,
      );
      const associations = resources.filter((r) => r.Type === 'AWS::SSM::Association');
      for (const a of associations) {
        expect(a.Properties.Targets).toEqual([{ Key: `tag:${VSS_TARGET_TAG}`, Values: [shard.name] }]);
      }
      covered += resources.filter(
        (r) =>
          r.Type === 'AWS::EC2::Instance' &&
          (r.Properties.Tags as { Key: string; Value: string }[]).some(
            (t) => t.Key === VSS_TARGET_TAG && t.Value === shard.name,
          ),
      ).length;
    }
    const windows = plan.servers.filter((s) => s.application === 'app-01' && s.os.family === 'windows');
    expect(covered).toBeGreaterThan(60);
    expect(covered).toBeLessThanOrEqual(windows.length);
    const all = templates.flatMap((t) =>
      Object.values(t.template.Resources as Record<string, { Type: string; Properties: Json }>),
    );
    expect(
      all.filter(
        (r) =>
          r.Type === 'AWS::SSM::Association' &&
          (r.Properties.Targets as { Key: string }[] | undefined)?.some((x) => x.Key === 'InstanceIds'),
      ),
    ).toEqual([]);
  });
});

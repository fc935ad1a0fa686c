/**
 * A second bundled estate (migration-plans/northvale: other applications, engines, waves, separate
 * production, non-production and backup accounts, a copy region, every detective control turned on) has no compliance register of its
 * own: with the product register alone, every cdk-nag pack finds no unsuppressed error.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildEstateApp } from '../../lib/app';
import { applyCompliance, emptyRegister } from '../../lib/compliance';
import { loadPlan } from '../../lib/plan';
import { ESTATE_PLAN_CHECKS } from '../../lib/app';
import { sharedAssembly } from '../support/shared-assembly';
import { tinyApp } from './support/tiny-app';
import { unsuppressedErrors } from './support/unsuppressed-errors';
import { buildEstateModel } from '../../lib/estate-model';

const PLAN = join(__dirname, '..', '..', 'migration-plans', 'northvale');
let errors: string[];
let stackNames: string[];

beforeAll(() => {
  const app = tinyApp({ '@aws-cdk/core:failSynthOnValidationErrors': false });
  const plan = loadPlan(PLAN, { checks: ESTATE_PLAN_CHECKS });
  const stacks = buildEstateApp(app, plan);
  stackNames = [
    ...stacks.landingZones.recoveryVaults.map((s) => `${s.stackName}@${s.account}/${s.region}`),
    ...stacks.accounts.map((a) => `${a.securityBaseline!.stackName}@${a.securityBaseline!.account}`),
    ...(stacks.nonProduction?.landingZones.waves ?? []).map((s) => `${s.stackName}@${s.account}`),
  ];
  // Synthesized once per source tree, shared with later runs (test/support/shared-assembly.ts).
  const dir = sharedAssembly({ name: 'northvale-packs', testFile: __filename }, () => {
    applyCompliance(app, buildEstateModel(plan), emptyRegister(plan.estate.id), {
      now: new Date('2026-11-30T00:00:00Z'),
    });
    return app.synth().directory;
  });
  errors = unsuppressedErrors(dir);
});

test('the estate has no register file of its own', () => {
  expect(existsSync(join(PLAN, 'compliance-register.yaml'))).toBe(false);
});

test('it differs from the bundled example: a separate non-production account, copy region and full security baseline', () => {
  expect(stackNames).toEqual([
    'Northvale-RecoveryVault@777788889999/eu-west-2',
    'Northvale-RecoveryVault-eu-west-1@777788889999/eu-west-1',
    'Northvale-SecurityBaseline@444455556666',
    'Northvale-NonProduction-SecurityBaseline@555566667777',
    'Northvale-NonProduction-Wave01-Pilot-PortalTest@555566667777',
  ]);
});

test('no unsuppressed error remains in any pack, with the product register alone', () => {
  expect(errors).toEqual([]);
});

/**
 * What lib/cost and lib/migration read from the estate model instead of the plan: the legacy
 * baseline with the exchange rate the estimate converts at, and the replication path, decided once
 * here; the planned entries and settings (lib/estate-model/estate-settings.ts), the plan's own
 * configuration, frozen.
 */
import { buildEstateModel } from '../../lib/estate-model';
import { estimateCost } from '../../lib/cost/estimate';
import { bundledSnapshot } from '../../lib/cost/pricing';
import { legacyCostEnd, wavesOfApplication } from '../../lib/cost/comparison/legacy';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';

describe('legacy baseline section', () => {
  it('chooses the rate with the latest `from`, whatever order the file lists them in', () => {
    const input = minimalPlanInput();
    input.baseline.exchangeRates = [
      { from: '2026-01', usdToGbp: '0.79', source: 'planning rate' },
      { from: '2026-07', usdToGbp: '0.81', source: 'revised rate' },
      { from: '2026-04', usdToGbp: '0.80', source: 'spring rate' },
    ];
    const model = buildEstateModel(buildPlan(input));
    expect(model.baseline.latestRate).toEqual({ from: '2026-07', usdToGbp: '0.81', source: 'revised rate' });
    // The estimate converts at that one rate.
    const estimate = estimateCost({ model, snapshot: bundledSnapshot(), today: '2026-11-28' });
    expect(estimate.exchangeRate).toEqual({ from: '2026-07', usdToGbp: '0.81', source: 'revised rate' });
  });

  it('keeps the baseline figures', () => {
    const model = buildEstateModel(buildPlan());
    expect(model.baseline.monthlyCosts.map((c) => c.id)).toEqual([
      'dc-space',
      'rev-licences',
      'pilot-hardware',
    ]);
    expect(model.baseline.baselineMonth).toBe('2026-03');
    expect(model.baseline.annualInflationPercent).toBe(3);
    expect(Object.isFrozen(model.baseline)).toBe(true);
  });
});

describe('planned entries, as the cost report reads them', () => {
  it('carries the agreement, the waves in order and the applications', () => {
    const model = buildEstateModel(buildPlan());
    expect(model.settings.estate.agreement).toEqual({ start: '2026-04', end: '2028-03' });
    expect(model.planned.waves.map((w) => w.id)).toEqual(['wave-1', 'wave-2']);
    expect(model.planned.applications.map((a) => a.id)).toEqual(['revenues', 'intranet']);
    expect(model.planned.servers.map((s) => s.id)).toEqual(model.servers.map((s) => s.id));
    expect(model.planned.databases.map((d) => d.id)).toEqual(model.databases.map((d) => d.id));
  });

  it('the cost report maps a legacy cost to the waves of its applications through the model items', () => {
    // revenues has a server and a database, both in wave-2 (decommissioned 2026-11).
    const model = buildEstateModel(buildPlan());
    expect(wavesOfApplication(model, 'revenues')).toEqual(['wave-2']);
    const licences = model.baseline.monthlyCosts.find((c) => c.id === 'rev-licences')!;
    expect(legacyCostEnd(model, licences).lastPaid).toBe('2026-11');
    // A retired server is a model item too: its wave still holds the application's legacy cost.
    const input = minimalPlanInput();
    input.servers.servers.find((s: { id: string }) => s.id === 'legacy-fax-01').application = 'revenues';
    const moved = buildEstateModel(buildPlan(input));
    expect(wavesOfApplication(moved, 'revenues').sort()).toEqual(['wave-1', 'wave-2']);
  });
});

describe('migration section', () => {
  it('replicates privately when an application holds OFFICIAL-SENSITIVE data and the plan does not choose', () => {
    expect(buildEstateModel(buildPlan()).migration.replicationNetwork).toBe('private');
  });

  it('replicates over the internet when no application holds OFFICIAL-SENSITIVE data', () => {
    const input = minimalPlanInput();
    for (const a of input.estate.applications) a.dataClassification = 'OFFICIAL';
    expect(buildEstateModel(buildPlan(input)).migration.replicationNetwork).toBe('public-internet');
  });

  it("keeps the plan's own choice", () => {
    const input = minimalPlanInput();
    input.estate.migration = { replicationNetwork: 'public-internet' };
    expect(buildEstateModel(buildPlan(input)).migration.replicationNetwork).toBe('public-internet');
  });

  it('the settings carry the VPC range DMS runs in, and no adopted servers when migration-state.yaml is absent', () => {
    const model = buildEstateModel(buildPlan());
    expect(model.settings.network.vpcCidr).toBe('10.40.0.0/16');
    expect(model.settings.adopted).toEqual([]);
  });
});

/** Legacy figures to date by owning application and wave: still paid, and the counterfactual. */
import type { Plan } from '../../../plan/plan';
import { inflatedMonthly, legacyOwner, type LegacyCostEnd } from '../legacy';
import { addTo, type Keyed } from './keyed';

export interface LegacyToDate {
  readonly appPaid: Keyed;
  readonly appCf: Keyed;
  readonly wavePaid: Keyed;
  readonly waveCf: Keyed;
}

export function legacyToDate(
  plan: Plan,
  ends: ReadonlyMap<string, LegacyCostEnd>,
  actual: ReadonlySet<string>,
): LegacyToDate {
  const l: LegacyToDate = { appPaid: new Map(), appCf: new Map(), wavePaid: new Map(), waveCf: new Map() };
  for (const cost of plan.baseline.monthlyCosts) {
    const owner = legacyOwner(plan, cost);
    const lastPaid = ends.get(cost.id)!.lastPaid;
    for (const m of actual) {
      const amount = inflatedMonthly(plan, cost.monthlyGbp, m);
      addTo(l.appCf, owner.application, amount);
      addTo(l.waveCf, owner.wave, amount);
      if (m <= lastPaid) {
        addTo(l.appPaid, owner.application, amount);
        addTo(l.wavePaid, owner.wave, amount);
      }
    }
  }
  return l;
}

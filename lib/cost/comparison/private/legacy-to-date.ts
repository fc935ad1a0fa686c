/** Legacy figures to date by owning application and wave: still paid, and the counterfactual. */
import type { Money } from '../../../shared/money';
import type { LegacyCostEnd } from '../legacy';
import { addTo, type Keyed } from './keyed';

export interface LegacyToDate {
  readonly appPaid: Keyed;
  readonly appCf: Keyed;
  readonly wavePaid: Keyed;
  readonly waveCf: Keyed;
}

/** How the baseline's monthly costs are owned and inflated (lib/cost/comparison/legacy.ts). */
export interface LegacyRules<C> {
  readonly owner: (cost: C) => { application: string; wave: string };
  /** The cost's monthly GBP in a month, inflated from the baseline month. */
  readonly inflated: (monthlyGbp: string, month: string) => Money;
}

export function legacyToDate<C extends { readonly id: string; readonly monthlyGbp: string }>(
  costs: readonly C[],
  rules: LegacyRules<C>,
  ends: ReadonlyMap<string, LegacyCostEnd>,
  actual: ReadonlySet<string>,
): LegacyToDate {
  const l: LegacyToDate = { appPaid: new Map(), appCf: new Map(), wavePaid: new Map(), waveCf: new Map() };
  for (const cost of costs) {
    const owner = rules.owner(cost);
    const lastPaid = ends.get(cost.id)!.lastPaid;
    for (const m of actual) {
      const amount = rules.inflated(cost.monthlyGbp, m);
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

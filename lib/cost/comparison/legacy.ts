/**
 * The legacy side of the comparison: what each baseline cost would be in a month had nothing moved
 * (the counterfactual), and whether it is still being paid.
 *
 * Inflation rule: costs rise in annual steps on each anniversary of the baseline month:
 * amount(m) = monthlyGbp x (1 + annualInflationPercent / 100) ^ floor(months from baselineMonth to m / 12).
 * Months before the first anniversary use the baseline figure unchanged.
 *
 * A cost is paid through the decommission month of its scope (and not after), or through
 * `endsAfter` when that is earlier:
 * - estate: the latest decommission month of all waves;
 * - applications: the latest decommission month of the waves holding any of those applications'
 *   servers or databases;
 * - waves: the latest decommission month of those waves.
 */
import type { EstateModel, LegacyBaselineModel } from '../../estate-model';
import { Money } from '../../shared/money';
import { minMonth, monthsBetween } from '../../shared/months';

export const INFLATION_RULE =
  'Legacy costs rise in annual steps on each anniversary of the baseline month: monthly cost x (1 + annual inflation %) ^ (whole years since the baseline month). The same inflated figure is used for the counterfactual and for legacy costs still being paid.';

export type PlanLegacyCost = LegacyBaselineModel['monthlyCosts'][number];

/** Inflated monthly amount of one baseline cost in `month` (exact, not rounded). */
export function inflatedMonthly(model: EstateModel, monthlyGbp: string, month: string): Money {
  const { baselineMonth, annualInflationPercent } = model.baseline;
  const years = Math.max(0, Math.floor(monthsBetween(baselineMonth, month) / 12));
  const factor = new Money(1).plus(new Money(annualInflationPercent).div(100)).pow(years);
  return new Money(monthlyGbp).times(factor);
}

/** Waves holding any server or database of the application (the estate model's items). */
export function wavesOfApplication(model: EstateModel, applicationId: string): string[] {
  const ids = new Set<string>();
  for (const s of model.servers) if (s.application === applicationId) ids.add(s.wave);
  for (const d of model.databases) if (d.application === applicationId) ids.add(d.wave);
  return [...ids];
}

function lastDecommission(model: EstateModel, waveIds: readonly string[]): string | undefined {
  const months = model.planned.waves.filter((w) => waveIds.includes(w.id)).map((w) => w.decommission);
  return months.length === 0 ? undefined : months.reduce((a, b) => (a >= b ? a : b));
}

export interface LegacyCostEnd {
  /** Last month the cost is paid. */
  readonly lastPaid: string;
  /** How the month was found, for the report. */
  readonly rule: string;
}

/** Last month a legacy cost is paid, with the reason. */
export function legacyCostEnd(model: EstateModel, cost: PlanLegacyCost): LegacyCostEnd {
  const allWaves = model.planned.waves.map((w) => w.id);
  const estateEnd = lastDecommission(model, allWaves) ?? model.settings.estate.agreement.end;
  let end: string;
  let rule: string;
  const scope = cost.appliesTo;
  if ('estate' in scope) {
    end = estateEnd;
    rule = `estate-wide: last wave decommissioned ${end}`;
  } else if ('applications' in scope) {
    const waves = [...new Set(scope.applications.flatMap((a) => wavesOfApplication(model, a)))];
    const found = lastDecommission(model, waves);
    end = found ?? estateEnd;
    rule = found
      ? `applications ${scope.applications.join(', ')}: waves ${waves.sort().join(', ')} decommissioned by ${end}`
      : `applications ${scope.applications.join(', ')} have no servers or databases in any wave: treated as estate-wide (${end})`;
  } else {
    end = lastDecommission(model, scope.waves) ?? estateEnd;
    rule = `waves ${scope.waves.join(', ')}: decommissioned by ${end}`;
  }
  if (cost.endsAfter && cost.endsAfter < end) {
    return {
      lastPaid: minMonth(cost.endsAfter, end),
      rule: `contract ends after ${cost.endsAfter} (before ${rule})`,
    };
  }
  return { lastPaid: end, rule };
}

export interface LegacyMonth {
  readonly counterfactual: Money;
  readonly paid: Money;
}

/** Exact legacy figures for one month, summed over all baseline costs. */
export function legacyForMonth(
  model: EstateModel,
  month: string,
  ends: ReadonlyMap<string, LegacyCostEnd>,
): LegacyMonth {
  let counterfactual = new Money(0);
  let paid = new Money(0);
  for (const cost of model.baseline.monthlyCosts) {
    const amount = inflatedMonthly(model, cost.monthlyGbp, month);
    counterfactual = counterfactual.plus(amount);
    const end = ends.get(cost.id);
    if (end && month <= end.lastPaid) paid = paid.plus(amount);
  }
  return { counterfactual, paid };
}

/** Key of the breakdown line for legacy costs not owned by a single application or wave. */
export const SHARED_LEGACY = '(shared)';

/**
 * Which application and which wave a legacy cost belongs to in the breakdown tables: the one
 * application (or wave) its scope names or implies, otherwise the shared line.
 */
export function legacyOwner(model: EstateModel, cost: PlanLegacyCost): { application: string; wave: string } {
  const scope = cost.appliesTo;
  if ('applications' in scope) {
    const waves = [...new Set(scope.applications.flatMap((a) => wavesOfApplication(model, a)))];
    return {
      application: scope.applications.length === 1 ? scope.applications[0]! : SHARED_LEGACY,
      wave: waves.length === 1 ? waves[0]! : SHARED_LEGACY,
    };
  }
  if ('waves' in scope) {
    return { application: SHARED_LEGACY, wave: scope.waves.length === 1 ? scope.waves[0]! : SHARED_LEGACY };
  }
  return { application: SHARED_LEGACY, wave: SHARED_LEGACY };
}

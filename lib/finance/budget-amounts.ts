/**
 * Monthly budget amounts per wave and per application, in USD: the plan's amount when given,
 * otherwise the cost estimate (once the wave has cut over: its full monthly run rate) plus the
 * plan's margin, rounded up to the dollar. Pure; the estimate is passed in.
 */
import type { EstimateLine } from '../cost/comparison/forecast';
import type { EstateModel } from '../estate-model/estate-model';
import { Money as Decimal } from '../shared/money';

export interface BudgetAmount {
  /** Wave or application id. */
  readonly id: string;
  readonly name: string;
  /** Whole USD a month. */
  readonly amountUsd: string;
  /** Where the amount comes from, for the budget's description and the README. */
  readonly basis: string;
  /** Address told (application owner, else the finance owner). */
  readonly ownerEmail: string;
}

export interface BudgetAmounts {
  readonly waves: readonly BudgetAmount[];
  readonly applications: readonly BudgetAmount[];
}

/** The smallest amount AWS Budgets is given, so an item with no estimate still gets alerts. */
const MINIMUM_USD = new Decimal(10);

export function budgetAmounts(
  model: Pick<EstateModel, 'settings' | 'planned'>,
  estimate: readonly EstimateLine[],
): BudgetAmounts {
  const finance = model.settings.finance;
  if (!finance) return { waves: [], applications: [] };
  const margin = new Decimal(100).plus(finance.budgets.marginPercent).div(100);
  const sum = (pick: (l: EstimateLine) => boolean) =>
    estimate.filter(pick).reduce((a, l) => a.plus(l.monthlyUsd), new Decimal(0));
  const amount = (given: string | undefined, estimated: Decimal) => {
    if (given !== undefined)
      return { amountUsd: new Decimal(given).toFixed(2), basis: 'amount set in the plan' };
    const withMargin = estimated.times(margin);
    const rounded = withMargin.lt(MINIMUM_USD) ? MINIMUM_USD : withMargin.ceil();
    return {
      amountUsd: rounded.toFixed(2),
      basis: `cost estimate ${estimated.toFixed(2)} USD + ${finance.budgets.marginPercent}% margin`,
    };
  };
  return {
    waves: model.planned.waves.map((w) => ({
      id: w.id,
      name: w.name,
      ownerEmail: finance.ownerEmail,
      ...amount(
        finance.budgets.waves[w.id],
        sum((l) => l.wave === w.id),
      ),
    })),
    applications: model.planned.applications.map((a) => ({
      id: a.id,
      name: a.name,
      ownerEmail: a.ownerEmail ?? finance.ownerEmail,
      ...amount(
        finance.budgets.applications[a.id],
        sum((l) => l.application === a.id),
      ),
    })),
  };
}

/** Exchange rates from the baseline file: the entry with the latest `from` <= month applies. */
import { UserError } from '../../shared/user-error';
import type { EstateModel, LegacyBaselineModel } from '../../estate-model';

export class ComparisonError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'ComparisonError';
  }
}

export type PlanExchangeRate = LegacyBaselineModel['exchangeRates'][number];

/** The exchange-rate entry that applies to `month`. Throws when none does. */
export function rateForMonth(model: EstateModel, month: string): PlanExchangeRate {
  let best: PlanExchangeRate | undefined;
  for (const r of model.baseline.exchangeRates) {
    if (r.from <= month && (!best || r.from > best.from)) best = r;
  }
  if (!best) {
    const earliest = [...model.baseline.exchangeRates].map((r) => r.from).sort()[0];
    throw new ComparisonError(
      `legacy-baseline.yaml exchangeRates has no USD-to-GBP rate for ${month}: the earliest entry starts ${earliest}. Add an entry with "from: ${month}" or earlier.`,
    );
  }
  return best;
}

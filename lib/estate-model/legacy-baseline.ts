/**
 * The legacy baseline (legacy-baseline.yaml) as the estimate and the cost report read it: the
 * baseline's own figures, plus the exchange rate the estimate converts at, chosen once.
 */
import type { DeepReadonly, Plan } from '../plan/plan';
import type { ExchangeRate, LegacyBaseline } from '../plan/schema';

export interface LegacyBaselineModel extends DeepReadonly<LegacyBaseline> {
  /**
   * The entry with the latest `from`: the estimate converts every line at it (a baseline has at
   * least one rate: the schema's `exchangeRates` is `min(1)`).
   */
  readonly latestRate: DeepReadonly<ExchangeRate>;
}

export function legacyBaselineOf(plan: Plan): LegacyBaselineModel {
  const latestRate = [...plan.baseline.exchangeRates].sort((a, b) => (a.from < b.from ? 1 : -1))[0]!;
  return { ...plan.baseline, latestRate };
}

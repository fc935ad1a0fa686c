/**
 * Some exchange rate applies from the agreement's first month (so every month has a rate), and
 * every rate is plausible: a rate of 0 would show all AWS spend as £0.00, and 79 is pence typed
 * as pounds. GBP per USD has stayed well inside 0.3-3; anything outside is a typing mistake.
 */
import type { RawProblem } from '../problem';
import type { PlanCheck } from './check';

/** Lowest and highest GBP per USD rate accepted, as decimal strings. */
export const PLAUSIBLE_USD_TO_GBP = { min: '0.3', max: '3' } as const;

export const exchangeRates: PlanCheck = ({ estate, baseline }) => {
  const out: RawProblem[] = [];
  baseline.exchangeRates.forEach((r, i) => {
    const rate = Number(r.usdToGbp);
    if (!(rate >= Number(PLAUSIBLE_USD_TO_GBP.min) && rate <= Number(PLAUSIBLE_USD_TO_GBP.max))) {
      out.push({
        file: 'baseline',
        path: ['exchangeRates', i, 'usdToGbp'],
        message: 'is not a plausible GBP per USD rate',
        received: r.usdToGbp,
        allowed: `from ${PLAUSIBLE_USD_TO_GBP.min} to ${PLAUSIBLE_USD_TO_GBP.max}, e.g. 0.79`,
      });
    }
  });
  const start = estate.estate.agreement.start;
  if (baseline.exchangeRates.some((r) => r.from <= start)) return out;
  let index = 0;
  baseline.exchangeRates.forEach((r, i) => {
    if (r.from < (baseline.exchangeRates[index]?.from ?? r.from)) index = i;
  });
  const earliest = baseline.exchangeRates[index]?.from;
  out.push({
    file: 'baseline',
    path: ['exchangeRates', index, 'from'],
    message: `no exchange rate covers the agreement start ${start}; the earliest is from ${earliest}`,
    allowed: `a rate from ${start} or earlier`,
  });
  return out;
};

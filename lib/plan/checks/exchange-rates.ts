/** Some exchange rate applies from the agreement's first month (so every month has a rate). */
import type { PlanCheck } from './check';

export const exchangeRates: PlanCheck = ({ estate, baseline }) => {
  const start = estate.estate.agreement.start;
  if (baseline.exchangeRates.some((r) => r.from <= start)) return [];
  let index = 0;
  baseline.exchangeRates.forEach((r, i) => {
    if (r.from < (baseline.exchangeRates[index]?.from ?? r.from)) index = i;
  });
  const earliest = baseline.exchangeRates[index]?.from;
  return [
    {
      file: 'baseline',
      path: ['exchangeRates', index, 'from'],
      message: `no exchange rate covers the agreement start ${start}; the earliest is from ${earliest}`,
      allowed: `a rate from ${start} or earlier`,
    },
  ];
};

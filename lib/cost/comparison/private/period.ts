/** The months of the agreement the cost report covers: which are actual, which are forecast. */
import { minMonth, monthRange } from '../../../shared/months';
import { ComparisonError, type PlanExchangeRate } from '../exchange';
import type { Rates } from './keyed';

export interface Period {
  readonly start: string;
  readonly end: string;
  /** The last month reported as actual (the report month, or the agreement end). */
  readonly lastActual: string;
  readonly allMonths: readonly string[];
  readonly actual: ReadonlySet<string>;
  readonly future: readonly string[];
  /** The exchange rate of every month (throws early, naming the month, if the baseline lacks one). */
  readonly rates: Rates;
  readonly caveats: readonly string[];
}

/** @throws ComparisonError for a malformed report month or one before the agreement starts */
export function periodOf(
  agreement: { readonly start: string; readonly end: string },
  reportMonth: string,
  rateFor: (month: string) => PlanExchangeRate,
): Period {
  const { start, end } = agreement;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(reportMonth)) {
    throw new ComparisonError(`Report month "${reportMonth}" is not a month written YYYY-MM.`);
  }
  if (reportMonth < start) {
    throw new ComparisonError(
      `Report month ${reportMonth} is before the agreement starts (${start}, estate.yaml estate.agreement.start): choose --month ${start} or later.`,
    );
  }
  const lastActual = minMonth(reportMonth, end);
  const allMonths = monthRange(start, end);
  const actual = new Set(monthRange(start, lastActual));
  return {
    start,
    end,
    lastActual,
    allMonths,
    actual,
    future: allMonths.filter((m) => !actual.has(m)),
    rates: new Map(allMonths.map((m) => [m, rateFor(m)])),
    caveats:
      reportMonth > end
        ? [
            `Report month ${reportMonth} is after the agreement end (${end}); months after ${end} are not shown.`,
          ]
        : [],
  };
}

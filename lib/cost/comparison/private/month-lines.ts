/**
 * The month lines of the cost report: per month of the agreement, AWS (actual or forecast), the
 * legacy counterfactual, legacy still paid, one-off costs, the saving and the cumulative saving,
 * each rounded to the penny once; then the migration start and the break-even month.
 */
import { maxMonth, minMonth } from '../../../shared/months';
import { Money, penny } from '../../../shared/money';
import type { ForecastPlan } from '../forecast';
import type { LegacyMonth } from '../legacy';
import type { MonthLine } from '../types';
import type { Period } from './period';

export interface MonthInputs {
  readonly period: Period;
  readonly awsByMonth: ReadonlyMap<string, Money>;
  readonly forecast: ForecastPlan;
  /** The legacy counterfactual and the legacy still paid in a month (lib/cost/comparison/legacy.ts). */
  readonly legacyFor: (month: string) => LegacyMonth;
  readonly oneOffByMonth: ReadonlyMap<string, Money>;
  readonly incomplete: ReadonlyMap<string, string>;
}

export interface MonthLines {
  readonly lines: MonthLine[];
  /** Exact forecast AWS spend of each future month. */
  readonly forecastByMonth: Map<string, Money>;
}

/** One month's line, given the cumulative saving before it. */
function monthLine(x: MonthInputs, m: string, before: Money): { line: MonthLine; aws: Money; after: Money } {
  const rate = x.period.rates.get(m)!;
  const legacy = x.legacyFor(m);
  const isActual = x.period.actual.has(m);
  const awsExact = isActual
    ? (x.awsByMonth.get(m) ?? new Money(0))
    : x.forecast.forMonth(m, new Money(rate.usdToGbp));
  const aws = penny(awsExact);
  const counterfactual = penny(legacy.counterfactual);
  const legacyPaid = penny(legacy.paid);
  const oneOff = penny(x.oneOffByMonth.get(m) ?? new Money(0));
  const saving = new Money(counterfactual).minus(aws).minus(legacyPaid).minus(oneOff);
  const after = before.plus(saving);
  const reason = x.incomplete.get(m);
  const line: MonthLine = {
    month: m,
    kind: isActual ? 'actual' : 'forecast',
    complete: isActual && !reason,
    ...(reason ? { incompleteReason: reason } : {}),
    usdToGbp: rate.usdToGbp,
    aws,
    counterfactual,
    legacyPaid,
    oneOff,
    saving: saving.toFixed(2),
    cumulativeSaving: after.toFixed(2),
  };
  return { line, aws: awsExact, after };
}

export function monthLinesOf(x: MonthInputs): MonthLines {
  const lines: MonthLine[] = [];
  const forecastByMonth = new Map<string, Money>();
  let cumulative = new Money(0);
  for (const m of x.period.allMonths) {
    const { line, aws, after } = monthLine(x, m, cumulative);
    if (line.kind === 'forecast') forecastByMonth.set(m, aws);
    cumulative = after;
    lines.push(line);
  }
  return { lines, forecastByMonth };
}

/**
 * Break-even: from the migration start, the first month whose cumulative saving is back at or
 * above zero after having been below it, or above zero if it never went below.
 */
export function findBreakEven(lines: readonly MonthLine[], migrationStart: string): MonthLine | undefined {
  let dipped = false;
  for (const l of lines) {
    if (l.month < migrationStart) continue;
    const c = new Money(l.cumulativeSaving);
    if (c.isNeg() && !c.isZero()) dipped = true;
    else if (dipped || c.gt(0)) return l;
  }
  return undefined;
}

/** The migration starts at the first cut-over or the first spend, whichever is earlier. */
export function migrationStartOf(
  agreementStart: string,
  cutovers: readonly string[],
  lines: readonly MonthLine[],
): string {
  const firstCutover = cutovers.reduce((a, b) => minMonth(a, b));
  const firstSpend = lines.find((l) => l.aws !== '0.00' || l.oneOff !== '0.00')?.month ?? firstCutover;
  return maxMonth(agreementStart, minMonth(firstCutover, firstSpend));
}

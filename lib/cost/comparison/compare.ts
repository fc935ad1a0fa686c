/**
 * Builds the typed `CostReport` from the estate model (with its legacy baseline), billing rows, optional
 * forecasts and estimate, the report month and the clock's date. Pure: no I/O, no clock.
 */
import type { BillingResult, MonthlyForecast } from '../billing/types';
import type { EstateModel } from '../../estate-model';
import { byApplication, byWave, topServices } from './breakdowns';
import { chooseForecast, type EstimateLine, type ForecastPlan, type MonthSpend } from './forecast';
import {
  INFLATION_RULE,
  inflatedMonthly,
  legacyCostEnd,
  legacyForMonth,
  legacyOwner,
  type LegacyCostEnd,
} from './legacy';
import { rateForMonth } from './exchange';
import { Money, penny, sumPresented } from '../../shared/money';
import { applicationMatcher, keyedRow } from './tag-values';
import type { CostReport, DataSource, Headline, MonthLine, MonthTotals } from './types';
import { periodOf, type Period } from './private/period';
import { actualsOf, countedRows, vatCaveats, type Actuals } from './private/actuals';
import { incompleteMonths, oneOffsOf, type OneOffs } from './private/months-status';
import { legacyToDate } from './private/legacy-to-date';
import { findBreakEven, migrationStartOf, monthLinesOf } from './private/month-lines';
import { breakdownForecast } from './private/breakdown-forecast';
import {
  incompleteCaveats,
  ratesUsedOf,
  reconciliationOf,
  sourcesOf,
  tagCaveats,
  type Tables,
} from './private/closing';

export const ROUNDING_RULE =
  'Amounts are exact decimals through currency conversion and aggregation; each presented line is rounded half-up to the penny once; every total is the sum of the presented lines above it.';

export const SAMPLE_DATA_CAVEAT =
  'SAMPLE DATA, NOT YOUR BILL: the AWS spend in this report was generated from the plan by the deterministic sample-data generator. Pass --focus DIR (a FOCUS export) or --source cost-explorer for real figures.';

export interface ComparisonInput {
  /** The estate model (lib/estate-model): its planned waves and applications, items, agreement and legacy baseline. */
  readonly model: EstateModel;
  readonly billing: BillingResult;
  /** Last month reported as actual, `YYYY-MM`. */
  readonly reportMonth: string;
  /** The clock's date, `YYYY-MM-DD` (months from this one on are open). */
  readonly today: string;
  /** Cost Explorer forecasts for months after the report month. */
  readonly forecasts?: readonly MonthlyForecast[];
  /** The plan's cost estimate, used to project future months when no forecast is given. */
  readonly estimate?: readonly EstimateLine[];
  /** Billing rows are generated sample data. @default false */
  readonly sampleData?: boolean;
  /** Further data sources to list (e.g. the price snapshot). */
  readonly extraSources?: readonly DataSource[];
  /** Services listed before "Other services". @default 10 */
  readonly topServiceCount?: number;
  /**
   * How tax lines on AWS invoices (VAT) are treated. A UK council recovers the VAT it pays
   * (VAT Act 1994, section 33) and the legacy baseline is kept net of VAT, so by default tax lines
   * are left out of AWS spend and their total is stated in the caveats.
   * @default 'exclude'
   */
  readonly vat?: 'exclude' | 'include';
}

/** The caveat that states what was done with tax lines, with their total to date. */
export function vatCaveat(mode: 'exclude' | 'include', totalGbp: string): string {
  return mode === 'exclude'
    ? `VAT: tax lines on AWS invoices to date (GBP ${totalGbp}) are left out of AWS spend: councils recover VAT (VAT Act 1994, s.33) and the legacy baseline is net of VAT. Use --include-vat to count them.`
    : `VAT: AWS spend includes tax lines on AWS invoices (GBP ${totalGbp} to date); the legacy baseline may be net of VAT, so check the two are compared on the same basis.`;
}

function totalsOf(lines: readonly MonthLine[]): MonthTotals {
  return {
    aws: sumPresented(lines.map((l) => l.aws)),
    counterfactual: sumPresented(lines.map((l) => l.counterfactual)),
    legacyPaid: sumPresented(lines.map((l) => l.legacyPaid)),
    oneOff: sumPresented(lines.map((l) => l.oneOff)),
    saving: sumPresented(lines.map((l) => l.saving)),
  };
}

/**
 * Break-even: from the migration start, the first month whose cumulative saving is back at or
 * above zero after having been below it, or above zero if it never went below.
 */
export const BREAK_EVEN_RULE =
  'Break-even is the first month from the migration start at which the cumulative saving is back at or above zero after the migration costs pushed it below zero (or above zero, if it never went below).';

/** What the report knows once the actuals, one-offs, forecast and legacy are worked out. */
interface Worked {
  readonly period: Period;
  readonly rows: ReturnType<typeof countedRows>['rows'];
  readonly actuals: Actuals;
  readonly incomplete: Map<string, string>;
  readonly oneOffs: OneOffs;
  readonly completeSpend: MonthSpend[];
  readonly forecast: ForecastPlan;
  readonly ends: ReadonlyMap<string, LegacyCostEnd>;
  /** Caveats in the order the steps found them. */
  readonly caveats: string[];
}

/** Spend of the complete actual months, oldest first (the trend forecast's input). */
function completeSpendOf(a: Actuals, period: Period, incomplete: ReadonlyMap<string, string>): MonthSpend[] {
  return [...period.actual]
    .filter((m) => !incomplete.has(m))
    .map((m) => ({
      month: m,
      usd: a.spendByMonth.get(m)?.usd ?? new Money(0),
      gbp: a.spendByMonth.get(m)?.gbp ?? new Money(0),
    }));
}

function work(input: ComparisonInput): Worked {
  const { model, billing } = input;
  const period = periodOf(model.settings.estate.agreement, input.reportMonth, (m) => rateForMonth(model, m));
  const vatMode = input.vat ?? 'exclude';
  const match = applicationMatcher(model);
  const { rows, vatToDate } = countedRows(billing, vatMode, period, (r) => keyedRow(match, r));
  const actuals = actualsOf(rows, period.rates, period.actual);
  const incomplete = incompleteMonths(billing, period.actual, input.today);
  const oneOffs = oneOffsOf(model.baseline.oneOffCosts, period);
  const completeSpend = completeSpendOf(actuals, period, incomplete);
  const ignored =
    actuals.ignored > 0
      ? [
          `${actuals.ignored} billing row(s) outside ${period.start} to ${period.lastActual} were not counted.`,
        ]
      : [];
  return {
    period,
    rows,
    actuals,
    incomplete,
    oneOffs,
    completeSpend,
    forecast: chooseForecast(model, period.future, completeSpend, input.forecasts, input.estimate),
    ends: new Map(model.baseline.monthlyCosts.map((c) => [c.id, legacyCostEnd(model, c)])),
    caveats: [
      ...(input.sampleData ? [SAMPLE_DATA_CAVEAT] : []),
      ...period.caveats,
      ...vatCaveats(vatToDate, (total) => vatCaveat(vatMode, total)),
      ...ignored,
      ...oneOffs.caveats,
    ],
  };
}

/** The application, wave and service tables, and the caveats the forecast split added. */
function tablesOf(input: ComparisonInput, w: Worked, forecastByMonth: Map<string, Money>) {
  const { model } = input;
  const split = breakdownForecast(
    new Map(model.planned.waves.map((wave) => [wave.id, wave.cutover])),
    { period: w.period, rows: w.rows, completeSpend: w.completeSpend, forecastByMonth },
    w.forecast.basis,
    input.estimate,
  );
  const legacy = legacyToDate(
    model.baseline.monthlyCosts,
    { owner: (c) => legacyOwner(model, c), inflated: (gbp, m) => inflatedMonthly(model, gbp, m) },
    w.ends,
    w.period.actual,
  );
  const tables: Tables & { services: ReturnType<typeof topServices> } = {
    app: byApplication(model, {
      aws: w.actuals.app,
      oneOff: w.oneOffs.app,
      forecast: split.app,
      legacyPaid: legacy.appPaid,
      counterfactual: legacy.appCf,
    }),
    wave: byWave(model, {
      aws: w.actuals.wave,
      oneOff: w.oneOffs.wave,
      forecast: split.wave,
      legacyPaid: legacy.wavePaid,
      counterfactual: legacy.waveCf,
    }),
    services: topServices(w.actuals.service, input.topServiceCount ?? 10),
  };
  return { tables, caveats: split.caveats };
}

function headlineOf(
  model: EstateModel,
  lines: readonly MonthLine[],
  toDate: MonthTotals,
  breakEven: MonthLine | undefined,
  untaggedToDate: string,
): Headline {
  const actualLines = lines.filter((l) => l.kind === 'actual');
  return {
    awsToDate: toDate.aws,
    legacyPaidToDate: toDate.legacyPaid,
    oneOffToDate: toDate.oneOff,
    counterfactualToDate: toDate.counterfactual,
    savingToDate: actualLines.length > 0 ? actualLines[actualLines.length - 1]!.cumulativeSaving : '0.00',
    forecastSavingAtEnd: lines[lines.length - 1]!.cumulativeSaving,
    breakEvenMonth: breakEven?.month ?? null,
    breakEvenIsForecast: breakEven?.kind === 'forecast',
    untaggedToDate,
    baselineMonthly: sumPresented(model.baseline.monthlyCosts.map((c) => penny(new Money(c.monthlyGbp)))),
  };
}

function baselineSource(model: EstateModel) {
  const { monthlyCosts, oneOffCosts, baselineMonth } = model.baseline;
  return {
    dir: model.settings.sourceDir,
    monthlyCosts: monthlyCosts.length,
    oneOffCosts: oneOffCosts.length,
    baselineMonth,
  };
}

export function buildCostReport(input: ComparisonInput): CostReport {
  const { model } = input;
  const w = work(input);
  const { lines, forecastByMonth } = monthLinesOf({
    period: w.period,
    awsByMonth: w.actuals.byMonth,
    forecast: w.forecast,
    legacyFor: (m) => legacyForMonth(model, m, w.ends),
    oneOffByMonth: w.oneOffs.byMonth,
    incomplete: w.incomplete,
  });
  const migrationStart = migrationStartOf(
    model.settings.estate.agreement.start,
    model.planned.waves.map((wave) => wave.cutover),
    lines,
  );
  const breakEven = findBreakEven(lines, migrationStart);
  const { tables, caveats: splitCaveats } = tablesOf(input, w, forecastByMonth);
  const toDate = totalsOf(lines.filter((l) => l.kind === 'actual'));
  const caveats = [
    ...w.caveats,
    ...splitCaveats,
    ...incompleteCaveats(w.incomplete),
    `Forecast: ${w.forecast.text}`,
    INFLATION_RULE,
    BREAK_EVEN_RULE,
    ...tagCaveats(tables.app, input.billing),
  ];
  const untaggedToDate = tables.app.lines.find((l) => l.key === null)!.aws;
  return {
    estate: { id: model.estate.id, name: model.estate.name },
    reportMonth: input.reportMonth,
    generatedOn: input.today,
    agreement: { start: w.period.start, end: w.period.end },
    migrationStart,
    baselineMonth: model.baseline.baselineMonth,
    annualInflationPercent: model.baseline.annualInflationPercent,
    inflationRule: INFLATION_RULE,
    roundingRule: ROUNDING_RULE,
    forecastBasis: w.forecast.basis,
    forecastBasisText: w.forecast.text,
    sampleData: input.sampleData ?? false,
    headline: headlineOf(model, lines, toDate, breakEven, untaggedToDate),
    months: lines,
    totals: { toDate, agreement: totalsOf(lines) },
    incompleteMonths: [...w.incomplete.keys()].sort(),
    byApplication: tables.app,
    byWave: tables.wave,
    topServices: tables.services,
    ratesUsed: ratesUsedOf(model.baseline.exchangeRates, w.period.allMonths, w.period.rates),
    sources: sourcesOf(baselineSource(model), input.billing, input.sampleData, input.extraSources),
    caveats,
    reconciliation: reconciliationOf(tables, toDate),
  };
}

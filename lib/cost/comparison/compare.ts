/**
 * Builds the typed `CostReport` from a plan (with its legacy baseline), billing rows, optional
 * forecasts and estimate, the report month and the clock's date. Pure: no I/O, no clock.
 */
import type { BillingResult, MonthlyForecast } from '../billing/types';
import type { Plan } from '../../plan/plan';
import { byApplication, byWave, topServices, type KeyedAmounts } from './breakdowns';
import { ComparisonError, rateForMonth } from './exchange';
import { chooseForecast, TREND_MONTHS, type EstimateLine, type MonthSpend } from './forecast';
import {
  INFLATION_RULE,
  inflatedMonthly,
  legacyCostEnd,
  legacyForMonth,
  legacyOwner,
  type LegacyCostEnd,
} from './legacy';
import { Money, penny, sumPresented } from '../../shared/money';
import { maxMonth, minMonth, monthRange } from '../../shared/months';
import type { CostReport, DataSource, MonthLine, MonthTotals, RateUsed } from './types';

export const ROUNDING_RULE =
  'Amounts are exact decimals through currency conversion and aggregation; each presented line is rounded half-up to the penny once; every total is the sum of the presented lines above it.';

export const SAMPLE_DATA_CAVEAT =
  'SAMPLE DATA, NOT YOUR BILL: the AWS spend in this report was generated from the plan by the deterministic sample-data generator. Pass --focus DIR (a FOCUS export) or --source cost-explorer for real figures.';

export interface ComparisonInput {
  readonly plan: Plan;
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

interface Exact {
  aws: Money;
  counterfactual: Money;
  legacyPaid: Money;
  oneOff: Money;
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

function findBreakEven(lines: readonly MonthLine[], migrationStart: string): MonthLine | undefined {
  let dipped = false;
  for (const l of lines) {
    if (l.month < migrationStart) continue;
    const c = new Money(l.cumulativeSaving);
    if (c.isNeg() && !c.isZero()) dipped = true;
    else if (dipped || c.gt(0)) return l;
  }
  return undefined;
}

function addTo(map: Map<string | null, Money>, key: string | null, v: Money): void {
  map.set(key, (map.get(key) ?? new Money(0)).plus(v));
}

export function buildCostReport(input: ComparisonInput): CostReport {
  const { plan, billing } = input;
  const { start, end } = plan.estate.agreement;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.reportMonth)) {
    throw new ComparisonError(`Report month "${input.reportMonth}" is not a month written YYYY-MM.`);
  }
  if (input.reportMonth < start) {
    throw new ComparisonError(
      `Report month ${input.reportMonth} is before the agreement starts (${start}, estate.yaml estate.agreement.start): choose --month ${start} or later.`,
    );
  }
  const caveats: string[] = [];
  if (input.sampleData) caveats.push(SAMPLE_DATA_CAVEAT);
  const lastActual = minMonth(input.reportMonth, end);
  if (input.reportMonth > end)
    caveats.push(
      `Report month ${input.reportMonth} is after the agreement end (${end}); months after ${end} are not shown.`,
    );
  const allMonths = monthRange(start, end);
  const actualSet = new Set(monthRange(start, lastActual));
  const futureMonths = allMonths.filter((m) => !actualSet.has(m));
  const todayMonth = input.today.slice(0, 7);

  // Rates per month (throws early, naming the month, if the baseline lacks one).
  const rates = new Map(allMonths.map((m) => [m, rateForMonth(plan, m)]));

  // Tax lines (VAT): counted or left out, and stated either way.
  const vatMode = input.vat ?? 'exclude';
  const rows = vatMode === 'exclude' ? billing.rows.filter((r) => r.chargeCategory !== 'tax') : billing.rows;
  let vatToDate = new Money(0);
  for (const row of billing.rows) {
    if (row.chargeCategory !== 'tax' || !actualSet.has(row.month)) continue;
    const amount = new Money(row.amortizedCost);
    vatToDate = vatToDate.plus(
      row.currency === 'GBP' ? amount : amount.times(rates.get(row.month)!.usdToGbp),
    );
  }
  if (!vatToDate.isZero()) caveats.push(vatCaveat(vatMode, penny(vatToDate)));

  // AWS actuals: exact GBP per month and per key.
  const awsByMonth = new Map<string, Money>();
  const spendByMonth = new Map<string, { usd: Money; gbp: Money }>();
  const appAws = new Map<string | null, Money>();
  const waveAws = new Map<string | null, Money>();
  const serviceAws = new Map<string, Money>();
  const recentKeys = { app: new Map<string | null, Money>(), wave: new Map<string | null, Money>() };
  let ignored = 0;
  for (const row of rows) {
    if (!actualSet.has(row.month)) {
      ignored++;
      continue;
    }
    const amount = new Money(row.amortizedCost);
    const gbp = row.currency === 'GBP' ? amount : amount.times(rates.get(row.month)!.usdToGbp);
    awsByMonth.set(row.month, (awsByMonth.get(row.month) ?? new Money(0)).plus(gbp));
    const s = spendByMonth.get(row.month) ?? { usd: new Money(0), gbp: new Money(0) };
    spendByMonth.set(
      row.month,
      row.currency === 'GBP' ? { ...s, gbp: s.gbp.plus(amount) } : { ...s, usd: s.usd.plus(amount) },
    );
    addTo(appAws, row.application, gbp);
    addTo(waveAws, row.wave, gbp);
    serviceAws.set(row.service, (serviceAws.get(row.service) ?? new Money(0)).plus(gbp));
  }
  if (ignored > 0) {
    caveats.push(`${ignored} billing row(s) outside ${start} to ${lastActual} were not counted.`);
  }

  // Completeness of actual months.
  const status = new Map(billing.months.map((s) => [s.month, s]));
  const incomplete = new Map<string, string>();
  for (const m of actualSet) {
    const s = status.get(m);
    if (s && !s.complete) incomplete.set(m, s.reason ?? 'the billing source marked this month incomplete');
    else if (m >= todayMonth) incomplete.set(m, `the month is still open on ${input.today}`);
    else if (!s) incomplete.set(m, 'no billing data was requested or returned for this month');
  }

  // One-off costs.
  const oneOffByMonth = new Map<string, Money>();
  const appOneOff = new Map<string | null, Money>();
  const waveOneOff = new Map<string | null, Money>();
  for (const c of plan.baseline.oneOffCosts) {
    if (c.month < start || c.month > end) {
      caveats.push(
        `One-off cost "${c.id}" (${c.month}) is outside the agreement ${start} to ${end} and is not counted.`,
      );
      continue;
    }
    const v = new Money(c.amountGbp);
    oneOffByMonth.set(c.month, (oneOffByMonth.get(c.month) ?? new Money(0)).plus(v));
    if (actualSet.has(c.month)) {
      addTo(appOneOff, c.application ?? null, v);
      addTo(waveOneOff, c.wave ?? null, v);
    }
  }

  // Forecast.
  const completeSpend: MonthSpend[] = [...actualSet]
    .filter((m) => !incomplete.has(m))
    .map((m) => ({
      month: m,
      usd: spendByMonth.get(m)?.usd ?? new Money(0),
      gbp: spendByMonth.get(m)?.gbp ?? new Money(0),
    }));
  const forecast = chooseForecast(plan, futureMonths, completeSpend, input.forecasts, input.estimate);

  // Legacy.
  const ends = new Map<string, LegacyCostEnd>(
    plan.baseline.monthlyCosts.map((c) => [c.id, legacyCostEnd(plan, c)]),
  );

  // Legacy figures to date by owning application and wave.
  const legacyKeyed = {
    appPaid: new Map<string | null, Money>(),
    appCf: new Map<string | null, Money>(),
    wavePaid: new Map<string | null, Money>(),
    waveCf: new Map<string | null, Money>(),
  };
  for (const cost of plan.baseline.monthlyCosts) {
    const owner = legacyOwner(plan, cost);
    const lastPaid = ends.get(cost.id)!.lastPaid;
    for (const m of actualSet) {
      const amount = inflatedMonthly(plan, cost.monthlyGbp, m);
      addTo(legacyKeyed.appCf, owner.application, amount);
      addTo(legacyKeyed.waveCf, owner.wave, amount);
      if (m <= lastPaid) {
        addTo(legacyKeyed.appPaid, owner.application, amount);
        addTo(legacyKeyed.wavePaid, owner.wave, amount);
      }
    }
  }

  // Month lines.
  const lines: MonthLine[] = [];
  let cumulative = new Money(0);
  const forecastByMonth = new Map<string, Money>();
  for (const m of allMonths) {
    const rate = new Money(rates.get(m)!.usdToGbp);
    const legacy = legacyForMonth(plan, m, ends);
    const isActual = actualSet.has(m);
    const awsExact = isActual ? (awsByMonth.get(m) ?? new Money(0)) : forecast.forMonth(m, rate);
    if (!isActual) forecastByMonth.set(m, awsExact);
    const exact: Exact = {
      aws: awsExact,
      counterfactual: legacy.counterfactual,
      legacyPaid: legacy.paid,
      oneOff: oneOffByMonth.get(m) ?? new Money(0),
    };
    const aws = penny(exact.aws);
    const counterfactual = penny(exact.counterfactual);
    const legacyPaid = penny(exact.legacyPaid);
    const oneOff = penny(exact.oneOff);
    const saving = new Money(counterfactual).minus(aws).minus(legacyPaid).minus(oneOff);
    cumulative = cumulative.plus(saving);
    const reason = incomplete.get(m);
    lines.push({
      month: m,
      kind: isActual ? 'actual' : 'forecast',
      complete: isActual && !reason,
      ...(reason ? { incompleteReason: reason } : {}),
      usdToGbp: rates.get(m)!.usdToGbp,
      aws,
      counterfactual,
      legacyPaid,
      oneOff,
      saving: saving.toFixed(2),
      cumulativeSaving: cumulative.toFixed(2),
    });
  }

  // Migration start and break-even.
  const firstCutover = plan.waves.map((w) => w.cutover).reduce((a, b) => minMonth(a, b));
  const firstSpend = lines.find((l) => l.aws !== '0.00' || l.oneOff !== '0.00')?.month ?? firstCutover;
  const migrationStart = maxMonth(start, minMonth(firstCutover, firstSpend));
  const breakEven = findBreakEven(lines, migrationStart);

  // Breakdown forecasts: estimate lines per key, or the forecast apportioned by recent shares.
  const appForecast = new Map<string | null, Money>();
  const waveForecast = new Map<string | null, Money>();
  if (forecast.basis === 'estimate' && input.estimate) {
    const cutover = new Map(plan.waves.map((w) => [w.id, w.cutover]));
    for (const m of futureMonths) {
      const rate = new Money(rates.get(m)!.usdToGbp);
      for (const l of input.estimate) {
        if ((cutover.get(l.wave) ?? '9999-12') > m) continue;
        const v = new Money(l.monthlyUsd).times(rate);
        addTo(appForecast, l.application, v);
        addTo(waveForecast, l.wave, v);
      }
    }
  } else if (futureMonths.length > 0) {
    const recentMonths = new Set(completeSpend.slice(-TREND_MONTHS).map((s) => s.month));
    for (const row of rows) {
      if (!recentMonths.has(row.month)) continue;
      const amount = new Money(row.amortizedCost);
      const gbp = row.currency === 'GBP' ? amount : amount.times(rates.get(row.month)!.usdToGbp);
      addTo(recentKeys.app, row.application, gbp);
      addTo(recentKeys.wave, row.wave, gbp);
    }
    const recentTotal = [...recentKeys.app.values()].reduce((a, v) => a.plus(v), new Money(0));
    const futureTotal = [...forecastByMonth.values()].reduce((a, v) => a.plus(v), new Money(0));
    if (!recentTotal.isZero()) {
      for (const [k, v] of recentKeys.app) addTo(appForecast, k, futureTotal.times(v).div(recentTotal));
      for (const [k, v] of recentKeys.wave) addTo(waveForecast, k, futureTotal.times(v).div(recentTotal));
      caveats.push(
        "Forecasts by application and by wave apportion the monthly forecast by each line's share of the last complete months.",
      );
    } else if (!futureTotal.isZero()) {
      caveats.push(
        'The forecast could not be apportioned to applications and waves (no spend in recent complete months).',
      );
    }
  }

  const appTable = byApplication(plan, {
    aws: appAws,
    oneOff: appOneOff,
    forecast: appForecast,
    legacyPaid: legacyKeyed.appPaid,
    counterfactual: legacyKeyed.appCf,
  } satisfies KeyedAmounts);
  const waveTable = byWave(plan, {
    aws: waveAws,
    oneOff: waveOneOff,
    forecast: waveForecast,
    legacyPaid: legacyKeyed.wavePaid,
    counterfactual: legacyKeyed.waveCf,
  } satisfies KeyedAmounts);
  const services = topServices(serviceAws, input.topServiceCount ?? 10);

  const actualLines = lines.filter((l) => l.kind === 'actual');
  const toDate = totalsOf(actualLines);
  const agreement = totalsOf(lines);
  const reconciliation: string[] = [];
  const checks: [string, string, string, string][] = [
    ['By application', 'AWS to date', appTable.total.aws, toDate.aws],
    ['By wave', 'AWS to date', waveTable.total.aws, toDate.aws],
    ['Top services', 'AWS to date', services.total, toDate.aws],
    ['By application', 'legacy still paid to date', appTable.total.legacyPaid, toDate.legacyPaid],
    ['By wave', 'legacy still paid to date', waveTable.total.legacyPaid, toDate.legacyPaid],
    ['By application', 'legacy counterfactual to date', appTable.total.counterfactual, toDate.counterfactual],
    ['By wave', 'legacy counterfactual to date', waveTable.total.counterfactual, toDate.counterfactual],
  ];
  for (const [table, what, total, monthly] of checks) {
    const diff = new Money(total).minus(monthly);
    if (!diff.isZero()) {
      reconciliation.push(
        `${table}: ${what} totals ${total}, ${diff.abs().toFixed(2)} ${diff.isPos() ? 'more' : 'less'} than the monthly table (${monthly}) because each table rounds its own lines to the penny.`,
      );
    }
  }

  const incompleteMonths = [...incomplete.keys()].sort();
  if (incompleteMonths.length > 0) {
    caveats.push(
      `Incomplete months (figures will change): ${incompleteMonths.map((m) => `${m} (${incomplete.get(m)})`).join('; ')}.`,
    );
  }
  caveats.push(`Forecast: ${forecast.text}`);
  caveats.push(INFLATION_RULE);
  caveats.push(BREAK_EVEN_RULE);
  const untaggedApp = appTable.lines.find((l) => l.key === null)!;
  if (untaggedApp.aws !== '0.00') {
    caveats.push(
      `£${untaggedApp.aws} of AWS spend to date carries no Application tag; it is shown as its own line and not spread over applications.`,
    );
  }

  const ratesUsed: RateUsed[] = [];
  for (const r of [...plan.baseline.exchangeRates].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    const months = allMonths.filter((m) => rates.get(m) === r);
    if (months.length > 0) ratesUsed.push({ from: r.from, usdToGbp: r.usdToGbp, source: r.source, months });
  }

  const sources: DataSource[] = [
    {
      name: billing.source.kind === 'focus' ? 'FOCUS billing export' : 'AWS Cost Explorer',
      description: billing.source.description + (input.sampleData ? ' (sample data, not your bill)' : ''),
      asOf: billing.source.retrievedAt,
      ...(billing.source.dataThrough ? { dataThrough: billing.source.dataThrough } : {}),
    },
    {
      name: 'Legacy baseline',
      description: `${plan.source.dir}/legacy-baseline.yaml: ${plan.baseline.monthlyCosts.length} monthly cost(s), ${plan.baseline.oneOffCosts.length} one-off cost(s)`,
      asOf: plan.baseline.baselineMonth,
    },
    ...(input.extraSources ?? []),
  ];

  const baselineMonthly = sumPresented(plan.baseline.monthlyCosts.map((c) => penny(new Money(c.monthlyGbp))));
  return {
    estate: { id: plan.estate.id, name: plan.estate.name },
    reportMonth: input.reportMonth,
    generatedOn: input.today,
    agreement: { start, end },
    migrationStart,
    baselineMonth: plan.baseline.baselineMonth,
    annualInflationPercent: plan.baseline.annualInflationPercent,
    inflationRule: INFLATION_RULE,
    roundingRule: ROUNDING_RULE,
    forecastBasis: forecast.basis,
    forecastBasisText: forecast.text,
    sampleData: input.sampleData ?? false,
    headline: {
      awsToDate: toDate.aws,
      legacyPaidToDate: toDate.legacyPaid,
      oneOffToDate: toDate.oneOff,
      counterfactualToDate: toDate.counterfactual,
      savingToDate: actualLines.length > 0 ? actualLines[actualLines.length - 1]!.cumulativeSaving : '0.00',
      forecastSavingAtEnd: lines[lines.length - 1]!.cumulativeSaving,
      breakEvenMonth: breakEven?.month ?? null,
      breakEvenIsForecast: breakEven?.kind === 'forecast',
      untaggedToDate: untaggedApp.aws,
      baselineMonthly,
    },
    months: lines,
    totals: { toDate, agreement },
    incompleteMonths,
    byApplication: appTable,
    byWave: waveTable,
    topServices: services,
    ratesUsed,
    sources,
    caveats,
    reconciliation,
  };
}

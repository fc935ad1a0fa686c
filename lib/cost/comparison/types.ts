/**
 * The typed cost report every formatter renders. Amounts are GBP decimal strings with exactly two
 * decimal places (e.g. "1234.50", "-12.30").
 *
 * Rounding rule (one rule, everywhere): amounts are exact decimals (decimal.js) through conversion
 * and aggregation; each presented line is rounded half-up to the penny once; every total is the sum
 * of the presented lines above it, so each table reconciles exactly with its rows. Two different
 * tables over the same spend (e.g. by application and by month) may differ by a few pence, because
 * each rounds its own lines; `reconciliation` states the difference.
 */

/** A GBP amount rounded to the penny, as a decimal string with 2 decimal places. */
export type Gbp = string;

export type MonthKind = 'actual' | 'forecast';

/** Where the forecast months' AWS spend comes from. */
export type ForecastBasis = 'cost-explorer' | 'estimate' | 'trend' | 'none';

export interface MonthLine {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly kind: MonthKind;
  /** False when billing data for an actual month is open, failed or missing. Forecast months: false. */
  readonly complete: boolean;
  /** Why the month is incomplete. */
  readonly incompleteReason?: string;
  /** GBP per USD used for this month. */
  readonly usdToGbp: string;
  /** AWS spend converted to GBP (forecast months: forecast). */
  readonly aws: Gbp;
  /** What the legacy estate would have cost had nothing moved (with inflation). */
  readonly counterfactual: Gbp;
  /** Legacy costs still being paid this month. */
  readonly legacyPaid: Gbp;
  /** One-off migration costs in this month. */
  readonly oneOff: Gbp;
  /** counterfactual - (aws + legacyPaid + oneOff), from the rounded lines. */
  readonly saving: Gbp;
  /** Running sum of `saving` from the agreement start. */
  readonly cumulativeSaving: Gbp;
}

export interface MonthTotals {
  readonly aws: Gbp;
  readonly counterfactual: Gbp;
  readonly legacyPaid: Gbp;
  readonly oneOff: Gbp;
  readonly saving: Gbp;
}

export interface BreakdownLine {
  /** Plan id, tag value, or service name; `null` for the untagged line. */
  readonly key: string | null;
  readonly label: string;
  /** AWS spend to date (actual months). */
  readonly aws: Gbp;
  /** One-off costs to date attributed to this line. */
  readonly oneOff: Gbp;
  /** Legacy costs owned by this line that were still paid, to date. */
  readonly legacyPaid: Gbp;
  /** What the legacy costs owned by this line would have cost had nothing moved, to date. */
  readonly counterfactual: Gbp;
  /** counterfactual - (aws + legacyPaid + oneOff), from this line's presented figures. */
  readonly saving: Gbp;
  /** Forecast AWS spend from after the report month to the agreement end (0 when not apportionable). */
  readonly awsForecast: Gbp;
  /** The line for legacy costs shared by several applications / waves or the whole estate. */
  readonly shared?: boolean;
  /** A tag value that is not in the plan. */
  readonly unknownTag?: boolean;
  /** Extra columns (e.g. wave cutover / decommission months). */
  readonly notes?: string;
}

export interface Breakdown {
  readonly lines: readonly BreakdownLine[];
  readonly total: {
    readonly aws: Gbp;
    readonly oneOff: Gbp;
    readonly legacyPaid: Gbp;
    readonly counterfactual: Gbp;
    readonly saving: Gbp;
    readonly awsForecast: Gbp;
  };
}

export interface ServiceLine {
  readonly service: string;
  readonly aws: Gbp;
}

export interface RateUsed {
  readonly from: string;
  readonly usdToGbp: string;
  readonly source: string;
  /** Report months this rate was applied to. */
  readonly months: readonly string[];
}

export interface DataSource {
  readonly name: string;
  readonly description: string;
  /** Freshness: when read / as-of date. */
  readonly asOf: string;
  readonly dataThrough?: string;
}

export interface Headline {
  /** AWS spend from the agreement start to the report month. */
  readonly awsToDate: Gbp;
  readonly legacyPaidToDate: Gbp;
  readonly oneOffToDate: Gbp;
  readonly counterfactualToDate: Gbp;
  /** Cumulative saving at the report month. */
  readonly savingToDate: Gbp;
  /** Cumulative saving at the agreement end (actuals + forecast). */
  readonly forecastSavingAtEnd: Gbp;
  /** First month the cumulative saving is >= 0 after the migration started, or null. */
  readonly breakEvenMonth: string | null;
  /** Whether the break-even month lies in the forecast. */
  readonly breakEvenIsForecast: boolean;
  readonly untaggedToDate: Gbp;
  /** Baseline monthly total in the baseline month (before inflation). */
  readonly baselineMonthly: Gbp;
}

export interface CostReport {
  readonly estate: { readonly id: string; readonly name: string };
  readonly reportMonth: string;
  /** The clock's date when the report was produced, YYYY-MM-DD. */
  readonly generatedOn: string;
  readonly agreement: { readonly start: string; readonly end: string };
  /** First month of the migration (first spend, one-off cost or wave cut-over). */
  readonly migrationStart: string;
  readonly baselineMonth: string;
  readonly annualInflationPercent: number;
  readonly inflationRule: string;
  readonly roundingRule: string;
  readonly forecastBasis: ForecastBasis;
  readonly forecastBasisText: string;
  /** True when the billing data is generated sample data, not a real bill. */
  readonly sampleData: boolean;
  readonly headline: Headline;
  readonly months: readonly MonthLine[];
  /** Totals of `months` rows: actual months only, and the whole agreement. */
  readonly totals: { readonly toDate: MonthTotals; readonly agreement: MonthTotals };
  readonly incompleteMonths: readonly string[];
  readonly byApplication: Breakdown;
  readonly byWave: Breakdown;
  /** Top services by AWS spend to date, the rest folded into "Other services". */
  readonly topServices: { readonly lines: readonly ServiceLine[]; readonly total: Gbp };
  readonly ratesUsed: readonly RateUsed[];
  readonly sources: readonly DataSource[];
  readonly caveats: readonly string[];
  /** Rounding differences between tables over the same spend (pence), stated rather than hidden. */
  readonly reconciliation: readonly string[];
}

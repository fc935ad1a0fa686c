/**
 * What every billing source returns: monthly cost rows in the billing currency, plus what is
 * known about their completeness. Money is a decimal string (never a float); conversion to GBP
 * and rounding happen in the comparison, with the baseline file's rates.
 */

/** Kind of charge, after FOCUS `ChargeCategory` (Cost Explorer RECORD_TYPE maps onto it). */
export type ChargeCategory = 'usage' | 'purchase' | 'tax' | 'credit' | 'adjustment';

export interface MonthlyCostRow {
  /** Billing month, `YYYY-MM`. */
  readonly month: string;
  /** Value of the `Application` cost-allocation tag; `null` when the spend is untagged. */
  readonly application: string | null;
  /** Value of the `MigrationWave` cost-allocation tag; `null` when untagged. */
  readonly wave: string | null;
  /** Service name as the source reports it, e.g. "Amazon Elastic Compute Cloud - Compute". */
  readonly service: string;
  readonly chargeCategory: ChargeCategory;
  /** Amortized cost (savings plans / RIs spread over usage), decimal string. */
  readonly amortizedCost: string;
  /** Unblended cost, decimal string. */
  readonly unblendedCost: string;
  /** ISO currency of the two amounts (AWS bills in USD unless the account is set to GBP). */
  readonly currency: 'USD' | 'GBP';
  /**
   * Set on rows that show usage one way only, when a source cannot split it by tags and service
   * at once (Cost Explorer groups by two keys per request): `tags` rows carry application and
   * wave, with `service` set to `ALL_SERVICES`; `service` rows carry the service, with
   * application and wave null. Each is the same spend seen one way: totals and the application
   * and wave tables count `tags` rows, the service table counts `service` rows; rows without
   * `breakdown` count everywhere. @default - a full row
   */
  readonly breakdown?: 'tags' | 'service';
}

/** The service of a `tags` breakdown row. */
export const ALL_SERVICES = 'All services';

export interface MonthStatus {
  readonly month: string;
  /** False for a month still open (current month) or one whose data failed to load in full. */
  readonly complete: boolean;
  /** Why it is incomplete, for the report's caveats. */
  readonly reason?: string;
}

export interface BillingSourceInfo {
  readonly kind: 'cost-explorer' | 'focus' | 'athena';
  /** Human description, e.g. "FOCUS 1.0 export, 3 files under ./billing". */
  readonly description: string;
  /** When the data was read (the clock passed in). */
  readonly retrievedAt: string;
  /** Newest data point seen, for the freshness line (ISO date), when known. */
  readonly dataThrough?: string;
  /** Paid API requests made on this run (Cost Explorer: $0.01 each, pages included). */
  readonly paidRequests?: number;
}

/** Lines of other providers in a multi-provider FOCUS file: totalled, never counted as AWS spend. */
export interface OtherProviderTotal {
  /** `ProviderName` (or `ServiceProviderName`) as written, e.g. "Microsoft". */
  readonly provider: string;
  /** ISO currency as written (any currency: these lines are only stated). */
  readonly currency: string;
  /** Sum of BilledCost over the months asked for, decimal string. */
  readonly billedCost: string;
  /** Sum of EffectiveCost over the months asked for, decimal string. */
  readonly effectiveCost: string;
}

export interface BillingResult {
  /** AWS cost rows only. */
  readonly rows: readonly MonthlyCostRow[];
  /** Other providers' totals found beside the AWS lines (multi-provider FOCUS files). */
  readonly otherProviders?: readonly OtherProviderTotal[];
  /** One entry per month requested. */
  readonly months: readonly MonthStatus[];
  readonly source: BillingSourceInfo;
}

export interface BillingQuery {
  /** First month, inclusive, `YYYY-MM`. */
  readonly from: string;
  /** Last month, inclusive, `YYYY-MM`. */
  readonly to: string;
}

/** A billing source behind one interface; implementations take their clients/clock in the constructor. */
export interface BillingSource {
  fetch(query: BillingQuery): Promise<BillingResult>;
}

/** Future months projected by the source (Cost Explorer GetCostForecast), in billing currency. */
export interface MonthlyForecast {
  readonly month: string;
  readonly amount: string;
  readonly currency: 'USD' | 'GBP';
}

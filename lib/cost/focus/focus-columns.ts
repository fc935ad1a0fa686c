/**
 * The FOCUS 1.0 columns this source reads, as AWS Data Exports writes them (table FOCUS_1_0_AWS:
 * 43 FOCUS columns plus x_CostCategories, x_Discounts, x_Operation, x_ServiceCode, x_UsageType).
 * `Tags` is a map<string,string> in Parquet and a JSON object text in CSV; AWS writes
 * user-defined cost-allocation tags under their own key (some tools prefix them with `user:`,
 * which is accepted too).
 */
export const FOCUS_REQUIRED_COLUMNS = [
  'BilledCost',
  'EffectiveCost',
  'BillingCurrency',
  'ChargeCategory',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'ServiceName',
  'Tags',
] as const;

export type FocusRequiredColumn = (typeof FOCUS_REQUIRED_COLUMNS)[number];

/** FOCUS 1.0 `ChargeCategory` values and the row category each becomes. */
export const FOCUS_CHARGE_CATEGORIES = {
  Usage: 'usage',
  Purchase: 'purchase',
  Tax: 'tax',
  Credit: 'credit',
  Adjustment: 'adjustment',
} as const;

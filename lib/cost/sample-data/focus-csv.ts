/**
 * FOCUS 1.0 with AWS columns (Data Exports table FOCUS_1_0_AWS): the 43 FOCUS columns in the
 * specification's order, then AWS's five x_ columns. CSV serialisation as Data Exports writes it:
 * header row, RFC 4180 quoting, Tags as a JSON object with sorted keys.
 */
export const FOCUS_1_0_AWS_COLUMNS = [
  'AvailabilityZone',
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'Tags',
  'x_CostCategories',
  'x_Discounts',
  'x_Operation',
  'x_ServiceCode',
  'x_UsageType',
] as const;

export type FocusColumn = (typeof FOCUS_1_0_AWS_COLUMNS)[number];

/** One FOCUS line: column -> text; columns left out are written empty (null). */
export type FocusLine = Partial<Record<Exclude<FocusColumn, 'Tags'>, string>> & {
  readonly Tags?: Readonly<Record<string, string>>;
};

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function tagsJson(tags: Readonly<Record<string, string>> | undefined): string {
  if (!tags) return '{}';
  const sorted = Object.fromEntries(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted);
}

/** The CSV text for some lines, header included, `\n` line ends. */
export function focusCsv(lines: readonly FocusLine[]): string {
  const out = [FOCUS_1_0_AWS_COLUMNS.join(',')];
  for (const line of lines) {
    out.push(
      FOCUS_1_0_AWS_COLUMNS.map((c) => quote(c === 'Tags' ? tagsJson(line.Tags) : (line[c] ?? ''))).join(','),
    );
  }
  return `${out.join('\n')}\n`;
}

import { Money } from '../../../shared/money';
import type { EstateModel } from '../../../estate-model';
import type { FocusLine } from '../focus-csv';
import { isoTimestamp, type Period } from './periods';
import type { SampleService } from './services';

/** Money places written for each amount (AWS writes up to 10; 8 keeps Parquet doubles exact). */
const AMOUNT_DP = 8;

function money(d: Money): string {
  return d.toFixed(AMOUNT_DP, Money.ROUND_HALF_EVEN);
}

export interface LineFields {
  readonly billed: Money;
  /** @default billed */
  readonly effective?: Money;
  /** @default billed */
  readonly list?: Money;
  /** @default 'Usage' */
  readonly category?: 'Usage' | 'Purchase' | 'Tax' | 'Credit';
  readonly description: string;
  readonly usageType?: string;
  readonly operation?: string;
  readonly quantity?: Money;
  readonly unit?: string;
  readonly resourceId?: string;
  readonly resourceName?: string;
  readonly resourceType?: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly extra?: Partial<FocusLine>;
}

/**
 * The FOCUS lines of one billing month, with the fixed columns (account, region, billing
 * period, provider) filled in, and billed totals per service for the month-end credit and tax.
 */
export class MonthLines {
  readonly lines: FocusLine[] = [];
  /** BilledCost per service name (the VAT base). */
  readonly billedByService = new Map<string, Money>();
  private readonly billingStart: string;
  private readonly billingEnd: string;

  constructor(
    private readonly model: EstateModel,
    billingPeriod: { readonly startDay: number; readonly endDay: number },
  ) {
    this.billingStart = isoTimestamp(billingPeriod.startDay);
    this.billingEnd = isoTimestamp(billingPeriod.endDay);
  }

  add(p: Period, service: SampleService, f: LineFields): void {
    const category = f.category ?? 'Usage';
    const list = f.list ?? f.billed;
    const region = this.model.estate.region;
    const account = this.model.estate.account;
    if (category === 'Usage' || category === 'Purchase') {
      this.billedByService.set(
        service.name,
        (this.billedByService.get(service.name) ?? new Money(0)).plus(f.billed),
      );
    }
    this.lines.push({
      BilledCost: money(f.billed),
      BillingAccountId: account,
      BillingAccountName: this.model.estate.name,
      BillingCurrency: 'USD',
      BillingPeriodStart: this.billingStart,
      BillingPeriodEnd: this.billingEnd,
      ChargeCategory: category,
      ChargeDescription: f.description,
      ChargeFrequency:
        category === 'Purchase' ? 'Recurring' : category === 'Usage' ? 'Usage-Based' : 'One-Time',
      ChargePeriodStart: isoTimestamp(p.startDay),
      ChargePeriodEnd: isoTimestamp(p.endDay),
      ...(f.quantity
        ? {
            ConsumedQuantity: f.quantity.toFixed(),
            ConsumedUnit: f.unit ?? '',
            PricingQuantity: f.quantity.toFixed(),
            PricingUnit: f.unit ?? '',
          }
        : {}),
      ContractedCost: money(list),
      EffectiveCost: money(f.effective ?? f.billed),
      InvoiceIssuerName: 'Amazon Web Services EMEA SARL',
      ListCost: money(list),
      PricingCategory: category === 'Usage' ? 'Standard' : '',
      ProviderName: 'AWS',
      PublisherName: 'Amazon Web Services EMEA SARL',
      RegionId: region,
      RegionName: region === 'eu-west-2' ? 'Europe (London)' : region,
      ...(f.resourceId ? { ResourceId: f.resourceId } : {}),
      ...(f.resourceName ? { ResourceName: f.resourceName } : {}),
      ...(f.resourceType ? { ResourceType: f.resourceType } : {}),
      ServiceCategory: service.category,
      ServiceName: service.name,
      SubAccountId: account,
      SubAccountName: this.model.estate.name,
      Tags: f.tags,
      x_ServiceCode: service.code,
      ...(f.usageType ? { x_UsageType: f.usageType } : {}),
      ...(f.operation ? { x_Operation: f.operation } : {}),
      ...f.extra,
    });
  }
}

/** Usage-type prefix AWS uses for the region, e.g. EUW2 for eu-west-2. */
export function usagePrefix(region: string): string {
  return region === 'eu-west-2' ? 'EUW2' : region.toUpperCase();
}

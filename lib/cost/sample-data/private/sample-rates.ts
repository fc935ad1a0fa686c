import { ExactDecimal as Decimal } from '../../billing/exact-decimal';
import { monthRange } from '../../billing/months';
import {
  backupStorageMonthlyUsdPerGiB,
  dataTransferOutPerGbUsd,
  ebsGp3MonthlyUsdPerGiB,
  interfaceEndpointHourlyUsdPerAz,
  interfaceEndpointPerGbUsd,
  natGatewayHourlyUsd,
  natGatewayPerGbUsd,
} from '../../pricing';

/** Unit prices the sample uses (bundled snapshot, lib/cost/pricing), and the month's length. */
export interface SampleRates {
  readonly ebs: Decimal;
  readonly backup: Decimal;
  readonly natHour: Decimal;
  readonly natGb: Decimal;
  readonly endpointHour: Decimal;
  readonly endpointGb: Decimal;
  readonly transferGb: Decimal;
  /** Days in the billing month being written (storage is priced per GB-month). */
  readonly daysInBillingMonth: number;
}

export function sampleRates(daysInBillingMonth: number): SampleRates {
  return {
    ebs: new Decimal(ebsGp3MonthlyUsdPerGiB()),
    backup: new Decimal(backupStorageMonthlyUsdPerGiB()),
    natHour: new Decimal(natGatewayHourlyUsd()),
    natGb: new Decimal(natGatewayPerGbUsd()),
    endpointHour: new Decimal(interfaceEndpointHourlyUsdPerAz()),
    endpointGb: new Decimal(interfaceEndpointPerGbUsd()),
    transferGb: new Decimal(dataTransferOutPerGbUsd()),
    daysInBillingMonth,
  };
}

/** Backup storage held, as a multiple of the source size: grows with retention, then levels off. */
export function retention(month: string, cutover: string): Decimal {
  const months = monthRange(cutover, month).length - 1;
  return Decimal.min(new Decimal('0.4').plus(new Decimal('0.15').times(months)), new Decimal('1.6'));
}

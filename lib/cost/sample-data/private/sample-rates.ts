import { Money } from '../../../shared/money';
import { monthRange } from '../../../shared/months';
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
  readonly ebs: Money;
  readonly backup: Money;
  readonly natHour: Money;
  readonly natGb: Money;
  readonly endpointHour: Money;
  readonly endpointGb: Money;
  readonly transferGb: Money;
  /** Days in the billing month being written (storage is priced per GB-month). */
  readonly daysInBillingMonth: number;
}

export function sampleRates(daysInBillingMonth: number): SampleRates {
  return {
    ebs: new Money(ebsGp3MonthlyUsdPerGiB()),
    backup: new Money(backupStorageMonthlyUsdPerGiB()),
    natHour: new Money(natGatewayHourlyUsd()),
    natGb: new Money(natGatewayPerGbUsd()),
    endpointHour: new Money(interfaceEndpointHourlyUsdPerAz()),
    endpointGb: new Money(interfaceEndpointPerGbUsd()),
    transferGb: new Money(dataTransferOutPerGbUsd()),
    daysInBillingMonth,
  };
}

/** Backup storage held, as a multiple of the source size: grows with retention, then levels off. */
export function retention(month: string, cutover: string): Money {
  const months = monthRange(cutover, month).length - 1;
  return Money.min(new Money('0.4').plus(new Money('0.15').times(months)), new Money('1.6'));
}

import { Money } from '../../../shared/money';
import type { SeededRandom } from '../prng';
import type { MonthLines } from './month-lines';
import type { Period } from './periods';
import type { SampleRates } from './sample-rates';
import { SERVICES } from './services';

/** Interface endpoints the network stack creates (lib/network/service-endpoints.ts). */
export const INTERFACE_ENDPOINT_COUNT = 6;

/**
 * Shared network and monitoring for one period: NAT gateway hours and GB, interface endpoint
 * hours and GB, CloudWatch, AWS Config. Tagged with the estate only (or not at all), so they
 * come back with no application: the untagged spend of the report.
 */
export function sharedLines(
  out: MonthLines,
  p: Period,
  liveServers: number,
  ctx: {
    estateId: string;
    prefix: string;
    rates: SampleRates;
    rng: SeededRandom;
    azCount: number;
    natCount: number;
  },
): void {
  const days = p.endDay - p.startDay;
  const hours = new Money(days * 24);
  const tags = { Estate: ctx.estateId };
  const { rates, rng, prefix } = ctx;
  out.add(p, SERVICES.vpc, {
    billed: rates.natHour.times(hours).times(ctx.natCount),
    description: `NAT gateway hours (${ctx.natCount})`,
    usageType: `${prefix}-NatGateway-Hours`,
    operation: 'NatGateway',
    quantity: hours.times(ctx.natCount),
    unit: 'Hours',
    tags,
  });
  const natGb = new Money(rng.decimal(2, 6, 3))
    .plus(new Money(rng.decimal(0.1, 0.8, 3)).times(liveServers))
    .times(days);
  out.add(p, SERVICES.vpc, {
    billed: rates.natGb.times(natGb),
    description: 'NAT gateway data processed',
    usageType: `${prefix}-NatGateway-Bytes`,
    operation: 'NatGateway',
    quantity: natGb,
    unit: 'GB',
    tags,
  });
  const endpointHours = hours.times(INTERFACE_ENDPOINT_COUNT * ctx.azCount);
  out.add(p, SERVICES.vpc, {
    billed: rates.endpointHour.times(endpointHours),
    description: `Interface VPC endpoint hours (${INTERFACE_ENDPOINT_COUNT} endpoints x ${ctx.azCount} AZs)`,
    usageType: `${prefix}-VpcEndpoint-Hours`,
    operation: 'VpcEndpoint',
    quantity: endpointHours,
    unit: 'Hours',
    tags,
  });
  const endpointGb = new Money(rng.decimal(0.05, 0.4, 3)).times(liveServers + 1).times(days);
  out.add(p, SERVICES.vpc, {
    billed: rates.endpointGb.times(endpointGb),
    description: 'Interface VPC endpoint data processed',
    usageType: `${prefix}-VpcEndpoint-Bytes`,
    operation: 'VpcEndpoint',
    quantity: endpointGb,
    unit: 'GB',
    tags,
  });
  out.add(p, SERVICES.cloudwatch, {
    billed: new Money(rng.decimal(0.4, 1.2, 4)).plus(new Money('0.09').times(liveServers)).times(days),
    description: 'Metrics, logs ingestion and alarms',
    usageType: `${prefix}-CW:MetricMonitorUsage`,
    tags,
  });
  out.add(p, SERVICES.config, {
    billed: new Money(rng.decimal(0.1, 0.3, 4)).times(days),
    description: 'Configuration items recorded',
    usageType: `${prefix}-ConfigurationItemRecorded`,
    tags: {},
  });
}

/** The untagged Purchase line carrying the savings-plan commitment used in the period. */
export function savingsPlanLine(out: MonthLines, p: Period, used: Money, arn: string): void {
  if (!used.gt(0)) return;
  out.add(p, SERVICES.savingsPlans, {
    billed: used,
    effective: new Money(0),
    list: used,
    category: 'Purchase',
    description: '1-year no-upfront Compute Savings Plan commitment',
    usageType: 'ComputeSP:1yrNoUpfront',
    resourceId: arn,
    tags: {},
    extra: {
      CommitmentDiscountId: arn,
      CommitmentDiscountCategory: 'Spend',
      CommitmentDiscountType: 'Compute Savings Plan',
    },
  });
}

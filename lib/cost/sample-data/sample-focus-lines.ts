/**
 * Deterministic sample billing data in the FOCUS 1.0 shape AWS Data Exports writes, built from
 * the plan: what the landing zones would plausibly have cost, month by month, from the agreement
 * start to the clock's month. Inputs are the plan, the clock value and a seed; no Math.random,
 * no wall clock.
 *
 * What appears, in USD at the bundled list prices (lib/cost/pricing) for right-sized types
 * (lib/sizing):
 * - from the agreement start: NAT gateway hours and GB processed, interface VPC endpoint hours
 *   and GB, CloudWatch and AWS Config (tagged with Estate only, so untagged by application);
 * - per landing-zone server/database from the last 30% of the month before its wave's cutover
 *   (build and parallel running) and every day after: EC2 compute, EBS gp3, RDS instance and
 *   storage, data transfer out, and AWS Backup storage from cutover on (growing with retention);
 * - production EC2 moves onto a 1-year Compute Savings Plan two months after cutover: usage is
 *   billed at 0 with the plan rate as EffectiveCost, and one untagged Purchase line per period
 *   carries the commitment (BilledCost), so amortized and unblended totals agree;
 * - closed months only: a MAP migration credit (15% of EC2 and RDS list cost, for the first
 *   twelve months from the first cutover) and UK VAT at 20% per service (Tax lines).
 */
import Decimal from 'decimal.js';
import type { Plan } from '../../plan/plan';
import { addMonths, dateOf, monthOf, monthRange, monthStartDate, nextMonth } from '../billing/months';
import {
  backupStorageMonthlyUsdPerGiB,
  dataTransferOutPerGbUsd,
  ebsGp3MonthlyUsdPerGiB,
  interfaceEndpointHourlyUsdPerAz,
  interfaceEndpointPerGbUsd,
  natGatewayHourlyUsd,
  natGatewayPerGbUsd,
  rdsStorageMonthlyUsdPerGiB,
} from '../pricing';
import type { FocusLine } from './focus-csv';
import {
  activeDays,
  dayNumber,
  firstActiveDay,
  isoTimestamp,
  periodsOf,
  type Period,
} from './private/periods';
import { sampleDatabases, sampleServers } from './private/resources';
import { SeededRandom, stableId } from './prng';

/** Interface endpoints the network stack creates (lib/network/service-endpoints.ts). */
const INTERFACE_ENDPOINT_COUNT = 6;
/** Decimal places written for each amount (AWS writes up to 10; 8 keeps Parquet doubles exact). */
const AMOUNT_DP = 8;
const VAT_RATE = '0.20';
const MAP_CREDIT_RATE = '0.15';
const MAP_CREDIT_MONTHS = 12;

export interface SampleFocusProps {
  readonly plan: Plan;
  /** The clock value: months up to this one; the current month only up to the day before. */
  readonly now: Date;
  /** One line per resource per day, or per month. @default 'monthly' */
  readonly granularity?: 'daily' | 'monthly';
  /** Seed for the pseudo-random quantities (GB transferred, monitoring). @default the estate id */
  readonly seed?: string;
}

export interface SampleMonth {
  readonly month: string;
  /** False for the current (open) month. */
  readonly closed: boolean;
  readonly lines: FocusLine[];
}

const EC2 = { name: 'Amazon Elastic Compute Cloud', code: 'AmazonEC2', category: 'Compute' };
const RDS = { name: 'Amazon Relational Database Service', code: 'AmazonRDS', category: 'Databases' };
const VPC = { name: 'Amazon Virtual Private Cloud', code: 'AmazonVPC', category: 'Networking' };
const BACKUP = { name: 'AWS Backup', code: 'AWSBackup', category: 'Storage' };
const TRANSFER = { name: 'AWS Data Transfer', code: 'AWSDataTransfer', category: 'Networking' };
const CLOUDWATCH = {
  name: 'Amazon CloudWatch',
  code: 'AmazonCloudWatch',
  category: 'Management and Governance',
};
const CONFIG = { name: 'AWS Config', code: 'AWSConfig', category: 'Management and Governance' };
const SAVINGS_PLANS = {
  name: 'Savings Plans for AWS Compute usage',
  code: 'ComputeSavingsPlans',
  category: 'Compute',
};

type Service = typeof EC2;

function money(d: Decimal): string {
  return d.toFixed(AMOUNT_DP, Decimal.ROUND_HALF_EVEN);
}

/** Sample FOCUS lines per month, from the agreement start to the clock's month. */
export function sampleFocusLines(props: SampleFocusProps): SampleMonth[] {
  const { plan, now } = props;
  const granularity = props.granularity ?? 'monthly';
  const rng = new SeededRandom(props.seed ?? plan.estate.id);
  const current = monthOf(now);
  const today = dayNumber(dateOf(now));
  const first = plan.estate.agreement.start;
  if (first > current) return [];

  const servers = sampleServers(plan);
  const databases = sampleDatabases(plan);
  const firstCutover = plan.waves.map((w) => w.cutover).sort()[0] ?? first;
  const account = plan.estate.account;
  const region = plan.estate.region;
  const regionName = region === 'eu-west-2' ? 'Europe (London)' : region;
  const prefix = region === 'eu-west-2' ? 'EUW2' : region.toUpperCase();
  const azCount = plan.network.availabilityZones.length;
  const natCount = plan.network.natGateways === 'per-az' ? azCount : 1;
  const estateTags = { Estate: plan.estate.id };
  const savingsPlanArn = `arn:aws:savingsplans::${account}:savingsplan/${stableId('', `${plan.estate.id}-sp`, 8)}-0000-4000-8000-${stableId('', `${plan.estate.id}-sp2`, 12)}`;

  const rates = {
    ebs: new Decimal(ebsGp3MonthlyUsdPerGiB()),
    backup: new Decimal(backupStorageMonthlyUsdPerGiB()),
    natHour: new Decimal(natGatewayHourlyUsd()),
    natGb: new Decimal(natGatewayPerGbUsd()),
    endpointHour: new Decimal(interfaceEndpointHourlyUsdPerAz()),
    endpointGb: new Decimal(interfaceEndpointPerGbUsd()),
    transferGb: new Decimal(dataTransferOutPerGbUsd()),
  };

  const out: SampleMonth[] = [];
  for (const month of monthRange(first, current)) {
    const closed = month < current;
    const billingStart = isoTimestamp(dayNumber(monthStartDate(month)));
    const billingEnd = isoTimestamp(dayNumber(monthStartDate(nextMonth(month))));
    const monthDays = dayNumber(monthStartDate(nextMonth(month))) - dayNumber(monthStartDate(month));
    const lines: FocusLine[] = [];

    const line = (
      p: Period,
      service: Service,
      fields: {
        billed: Decimal;
        effective?: Decimal;
        list?: Decimal;
        category?: 'Usage' | 'Purchase' | 'Tax' | 'Credit';
        description: string;
        usageType?: string;
        operation?: string;
        quantity?: Decimal;
        unit?: string;
        resourceId?: string;
        resourceName?: string;
        resourceType?: string;
        tags: Record<string, string>;
        extra?: Partial<FocusLine>;
      },
    ): void => {
      const category = fields.category ?? 'Usage';
      lines.push({
        BilledCost: money(fields.billed),
        BillingAccountId: account,
        BillingAccountName: plan.estate.name,
        BillingCurrency: 'USD',
        BillingPeriodStart: billingStart,
        BillingPeriodEnd: billingEnd,
        ChargeCategory: category,
        ChargeDescription: fields.description,
        ChargeFrequency:
          category === 'Purchase' ? 'Recurring' : category === 'Usage' ? 'Usage-Based' : 'One-Time',
        ChargePeriodStart: isoTimestamp(p.startDay),
        ChargePeriodEnd: isoTimestamp(p.endDay),
        ...(fields.quantity
          ? {
              ConsumedQuantity: fields.quantity.toFixed(),
              ConsumedUnit: fields.unit ?? '',
              PricingQuantity: fields.quantity.toFixed(),
              PricingUnit: fields.unit ?? '',
            }
          : {}),
        ContractedCost: money(fields.list ?? fields.billed),
        EffectiveCost: money(fields.effective ?? fields.billed),
        InvoiceIssuerName: 'Amazon Web Services EMEA SARL',
        ListCost: money(fields.list ?? fields.billed),
        PricingCategory: category === 'Usage' ? 'Standard' : '',
        ProviderName: 'AWS',
        PublisherName: 'Amazon Web Services EMEA SARL',
        RegionId: region,
        RegionName: regionName,
        ...(fields.resourceId ? { ResourceId: fields.resourceId } : {}),
        ...(fields.resourceName ? { ResourceName: fields.resourceName } : {}),
        ...(fields.resourceType ? { ResourceType: fields.resourceType } : {}),
        ServiceCategory: service.category,
        ServiceName: service.name,
        SubAccountId: account,
        SubAccountName: plan.estate.name,
        Tags: fields.tags,
        x_ServiceCode: service.code,
        ...(fields.usageType ? { x_UsageType: fields.usageType } : {}),
        ...(fields.operation ? { x_Operation: fields.operation } : {}),
        ...fields.extra,
      });
    };

    const listByService = new Map<string, Decimal>();
    const addList = (service: string, v: Decimal) =>
      listByService.set(service, (listByService.get(service) ?? new Decimal(0)).plus(v));

    for (const p of periodsOf(month, today, granularity)) {
      const days = p.endDay - p.startDay;
      const hours = new Decimal(days * 24);
      const monthShare = new Decimal(days).dividedBy(monthDays);
      let liveServers = 0;
      let savingsPlanUsed = new Decimal(0);

      for (const s of servers) {
        const d = activeDays(p, firstActiveDay(s.cutover));
        if (d === 0) continue;
        liveServers += 1;
        const h = new Decimal(d * 24);
        const tags = { Application: s.application, MigrationWave: s.wave, Estate: plan.estate.id };
        const instanceId = stableId('i-', s.id);
        const onDemand = s.onDemandHourly.times(h);
        const covered = s.production && month >= addMonths(s.cutover, 2);
        const sp = s.savingsPlanHourly.times(h);
        if (covered) savingsPlanUsed = savingsPlanUsed.plus(sp);
        addList(EC2.name, onDemand);
        line(p, EC2, {
          billed: covered ? new Decimal(0) : onDemand,
          effective: covered ? sp : onDemand,
          list: onDemand,
          description: `${s.instanceType} ${s.os === 'windows' ? 'Windows' : 'Linux'} on-demand hours`,
          usageType: `${prefix}-BoxUsage:${s.instanceType}`,
          operation: s.os === 'windows' ? 'RunInstances:0002' : 'RunInstances',
          quantity: h,
          unit: 'Hours',
          resourceId: instanceId,
          resourceName: s.id,
          resourceType: 'Instance',
          tags,
          extra: covered
            ? {
                PricingCategory: 'Committed',
                CommitmentDiscountCategory: 'Spend',
                CommitmentDiscountId: savingsPlanArn,
                CommitmentDiscountStatus: 'Used',
                CommitmentDiscountType: 'Compute Savings Plan',
              }
            : {},
        });
        const gibMonths = new Decimal(s.diskGiB).times(d).dividedBy(monthDays);
        const ebs = rates.ebs.times(gibMonths);
        addList(EC2.name, ebs);
        line(p, EC2, {
          billed: ebs,
          description: `gp3 storage, ${s.diskGiB} GiB`,
          usageType: `${prefix}-EBS:VolumeUsage.gp3`,
          operation: 'CreateVolume-Gp3',
          quantity: gibMonths.toDecimalPlaces(6),
          unit: 'GB-Mo',
          resourceId: stableId('vol-', s.id),
          resourceType: 'Volume',
          tags,
        });
        const gbOut = new Decimal(rng.decimal(0.2, 3, 3)).times(d);
        const transfer = rates.transferGb.times(gbOut);
        addList(TRANSFER.name, transfer);
        line(p, TRANSFER, {
          billed: transfer,
          description: 'Data transfer out to the internet',
          usageType: `${prefix}-DataTransfer-Out-Bytes`,
          operation: 'RunInstances',
          quantity: gbOut,
          unit: 'GB',
          resourceId: instanceId,
          tags,
        });
        const backupDays = activeDays(p, dayNumber(monthStartDate(s.cutover)));
        if (backupDays > 0) {
          const gib = new Decimal(s.diskGiB)
            .times(retention(month, s.cutover))
            .times(backupDays)
            .dividedBy(monthDays);
          const backup = rates.backup.times(gib);
          addList(BACKUP.name, backup);
          line(p, BACKUP, {
            billed: backup,
            description: 'EBS snapshot warm storage',
            usageType: `${prefix}-EBS:SnapshotUsage`,
            quantity: gib.toDecimalPlaces(6),
            unit: 'GB-Mo',
            resourceId: `arn:aws:ec2:${region}::snapshot/${stableId('snap-', `${s.id}-${month}`)}`,
            tags,
          });
        }
      }

      for (const db of databases) {
        const d = activeDays(p, firstActiveDay(db.cutover));
        if (d === 0) continue;
        const h = new Decimal(d * 24);
        const tags = { Application: db.application, MigrationWave: db.wave, Estate: plan.estate.id };
        const arn = `arn:aws:rds:${region}:${account}:db:${db.id}`;
        const instance = db.hourly.times(h);
        addList(RDS.name, instance);
        line(p, RDS, {
          billed: instance,
          description: `${db.instanceClass} ${db.engine}${db.multiAz ? ' Multi-AZ' : ''} instance hours`,
          usageType: `${prefix}-${db.multiAz ? 'Multi-AZUsage' : 'InstanceUsage'}:${db.instanceClass}`,
          operation: 'CreateDBInstance',
          quantity: h,
          unit: 'Hours',
          resourceId: arn,
          resourceName: db.id,
          resourceType: 'DBInstance',
          tags,
        });
        const gibMonths = new Decimal(db.sizeGiB).times(d).dividedBy(monthDays);
        const storage = new Decimal(rdsStorageMonthlyUsdPerGiB(db.multiAz)).times(gibMonths);
        addList(RDS.name, storage);
        line(p, RDS, {
          billed: storage,
          description: `gp3 storage, ${db.sizeGiB} GiB`,
          usageType: `${prefix}-RDS:${db.multiAz ? 'Multi-AZ-' : ''}GP3-Storage`,
          quantity: gibMonths.toDecimalPlaces(6),
          unit: 'GB-Mo',
          resourceId: arn,
          tags,
        });
        const backupDays = activeDays(p, dayNumber(monthStartDate(db.cutover)));
        if (backupDays > 0) {
          const gib = new Decimal(db.sizeGiB)
            .times(retention(month, db.cutover))
            .times(backupDays)
            .dividedBy(monthDays);
          const backup = rates.backup.times(gib);
          addList(BACKUP.name, backup);
          line(p, BACKUP, {
            billed: backup,
            description: 'RDS snapshot warm storage',
            usageType: `${prefix}-RDS:ChargedBackupUsage`,
            quantity: gib.toDecimalPlaces(6),
            unit: 'GB-Mo',
            resourceId: arn,
            tags,
          });
        }
      }

      // Shared network and monitoring: tagged with the estate only, so untagged by application.
      const nat = rates.natHour.times(hours).times(natCount);
      addList(VPC.name, nat);
      line(p, VPC, {
        billed: nat,
        description: `NAT gateway hours (${natCount})`,
        usageType: `${prefix}-NatGateway-Hours`,
        operation: 'NatGateway',
        quantity: hours.times(natCount),
        unit: 'Hours',
        tags: estateTags,
      });
      const natGb = new Decimal(rng.decimal(2, 6, 3))
        .plus(new Decimal(rng.decimal(0.1, 0.8, 3)).times(liveServers))
        .times(days);
      const natData = rates.natGb.times(natGb);
      addList(VPC.name, natData);
      line(p, VPC, {
        billed: natData,
        description: 'NAT gateway data processed',
        usageType: `${prefix}-NatGateway-Bytes`,
        operation: 'NatGateway',
        quantity: natGb,
        unit: 'GB',
        tags: estateTags,
      });
      const endpoints = rates.endpointHour.times(hours).times(INTERFACE_ENDPOINT_COUNT * azCount);
      addList(VPC.name, endpoints);
      line(p, VPC, {
        billed: endpoints,
        description: `Interface VPC endpoint hours (${INTERFACE_ENDPOINT_COUNT} endpoints x ${azCount} AZs)`,
        usageType: `${prefix}-VpcEndpoint-Hours`,
        operation: 'VpcEndpoint',
        quantity: hours.times(INTERFACE_ENDPOINT_COUNT * azCount),
        unit: 'Hours',
        tags: estateTags,
      });
      const endpointGb = new Decimal(rng.decimal(0.05, 0.4, 3)).times(liveServers + 1).times(days);
      const endpointData = rates.endpointGb.times(endpointGb);
      addList(VPC.name, endpointData);
      line(p, VPC, {
        billed: endpointData,
        description: 'Interface VPC endpoint data processed',
        usageType: `${prefix}-VpcEndpoint-Bytes`,
        operation: 'VpcEndpoint',
        quantity: endpointGb,
        unit: 'GB',
        tags: estateTags,
      });
      const cloudwatch = new Decimal(rng.decimal(0.4, 1.2, 4))
        .plus(new Decimal('0.09').times(liveServers))
        .times(days);
      addList(CLOUDWATCH.name, cloudwatch);
      line(p, CLOUDWATCH, {
        billed: cloudwatch,
        description: 'Metrics, logs ingestion and alarms',
        usageType: `${prefix}-CW:MetricMonitorUsage`,
        tags: estateTags,
      });
      const config = new Decimal(rng.decimal(0.1, 0.3, 4)).times(monthShare.times(monthDays));
      addList(CONFIG.name, config);
      line(p, CONFIG, {
        billed: config,
        description: 'Configuration items recorded',
        usageType: `${prefix}-ConfigurationItemRecorded`,
        tags: {},
      });

      if (savingsPlanUsed.gt(0)) {
        line(p, SAVINGS_PLANS, {
          billed: savingsPlanUsed,
          effective: new Decimal(0),
          list: savingsPlanUsed,
          category: 'Purchase',
          description: '1-year no-upfront Compute Savings Plan commitment',
          usageType: 'ComputeSP:1yrNoUpfront',
          resourceId: savingsPlanArn,
          tags: {},
          extra: {
            CommitmentDiscountId: savingsPlanArn,
            CommitmentDiscountCategory: 'Spend',
            CommitmentDiscountType: 'Compute Savings Plan',
          },
        });
        addList(SAVINGS_PLANS.name, savingsPlanUsed);
      }
    }

    if (closed) {
      const whole: Period = {
        month,
        startDay: dayNumber(monthStartDate(month)),
        endDay: dayNumber(monthStartDate(nextMonth(month))),
      };
      const creditUntil = addMonths(firstCutover, MAP_CREDIT_MONTHS - 1);
      const taxBase = new Map(listByService);
      if (month >= firstCutover && month <= creditUntil) {
        const base = (listByService.get(EC2.name) ?? new Decimal(0)).plus(
          listByService.get(RDS.name) ?? new Decimal(0),
        );
        const credit = base.times(MAP_CREDIT_RATE).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN).negated();
        if (!credit.isZero()) {
          line(whole, EC2, {
            billed: credit,
            category: 'Credit',
            description: 'AWS Migration Acceleration Program credit',
            usageType: 'MAP-Credit',
            tags: {},
          });
          taxBase.set(EC2.name, (taxBase.get(EC2.name) ?? new Decimal(0)).plus(credit));
        }
      }
      for (const [service, base] of [...taxBase.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const tax = base.times(VAT_RATE).toDecimalPlaces(2, Decimal.ROUND_HALF_EVEN);
        if (tax.isZero()) continue;
        const svc = [EC2, RDS, VPC, BACKUP, TRANSFER, CLOUDWATCH, CONFIG, SAVINGS_PLANS].find(
          (s) => s.name === service,
        )!;
        line(whole, svc, {
          billed: tax,
          category: 'Tax',
          description: 'UK VAT at 20%',
          usageType: 'Tax:VAT',
          tags: {},
        });
      }
    }
    out.push({ month, closed, lines });
  }
  return out;
}

/** Backup storage held, as a multiple of the source size: grows with retention, then levels off. */
function retention(month: string, cutover: string): Decimal {
  const months = monthRange(cutover, month).length - 1;
  return Decimal.min(new Decimal('0.4').plus(new Decimal('0.15').times(months)), new Decimal('1.6'));
}

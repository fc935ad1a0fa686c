/**
 * Projected monthly AWS cost of the plan, from the estate model's decisions (instance type and
 * class, Multi-AZ: lib/estate-model) and a price snapshot, at on-demand and 1- / 3-year Compute Savings Plan rates. Pure: no I/O, no clock.
 */
import { getsLandingZone, type Plan } from '../../plan/plan';
import { buildEstateModel, databaseDecision, serverDecision } from '../../estate-model';
import { Money, penny, sumPresented } from '../../shared/money';
import { INTERFACE_ENDPOINT_IDS, MGN_INTERFACE_ENDPOINT_IDS } from '../../network/interface-endpoint-ids';
import { replicationNetworkOf } from '../../migration/replication-network';
import { serverEntry } from '../../estate-model/routes/entry-route';
import {
  backupStorageMonthlyUsdPerGiB,
  ebsGp3MonthlyUsdPerGiB,
  ec2HourlyUsd,
  HOURS_PER_MONTH,
  interfaceEndpointHourlyUsdPerAz,
  natGatewayHourlyUsd,
  rdsHourlyUsd,
  rdsStorageMonthlyUsdPerGiB,
  EC2_RATES,
  type Ec2Rate,
  type PriceSnapshot,
} from '../pricing';
import type { ByRate, CostEstimate, EstimateGroup, EstimateItem, NotCosted } from './types';
import { extendedSupportFor } from './extended-support';

export const ESTIMATE_ROUNDING_RULE =
  'Each line is computed exactly (decimal.js) and rounded half-up to the cent (USD) and to the penny (GBP) once; every total is the sum of the rounded lines above it.';

export interface EstimateInput {
  readonly plan: Plan;
  readonly snapshot: PriceSnapshot;
  /** The clock's date, YYYY-MM-DD. */
  readonly today: string;
}

type Exact = Record<Ec2Rate, Money>;

function same(v: Money): Exact {
  return { 'on-demand': v, 'savings-plan-1yr': v, 'savings-plan-3yr': v };
}

function rounded(x: Exact, rate: Money): { usd: ByRate; gbp: ByRate } {
  const usd = {} as Record<Ec2Rate, string>;
  const gbp = {} as Record<Ec2Rate, string>;
  for (const r of EC2_RATES) {
    usd[r] = penny(x[r]);
    gbp[r] = penny(x[r].times(rate));
  }
  return { usd, gbp };
}

function sumBy(lines: readonly ByRate[]): ByRate {
  const out = {} as Record<Ec2Rate, string>;
  for (const r of EC2_RATES) out[r] = sumPresented(lines.map((l) => l[r]));
  return out;
}

export function estimateCost(input: EstimateInput): CostEstimate {
  const { plan, snapshot } = input;
  const latestRate = [...plan.baseline.exchangeRates].sort((a, b) => (a.from < b.from ? 1 : -1))[0]!;
  const rate = new Money(latestRate.usdToGbp);
  const hours = new Money(HOURS_PER_MONTH);
  const items: EstimateItem[] = [];
  const notCosted: NotCosted[] = [];
  const model = buildEstateModel(plan);
  const push = (item: Omit<EstimateItem, 'monthlyUsd' | 'monthlyGbp'>, exact: Exact) => {
    const { usd, gbp } = rounded(exact, rate);
    items.push({ ...item, monthlyUsd: usd, monthlyGbp: gbp });
  };

  for (const s of plan.servers) {
    if (!getsLandingZone(s)) {
      notCosted.push({ id: s.id, kind: 'server', strategy: s.strategy });
      continue;
    }
    const decided = serverDecision(model, s.id);
    const sizing = decided.size;
    const os = decided.os;
    const diskGiB = s.disks.reduce((a, d) => a + d.sizeGiB, 0);
    const storage = new Money(diskGiB).times(ebsGp3MonthlyUsdPerGiB(snapshot));
    const backup = new Money(diskGiB).times(backupStorageMonthlyUsdPerGiB(snapshot));
    const exact = {} as Exact;
    for (const r of EC2_RATES) {
      exact[r] = new Money(ec2HourlyUsd(sizing.instanceType, os, r, snapshot))
        .times(hours)
        .plus(storage)
        .plus(backup);
    }
    push(
      {
        kind: 'server',
        id: s.id,
        application: s.application,
        wave: s.wave,
        resource: `${sizing.instanceType} ${os === 'windows' ? 'Windows' : 'Linux'}, gp3 ${diskGiB} GiB, backup ${diskGiB} GiB`,
        reason: sizing.reason,
        priced: {
          type: sizing.instanceType,
          multiAz: false,
          availabilityZone: decided.placement.availabilityZone,
        },
      },
      exact,
    );
  }

  for (const d of plan.databases) {
    if (!getsLandingZone(d)) {
      notCosted.push({ id: d.id, kind: 'database', strategy: d.strategy });
      continue;
    }
    const decided = databaseDecision(model, d.id);
    const sizing = decided.size;
    const multiAz = decided.highAvailability.multiAz;
    const edition = decided.engine.edition ?? undefined;
    const hourly = rdsHourlyUsd(sizing.instanceClass, d.engine, edition, d.licence, multiAz, snapshot);
    const cutover = `${plan.waves.find((w) => w.id === d.wave)?.cutover ?? input.today.slice(0, 7)}-01`;
    const extended = extendedSupportFor(d, cutover > input.today ? cutover : input.today, snapshot);
    const vcpu = snapshot.rds[sizing.instanceClass]?.vcpu ?? 0;
    const extendedHourly = extended
      ? new Money(extended.vcpuHourUsd).times(vcpu).times(multiAz ? 2 : 1)
      : new Money(0);
    const monthly = new Money(hourly)
      .plus(extendedHourly)
      .times(hours)
      .plus(new Money(d.sizeGiB).times(rdsStorageMonthlyUsdPerGiB(multiAz, snapshot)))
      .plus(new Money(d.sizeGiB).times(backupStorageMonthlyUsdPerGiB(snapshot)));
    const extendedText = extended
      ? `, RDS Extended Support ${extended.band} (${vcpu} vCPU x $${extended.vcpuHourUsd}/vCPU-hour${multiAz ? ' x 2 for Multi-AZ' : ''})`
      : '';
    const extendedReason = extended
      ? `; ${extended.product} is past RDS standard support (${extended.source}): upgrade to stop the surcharge`
      : '';
    push(
      {
        kind: 'database',
        id: d.id,
        application: d.application,
        wave: d.wave,
        resource: `${sizing.instanceClass} ${d.engine}${edition ? ` ${edition}` : ''}${multiAz ? ' Multi-AZ' : ''}, gp3 ${d.sizeGiB} GiB, backup ${d.sizeGiB} GiB${extendedText}`,
        reason: `${sizing.reason}; ${decided.highAvailability.reason}; licence ${d.licence}; RDS is not covered by Compute Savings Plans (on-demand at every rate)${extendedReason}`,
        priced: { type: sizing.instanceClass, multiAz, availabilityZone: null },
      },
      same(monthly),
    );
  }

  const firstWave = plan.waves[0]!.id;
  const azs = plan.network.availabilityZones.length;
  const nats = plan.network.natGateways === 'per-az' ? azs : 1;
  // One VPC per workload account the estate model places resources in (production first, with the
  // ids it always had); the plan's NAT choice and zones apply to each. An account MGN replicates
  // into privately also gets the MGN and EC2 interface endpoints.
  const accountOf = new Map(model.servers.map((s) => [s.id, s.account.role]));
  const privateMgn = replicationNetworkOf(plan) === 'private';
  for (const account of model.accounts) {
    const mgnHere = plan.servers.some(
      (s) => serverEntry(s).route === 'mgn' && accountOf.get(s.id) === account.role,
    );
    const endpoints =
      INTERFACE_ENDPOINT_IDS.length + (privateMgn && mgnHere ? MGN_INTERFACE_ENDPOINT_IDS.length : 0);
    const idPrefix = account.role === 'production' ? '' : `${account.role}-`;
    const where = account.role === 'production' ? '' : ` in the ${account.role} account ${account.account}`;
    push(
      {
        kind: 'shared',
        id: `${idPrefix}nat-gateways`,
        application: null,
        wave: firstWave,
        resource: `${nats} NAT gateway(s) (${plan.network.natGateways})${where}`,
        reason: 'hourly charge only; data processed is not estimated',
      },
      same(new Money(natGatewayHourlyUsd(snapshot)).times(hours).times(nats)),
    );
    push(
      {
        kind: 'shared',
        id: `${idPrefix}interface-endpoints`,
        application: null,
        wave: firstWave,
        resource: `${endpoints} interface endpoints x ${azs} AZs${where}`,
        reason: 'hourly charge only (lib/network ServiceEndpoints); data processed is not estimated',
      },
      same(new Money(interfaceEndpointHourlyUsdPerAz(snapshot)).times(hours).times(endpoints * azs)),
    );
  }

  const group = (
    key: string | null,
    label: string,
    pick: (i: EstimateItem) => boolean,
    legacy?: string,
  ): EstimateGroup => ({
    key,
    label,
    monthlyGbp: sumBy(items.filter(pick).map((i) => i.monthlyGbp)),
    ...(legacy !== undefined ? { legacyMonthlyGbp: legacy } : {}),
  });
  const legacyScoped = (pick: (c: Plan['baseline']['monthlyCosts'][number]) => boolean) => {
    const costs = plan.baseline.monthlyCosts.filter(pick);
    return costs.length === 0 ? undefined : sumPresented(costs.map((c) => penny(new Money(c.monthlyGbp))));
  };
  const byWave = [
    ...plan.waves.map((w) =>
      group(
        w.id,
        w.name,
        (i) => i.wave === w.id,
        legacyScoped(
          (c) => 'waves' in c.appliesTo && c.appliesTo.waves.length === 1 && c.appliesTo.waves[0] === w.id,
        ),
      ),
    ),
  ];
  const byApplication = [
    ...plan.applications.map((a) =>
      group(
        a.id,
        a.name,
        (i) => i.application === a.id,
        legacyScoped(
          (c) =>
            'applications' in c.appliesTo &&
            c.appliesTo.applications.length === 1 &&
            c.appliesTo.applications[0] === a.id,
        ),
      ),
    ),
    group(null, 'Shared (network)', (i) => i.application === null),
  ];
  const totalMonthlyGbp = sumBy(items.map((i) => i.monthlyGbp));
  const totalMonthlyUsd = sumBy(items.map((i) => i.monthlyUsd));
  const legacyMonthlyGbp = sumPresented(
    plan.baseline.monthlyCosts.map((c) => penny(new Money(c.monthlyGbp))),
  );
  const monthlySavingGbp = {} as Record<Ec2Rate, string>;
  for (const r of EC2_RATES)
    monthlySavingGbp[r] = new Money(legacyMonthlyGbp).minus(totalMonthlyGbp[r]).toFixed(2);

  return {
    estate: { id: plan.estate.id, name: plan.estate.name },
    generatedOn: input.today,
    region: snapshot.metadata.region,
    hoursPerMonth: HOURS_PER_MONTH,
    priceSnapshot: {
      asOf: snapshot.metadata.asOf,
      source: snapshot.metadata.source,
      method: snapshot.metadata.method,
    },
    exchangeRate: { from: latestRate.from, usdToGbp: latestRate.usdToGbp, source: latestRate.source },
    items,
    notCosted,
    byWave,
    byApplication,
    totalMonthlyGbp,
    totalMonthlyUsd,
    legacyMonthlyGbp,
    monthlySavingGbp,
    assumptions: [
      `Prices: ${snapshot.metadata.region} snapshot as of ${snapshot.metadata.asOf} (${snapshot.metadata.method}); ${HOURS_PER_MONTH} hours a month; instances run all month.`,
      `Converted at ${latestRate.usdToGbp} GBP per USD (the baseline's latest rate, from ${latestRate.from}: ${latestRate.source}).`,
      'Savings plans: Compute Savings Plans, no upfront, cover EC2 compute only; the Windows licence surcharge, RDS, storage and network stay at on-demand prices.',
      'Storage: EBS gp3 for every server disk and RDS gp3 for every database at the planned size; backup: one full copy of every disk and database in AWS Backup warm storage.',
      'Not estimated: data transfer, NAT/endpoint data processing, CloudWatch, KMS requests, support plan, tax.',
      'Legacy saving compares the whole baseline (before inflation) with AWS once every wave has moved.',
      ...snapshot.metadata.notes,
    ],
    roundingRule: ESTIMATE_ROUNDING_RULE,
  };
}

/** The estimate as comparison input: monthly on-demand USD per wave and application. */
export function estimateLines(
  estimate: CostEstimate,
): { wave: string; application: string | null; monthlyUsd: string }[] {
  return estimate.items.map((i) => ({
    wave: i.wave,
    application: i.application,
    monthlyUsd: i.monthlyUsd['on-demand'],
  }));
}

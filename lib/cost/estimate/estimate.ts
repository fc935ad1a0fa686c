/**
 * Projected monthly AWS cost of the plan: a fold over the estate model's items (instance type and
 * class, tenancy, disks, allocated storage, Multi-AZ, NAT gateways: lib/estate-model, the same
 * decisions the templates carry) priced from a snapshot, at on-demand and 1- / 3-year Compute
 * Savings Plan rates. Pure: no I/O, no clock.
 */
import type { DatabaseDecision, EstateModel, LegacyBaselineModel, ServerDecision } from '../../estate-model';
import { Money, penny, sumPresented } from '../../shared/money';
import { replicationNetworkOf } from '../../migration/replication-network';
import { EC2_RATES, HOURS_PER_MONTH, type Ec2Rate, type PriceSnapshot } from '../pricing';
import type { ByRate, CostEstimate, EstimateGroup, EstimateItem, NotCosted } from './types';
import { roundLine, sumBy, type ExactLine } from './line-pricing';
import { DEDICATED_HOST_ASSUMPTION, serverLine } from './server-line';
import { databaseLine } from './database-line';
import { networkLines } from './network-lines';

export const ESTIMATE_ROUNDING_RULE =
  'Each line is computed exactly (decimal.js) and rounded half-up to the cent (USD) and to the penny (GBP) once; every total is the sum of the rounded lines above it.';

export interface EstimateInput {
  /** The estate model (lib/estate-model): its items, network, planned waves and applications, and legacy baseline. */
  readonly model: EstateModel;
  readonly snapshot: PriceSnapshot;
  /** The clock's date, YYYY-MM-DD. */
  readonly today: string;
}

type ExchangeRate = LegacyBaselineModel['latestRate'];
type LegacyCost = LegacyBaselineModel['monthlyCosts'][number];

/** Extended Support is read at the later of today and the database's cut-over month. */
function extendedSupportDate(model: EstateModel, d: DatabaseDecision, today: string): string {
  const cutover = `${model.planned.waves.find((w) => w.id === d.wave)?.cutover ?? today.slice(0, 7)}-01`;
  return cutover > today ? cutover : today;
}

/** Every priced line: servers, then databases, then the shared network, in model order. */
function exactLines(input: EstimateInput): ExactLine[] {
  const { model, snapshot, today } = input;
  const servers = model.servers.filter((s): s is ServerDecision => s.landingZone);
  const databases = model.databases.filter((d): d is DatabaseDecision => d.landingZone);
  return [
    ...servers.map((s) => serverLine(s, snapshot)),
    ...databases.map((d) => databaseLine(d, { snapshot, onDate: extendedSupportDate(model, d, today) })),
    ...networkLines({
      model,
      snapshot,
      privateMgn: replicationNetworkOf(model) === 'private',
      firstWave: model.planned.waves[0]!.id,
    }),
  ];
}

function notCostedOf(model: EstateModel): NotCosted[] {
  return [...model.servers, ...model.databases]
    .filter((i) => !i.landingZone)
    .map((i) => ({ id: i.id, kind: i.kind, strategy: i.strategy }));
}

/** The baseline's costs that name exactly one wave or application, summed; undefined for none. */
function legacyScoped(model: EstateModel, pick: (c: LegacyCost) => boolean): string | undefined {
  const costs = model.baseline.monthlyCosts.filter(pick);
  return costs.length === 0 ? undefined : sumPresented(costs.map((c) => penny(new Money(c.monthlyGbp))));
}

function group(
  items: readonly EstimateItem[],
  key: string | null,
  label: string,
  pick: (i: EstimateItem) => boolean,
  legacy?: string,
): EstimateGroup {
  return {
    key,
    label,
    monthlyGbp: sumBy(items.filter(pick).map((i) => i.monthlyGbp)),
    ...(legacy !== undefined ? { legacyMonthlyGbp: legacy } : {}),
  };
}

function byWaveOf(model: EstateModel, items: readonly EstimateItem[]): EstimateGroup[] {
  const only = (c: LegacyCost, wave: string) =>
    'waves' in c.appliesTo && c.appliesTo.waves.length === 1 && c.appliesTo.waves[0] === wave;
  return model.planned.waves.map((w) =>
    group(
      items,
      w.id,
      w.name,
      (i) => i.wave === w.id,
      legacyScoped(model, (c) => only(c, w.id)),
    ),
  );
}

function byApplicationOf(model: EstateModel, items: readonly EstimateItem[]): EstimateGroup[] {
  const only = (c: LegacyCost, app: string) =>
    'applications' in c.appliesTo &&
    c.appliesTo.applications.length === 1 &&
    c.appliesTo.applications[0] === app;
  return [
    ...model.planned.applications.map((a) =>
      group(
        items,
        a.id,
        a.name,
        (i) => i.application === a.id,
        legacyScoped(model, (c) => only(c, a.id)),
      ),
    ),
    group(items, null, 'Shared (network)', (i) => i.application === null),
  ];
}

function savingOf(legacyMonthlyGbp: string, total: ByRate): ByRate {
  const out = {} as Record<Ec2Rate, string>;
  for (const r of EC2_RATES) out[r] = new Money(legacyMonthlyGbp).minus(total[r]).toFixed(2);
  return out;
}

function assumptionsOf(snapshot: PriceSnapshot, rate: ExchangeRate, model: EstateModel): string[] {
  const hosts = model.servers.some((s) => s.landingZone && s.licensing.tenancy === 'host');
  return [
    `Prices: ${snapshot.metadata.region} snapshot as of ${snapshot.metadata.asOf} (${snapshot.metadata.method}); ${HOURS_PER_MONTH} hours a month; instances run all month.`,
    `Converted at ${rate.usdToGbp} GBP per USD (the baseline's latest rate, from ${rate.from}: ${rate.source}).`,
    'Savings plans: Compute Savings Plans, no upfront, cover EC2 compute only; the Windows licence surcharge, RDS, storage and network stay at on-demand prices.',
    "Storage: EBS gp3 for every server disk at its planned size; RDS gp3 at the storage each database is allocated (its planned size plus 20 % headroom, at least 20 GiB, as the templates build it); backup: one full copy of every disk and of every database's planned data in AWS Backup warm storage.",
    ...(hosts ? [DEDICATED_HOST_ASSUMPTION] : []),
    'Not estimated: data transfer, NAT/endpoint data processing, CloudWatch, KMS requests, support plan, tax.',
    'Legacy saving compares the whole baseline (before inflation) with AWS once every wave has moved.',
    ...snapshot.metadata.notes,
  ];
}

/**
 * The estimate: every model item priced exactly (exactLines), each line rounded once at the
 * baseline's latest rate, then totals, groups and savings summed from the rounded lines.
 */
export function estimateCost(input: EstimateInput): CostEstimate {
  const { model, snapshot } = input;
  const rate = model.baseline.latestRate;
  const items = exactLines(input).map((l) => roundLine(l, new Money(rate.usdToGbp)));
  const totalMonthlyGbp = sumBy(items.map((i) => i.monthlyGbp));
  const legacyMonthlyGbp = sumPresented(
    model.baseline.monthlyCosts.map((c) => penny(new Money(c.monthlyGbp))),
  );
  return {
    estate: { id: model.estate.id, name: model.estate.name },
    generatedOn: input.today,
    region: snapshot.metadata.region,
    hoursPerMonth: HOURS_PER_MONTH,
    priceSnapshot: {
      asOf: snapshot.metadata.asOf,
      source: snapshot.metadata.source,
      method: snapshot.metadata.method,
    },
    exchangeRate: { from: rate.from, usdToGbp: rate.usdToGbp, source: rate.source },
    items,
    notCosted: notCostedOf(model),
    natGateways: items.reduce((n, i) => n + (i.natGateways ?? 0), 0),
    byWave: byWaveOf(model, items),
    byApplication: byApplicationOf(model, items),
    totalMonthlyGbp,
    totalMonthlyUsd: sumBy(items.map((i) => i.monthlyUsd)),
    legacyMonthlyGbp,
    monthlySavingGbp: savingOf(legacyMonthlyGbp, totalMonthlyGbp),
    assumptions: assumptionsOf(snapshot, rate, model),
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

/**
 * The exit plan of an estate: for every server and database on AWS its exit route (the estate
 * model's decision, read from each model item), volume, duration and cost under stated
 * assumptions, in the order they leave (reverse wave, then reverse dependency). Pure.
 */
import {
  exitReadiness,
  exitReadinessScore,
  type DatabaseExitRoute,
  type ExitBlocker,
  type ServerExitRoute,
} from '../estate-model/routes/exit-route';
import { instanceIdentifierFor } from '../database/instance-identifier';
import { Money as Dec, penny, sumPresented } from '../shared/money';
import type { DatabaseModel, EstateModel, ServerModel } from '../estate-model/estate-model';
import type { PlanDatabase, PlanServer } from '../plan/plan';
import { DEFAULT_EXIT_ASSUMPTIONS, describeAssumptions, type ExitAssumptions } from './assumptions';
import type { ExitItem, NotOnAwsItem } from './exit-item';
import { exitBucketName } from './exit-names';
import { orderForExit } from './exit-order';
import { databaseSteps, serverSteps } from './route-steps';

export interface ExitTotals {
  readonly items: number;
  readonly volumeGiB: number;
  readonly hours: number;
  readonly egressUsd: string;
  readonly storageUsd: string;
  readonly stagingUsd: string;
  readonly snapshotExportUsd: string;
  readonly totalUsd: string;
  readonly totalWithWaiverUsd: string;
  readonly ready: number;
  readonly degraded: number;
  readonly blocked: number;
}

export interface ExitWaveSummary {
  readonly wave: string;
  readonly order: number;
  readonly items: number;
  readonly volumeGiB: number;
  /** Elapsed hours with the export concurrency quota: max(longest item, total / concurrency). */
  readonly elapsedHours: number;
}

export interface ExitPlan {
  readonly estate: { readonly id: string; readonly name: string; readonly region: string };
  readonly bucket: string;
  /** In leaving order. */
  readonly items: readonly ExitItem[];
  readonly notOnAws: readonly NotOnAwsItem[];
  readonly waves: readonly ExitWaveSummary[];
  readonly totals: ExitTotals;
  readonly assumptions: ExitAssumptions;
  readonly assumptionLines: readonly string[];
}

export interface ExitPlanOptions {
  readonly assumptions?: ExitAssumptions;
}

const GB_PER_GIB = new Dec('1.073741824');
const HOURS_PER_MONTH = 730;

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

interface Costing {
  readonly volumeGiB: number;
  readonly workHours: number;
  readonly stagingHours: number;
  readonly parquet: boolean;
}

function costs(c: Costing, a: ExitAssumptions) {
  const gb = new Dec(c.volumeGiB).times(GB_PER_GIB);
  const egress = penny(gb.times(a.egressUsdPerGb));
  const storage = penny(gb.times(a.s3StandardUsdPerGbMonth).times(a.retainedMonths));
  const staging = penny(gb.times(a.gp3UsdPerGbMonth).times(c.stagingHours).dividedBy(HOURS_PER_MONTH));
  const snapshotExport = penny(c.parquet ? gb.times(a.rdsSnapshotExportUsdPerGb) : new Dec(0));
  const total = sumPresented([egress, storage, staging, snapshotExport]);
  return {
    egressUsd: egress,
    storageUsd: storage,
    stagingUsd: staging,
    snapshotExportUsd: snapshotExport,
    totalUsd: total,
    totalWithWaiverUsd: new Dec(total).minus(egress).toFixed(2),
  };
}

/** What every item's exit needs from the whole estate. */
interface ExitContext {
  readonly model: EstateModel;
  readonly a: ExitAssumptions;
  /** The exit bucket of the production account. */
  readonly bucket: string;
}

/** An item in a separate workload account exports to that account's exit bucket. */
function bucketOf(ctx: ExitContext, item: ServerModel | DatabaseModel): string {
  const { account } = item;
  return account.role !== 'production'
    ? exitBucketName({
        estateId: ctx.model.estate.id,
        account: account.account,
        region: ctx.model.estate.region,
      })
    : ctx.bucket;
}

function notOnAwsOf(item: ServerModel | DatabaseModel, reason: string): NotOnAwsItem {
  return { type: item.kind, id: item.id, wave: item.wave, strategy: item.strategy, reason };
}

/** GiB that leave a server: its data disks for a data export, every disk but swap otherwise. */
function serverVolumeGiB(route: ServerExitRoute, server: PlanServer): number {
  const sum = (disks: PlanServer['disks']) => disks.reduce((s, d) => s + d.sizeGiB, 0);
  if (route.kind === 'data-export') {
    const data = server.disks.filter((d) => d.purpose !== 'os' && d.purpose !== 'swap');
    return sum(data.length > 0 ? data : server.disks);
  }
  return sum(server.disks.filter((d) => d.purpose !== 'swap'));
}

function serverExit(ctx: ExitContext, m: ServerModel, server: PlanServer): ExitItem | NotOnAwsItem {
  const route = m.routes.exit;
  if (route.kind === 'none') return notOnAwsOf(m, route.reason);
  const { a } = ctx;
  const t = a.throughputGiBPerHour;
  const volumeGiB = serverVolumeGiB(route, server);
  const stagingHours =
    route.kind === 'staged-export' ? volumeGiB / t.stagingCopy + volumeGiB / t.imageExport : 0;
  const work =
    route.kind === 'data-export' ? volumeGiB / t.fileCopy : stagingHours || volumeGiB / t.imageExport;
  return {
    type: 'server',
    ...itemRoute(m, route, route.blockers),
    reversesEntry: route.reversesEntry,
    dependsOn: server.dependsOn,
    volumeGiB,
    hours: round1(a.fixedHoursPerItem + work + volumeGiB / t.download),
    ...costs({ volumeGiB, workHours: work, stagingHours, parquet: false }, a),
    steps: serverSteps(route.kind, {
      id: m.id,
      wave: m.wave,
      bucket: bucketOf(ctx, m),
      osFamily: server.os.family,
    }),
  };
}

/** What a server's and a database's exit item share: the item, its two routes and readiness. */
function itemRoute(
  m: ServerModel | DatabaseModel,
  route: Exclude<ServerExitRoute | DatabaseExitRoute, { kind: 'none' }>,
  blockers: readonly ExitBlocker[],
) {
  return {
    id: m.id,
    application: m.application,
    wave: m.wave,
    waveOrder: m.waveOrder,
    entryRoute: m.routes.entryRoute,
    route: route.kind,
    formats: route.formats,
    reason: route.reason,
    blockers: [...blockers],
    readiness: exitReadiness(route.kind, blockers),
    score: exitReadinessScore(blockers),
  };
}

/** lib/database gives Oracle an SSL option only; Data Pump to S3 needs S3_INTEGRATION too. */
function databaseBlockers(route: DatabaseExitRoute): ExitBlocker[] {
  const blockers: ExitBlocker[] = [...route.blockers];
  if (route.kind === 'oracle-data-pump') {
    blockers.push({
      code: 'oracle-s3-integration-missing',
      severity: 'degrades',
      message: 'the Oracle option group has no S3_INTEGRATION option yet: add it before the Data Pump upload',
    });
  }
  return blockers;
}

function databaseRate(route: DatabaseExitRoute, t: ExitAssumptions['throughputGiBPerHour']): number {
  if (route.kind === 'sqlserver-native-backup') return t.sqlServerBackup;
  return route.kind === 'oracle-data-pump' ? t.dataPump : t.logicalDump;
}

function databaseExit(ctx: ExitContext, m: DatabaseModel, db: PlanDatabase): ExitItem | NotOnAwsItem {
  const route = m.routes.exit;
  if (route.kind === 'none') return notOnAwsOf(m, route.reason);
  const { a } = ctx;
  const t = a.throughputGiBPerHour;
  const blockers = databaseBlockers(route);
  const work = db.sizeGiB / databaseRate(route, t);
  const parquet = route.parquetSnapshotExport;
  return {
    type: 'database',
    ...itemRoute(m, route, blockers),
    reversesEntry: false,
    dependsOn: db.dependsOn,
    volumeGiB: db.sizeGiB,
    hours: round1(a.fixedHoursPerItem + work + db.sizeGiB / t.download),
    ...costs({ volumeGiB: db.sizeGiB, workHours: work, stagingHours: 0, parquet }, a),
    steps: databaseSteps(route.kind, db.engine, {
      id: m.id,
      wave: m.wave,
      bucket: bucketOf(ctx, m),
      instanceIdentifier: instanceIdentifierFor(ctx.model.estate.id, m.id),
    }),
  };
}

function isExitItem(x: ExitItem | NotOnAwsItem): x is ExitItem {
  return 'route' in x;
}

/** Every model item with its exit: servers, then databases, in plan order. */
function exitsOf(ctx: ExitContext): (ExitItem | NotOnAwsItem)[] {
  const servers = new Map(ctx.model.planned.servers.map((s) => [s.id, s]));
  const databases = new Map(ctx.model.planned.databases.map((d) => [d.id, d]));
  return [
    ...ctx.model.servers.map((m) => serverExit(ctx, m, servers.get(m.id)!)),
    ...ctx.model.databases.map((m) => databaseExit(ctx, m, databases.get(m.id)!)),
  ];
}

/** The exit plan of the estate model's items (each item's exit route is the model's decision). */
export function planExit(model: EstateModel, options: ExitPlanOptions = {}): ExitPlan {
  const a = options.assumptions ?? DEFAULT_EXIT_ASSUMPTIONS;
  const { id, name, region } = model.estate;
  const bucket = exitBucketName({ estateId: id, account: model.estate.account, region });
  const all = exitsOf({ model, a, bucket });
  const ordered = orderForExit(all.filter(isExitItem));
  const notOnAws = all.filter((x): x is NotOnAwsItem => !isExitItem(x));
  return {
    estate: { id, name, region },
    bucket,
    items: ordered,
    notOnAws: notOnAws.sort((x, y) => x.id.localeCompare(y.id)),
    waves: summarizeWaves(ordered, a),
    totals: totalsOf(ordered),
    assumptions: a,
    assumptionLines: describeAssumptions(a),
  };
}

function summarizeWaves(items: readonly ExitItem[], a: ExitAssumptions): ExitWaveSummary[] {
  const byWave = new Map<string, ExitItem[]>();
  for (const item of items) byWave.set(item.wave, [...(byWave.get(item.wave) ?? []), item]);
  return [...byWave.entries()].map(([wave, list]) => {
    const total = list.reduce((s, i) => s + i.hours, 0);
    return {
      wave,
      order: list[0]!.waveOrder,
      items: list.length,
      volumeGiB: list.reduce((s, i) => s + i.volumeGiB, 0),
      elapsedHours: round1(Math.max(Math.max(...list.map((i) => i.hours)), total / a.imageExportConcurrency)),
    };
  });
}

/** Totals are sums of the presented (rounded) item values, so they reconcile with the CSV. */
export function totalsOf(items: readonly ExitItem[]): ExitTotals {
  const sum = (pick: (i: ExitItem) => string) => sumPresented(items.map(pick));
  return {
    items: items.length,
    volumeGiB: items.reduce((s, i) => s + i.volumeGiB, 0),
    hours: round1(items.reduce((s, i) => s + i.hours, 0)),
    egressUsd: sum((i) => i.egressUsd),
    storageUsd: sum((i) => i.storageUsd),
    stagingUsd: sum((i) => i.stagingUsd),
    snapshotExportUsd: sum((i) => i.snapshotExportUsd),
    totalUsd: sum((i) => i.totalUsd),
    totalWithWaiverUsd: sum((i) => i.totalWithWaiverUsd),
    ready: items.filter((i) => i.readiness === 'ready').length,
    degraded: items.filter((i) => i.readiness === 'degraded').length,
    blocked: items.filter((i) => i.readiness === 'blocked').length,
  };
}

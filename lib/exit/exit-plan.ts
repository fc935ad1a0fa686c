/**
 * The exit plan of an estate: for every server and database on AWS its exit route (from the
 * estate model's decider), volume, duration and cost under stated assumptions, in the order
 * they leave (reverse wave, then reverse dependency). Pure.
 */
import { exitReadiness, exitReadinessScore, type ExitBlocker } from '../estate-model/routes/exit-route';
import { instanceIdentifierFor } from '../database/instance-identifier';
import { Money as Dec, penny, sumPresented } from '../shared/money';
import { databaseRoutes, serverRoutes } from '../estate-model/routes/item-routes';
import type { Plan } from '../plan/plan';
import { buildEstateModel } from '../estate-model/build-estate-model';
import { waveOf } from '../plan/plan';
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

export function planExit(plan: Plan, options: ExitPlanOptions = {}): ExitPlan {
  const a = options.assumptions ?? DEFAULT_EXIT_ASSUMPTIONS;
  const t = a.throughputGiBPerHour;
  const bucket = exitBucketName({
    estateId: plan.estate.id,
    account: plan.estate.account,
    region: plan.estate.region,
  });
  // An item in a separate workload account exports to that account's exit bucket.
  const model = buildEstateModel(plan);
  const accountOf = new Map(
    [...model.servers, ...model.databases].map((i) => [`${i.kind}:${i.id}`, i.account]),
  );
  const bucketOf = (kind: 'server' | 'database', id: string): string => {
    const account = accountOf.get(`${kind}:${id}`);
    return account && account.role !== 'production'
      ? exitBucketName({ estateId: plan.estate.id, account: account.account, region: plan.estate.region })
      : bucket;
  };
  const items: ExitItem[] = [];
  const notOnAws: NotOnAwsItem[] = [];

  for (const server of plan.servers) {
    const { entryRoute: entry, exit: route } = serverRoutes(server);
    if (route.kind === 'none') {
      notOnAws.push({
        type: 'server',
        id: server.id,
        wave: server.wave,
        strategy: server.strategy,
        reason: route.reason,
      });
      continue;
    }
    const wave = waveOf(plan, server.wave);
    const dataDisks = server.disks.filter((d) => d.purpose !== 'os' && d.purpose !== 'swap');
    const volumeGiB =
      route.kind === 'data-export'
        ? (dataDisks.length > 0 ? dataDisks : server.disks).reduce((s, d) => s + d.sizeGiB, 0)
        : server.disks.filter((d) => d.purpose !== 'swap').reduce((s, d) => s + d.sizeGiB, 0);
    const stagingHours =
      route.kind === 'staged-export' ? volumeGiB / t.stagingCopy + volumeGiB / t.imageExport : 0;
    const work =
      route.kind === 'data-export' ? volumeGiB / t.fileCopy : stagingHours || volumeGiB / t.imageExport;
    const hours = round1(a.fixedHoursPerItem + work + volumeGiB / t.download);
    items.push({
      type: 'server',
      id: server.id,
      application: server.application,
      wave: server.wave,
      waveOrder: wave.order,
      entryRoute: entry,
      route: route.kind,
      formats: route.formats,
      reason: route.reason,
      blockers: route.blockers,
      readiness: exitReadiness(route.kind, route.blockers),
      score: exitReadinessScore(route.blockers),
      reversesEntry: route.reversesEntry,
      dependsOn: server.dependsOn,
      volumeGiB,
      hours,
      ...costs({ volumeGiB, workHours: work, stagingHours, parquet: false }, a),
      steps: serverSteps(route.kind, {
        id: server.id,
        wave: server.wave,
        bucket: bucketOf('server', server.id),
        osFamily: server.os.family,
      }),
    });
  }

  for (const db of plan.databases) {
    const { entryRoute: entry, exit: route } = databaseRoutes(db);
    if (route.kind === 'none') {
      notOnAws.push({
        type: 'database',
        id: db.id,
        wave: db.wave,
        strategy: db.strategy,
        reason: route.reason,
      });
      continue;
    }
    const blockers: ExitBlocker[] = [...route.blockers];
    if (route.kind === 'oracle-data-pump') {
      // lib/database gives Oracle an SSL option only; Data Pump to S3 needs S3_INTEGRATION too.
      blockers.push({
        code: 'oracle-s3-integration-missing',
        severity: 'degrades',
        message:
          'the Oracle option group has no S3_INTEGRATION option yet: add it before the Data Pump upload',
      });
    }
    const wave = waveOf(plan, db.wave);
    const rate =
      route.kind === 'sqlserver-native-backup'
        ? t.sqlServerBackup
        : route.kind === 'oracle-data-pump'
          ? t.dataPump
          : t.logicalDump;
    const work = db.sizeGiB / rate;
    const hours = round1(a.fixedHoursPerItem + work + db.sizeGiB / t.download);
    items.push({
      type: 'database',
      id: db.id,
      application: db.application,
      wave: db.wave,
      waveOrder: wave.order,
      entryRoute: entry,
      route: route.kind,
      formats: route.formats,
      reason: route.reason,
      blockers,
      readiness: exitReadiness(route.kind, blockers),
      score: exitReadinessScore(blockers),
      reversesEntry: false,
      dependsOn: db.dependsOn,
      volumeGiB: db.sizeGiB,
      hours,
      ...costs(
        { volumeGiB: db.sizeGiB, workHours: work, stagingHours: 0, parquet: route.parquetSnapshotExport },
        a,
      ),
      steps: databaseSteps(route.kind, db.engine, {
        id: db.id,
        wave: db.wave,
        bucket: bucketOf('database', db.id),
        instanceIdentifier: instanceIdentifierFor(plan.estate.id, db.id),
      }),
    });
  }

  const ordered = orderForExit(items);
  return {
    estate: { id: plan.estate.id, name: plan.estate.name, region: plan.estate.region },
    bucket,
    items: ordered,
    notOnAws: [...notOnAws].sort((x, y) => x.id.localeCompare(y.id)),
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

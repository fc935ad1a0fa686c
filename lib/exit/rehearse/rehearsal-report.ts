/**
 * The rehearsal report: per server the time of each step (from the injected clock, as the runs
 * recorded it), the bytes copied and exported, whether the exported object was verified, and
 * what it cost; then the measured rates extrapolated to every server of the estate that leaves
 * as an image. Pure: built from the staging and export run states and the object checks.
 */
import { money, penny, sumPresented, type Money } from '../../shared/money';
import type { ExitAssumptions } from '../assumptions';
import type { ExportRunState } from '../export/export-state';
import type { ExitPlan } from '../exit-plan';
import type { StageRunState } from '../stage/stage-state';
import type { ObjectCheck } from './check-objects';

/**
 * Rates the report prices with that the exit assumptions do not hold. Working assumptions from the
 * AWS price list for eu-west-2 (checked 2026-11-30): EBS snapshot storage $0.053/GB-month;
 * m6i.large on-demand (Linux) about $0.118/hour. Replace them with the account's own rates.
 */
export interface RehearsalRates {
  readonly snapshotUsdPerGbMonth: string;
  readonly workerUsdPerHour: string;
}

export const DEFAULT_REHEARSAL_RATES: RehearsalRates = {
  snapshotUsdPerGbMonth: '0.053',
  workerUsdPerHour: '0.118',
};

const HOURS_PER_MONTH = 730;
const GIB = 1024 ** 3;

export interface RehearsalStep {
  readonly name: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly seconds?: number;
}

export interface RehearsalServer {
  readonly server: string;
  /** staged (then exported), exported without staging, data only, or failed. */
  readonly outcome: 'exported' | 'data-only' | 'failed';
  readonly route?: string;
  readonly volumeGiB: number;
  readonly copiedBytes: number;
  readonly exportedBytes?: number;
  readonly objectKey?: string;
  readonly sha256?: string;
  readonly verified: boolean;
  readonly steps: readonly RehearsalStep[];
  readonly stageSeconds: number;
  readonly exportSeconds: number;
  readonly costUsd: string;
  readonly detail?: string;
}

export interface RehearsalReport {
  readonly version: 1;
  readonly estate: string;
  readonly wave: string;
  readonly bucket: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly servers: readonly RehearsalServer[];
  readonly objects: readonly ObjectCheck[];
  readonly totals: {
    readonly servers: number;
    readonly exported: number;
    readonly gib: number;
    readonly costUsd: string;
  };
  /** Rates measured in this rehearsal (per task); absent when nothing of that kind ran. */
  readonly measured: {
    readonly stagingCopyGiBPerHour?: number;
    readonly imageExportGiBPerHour?: number;
    /** Seconds per server outside the copy and the export (snapshots, launch, checks), on average. */
    readonly fixedHoursPerItem?: number;
    readonly costUsdPerGiB?: string;
  };
  /** The measured figures applied to every server of the estate that leaves as an image. */
  readonly extrapolation: {
    readonly servers: number;
    readonly gib: number;
    /** Sum of every server's hours, one task each. */
    readonly taskHours?: number;
    /** Elapsed: staging one server at a time, exports `concurrency` at once. */
    readonly elapsedHours?: number;
    readonly costUsd?: string;
    readonly note: string;
  };
  readonly rates: readonly string[];
}

const seconds = (a?: string, b?: string) =>
  a && b ? Math.max(0, Math.round((Date.parse(b) - Date.parse(a)) / 1000)) : 0;
const round1 = (n: number) => Math.round(n * 10) / 10;

export interface RehearsalInput {
  readonly plan: ExitPlan;
  readonly wave: string;
  readonly stage: StageRunState;
  readonly exported: ExportRunState;
  readonly objects: readonly ObjectCheck[];
  readonly finishedAt: string;
  readonly assumptions: ExitAssumptions;
  readonly rates?: RehearsalRates;
}

export function buildRehearsalReport(input: RehearsalInput): RehearsalReport {
  const { stage, exported, assumptions: a } = input;
  const rates = input.rates ?? DEFAULT_REHEARSAL_RATES;
  const servers = stage.servers.map((s) => rehearsalServer(input, rates, s));
  const done = servers.filter((s) => s.outcome === 'exported');
  const measured = measuredRates(done);
  return {
    version: 1,
    estate: stage.estate,
    wave: input.wave,
    bucket: exported.bucket,
    startedAt: stage.startedAt,
    finishedAt: input.finishedAt,
    servers,
    objects: input.objects,
    totals: {
      servers: servers.length,
      exported: done.length,
      gib: gib(servers),
      costUsd: sumPresented(servers.map((s) => s.costUsd)),
    },
    measured: {
      stagingCopyGiBPerHour: measured.stagingRate,
      imageExportGiBPerHour: measured.exportRate,
      fixedHoursPerItem: measured.fixed,
      costUsdPerGiB: measured.costPerGiB ? measured.costPerGiB.toDecimalPlaces(4).toFixed(4) : undefined,
    },
    extrapolation: extrapolation(input.plan, measured, a),
    rates: [
      `gp3 staging volumes $${a.gp3UsdPerGbMonth}/GB-month; snapshots $${rates.snapshotUsdPerGbMonth}/GB-month; worker $${rates.workerUsdPerHour}/hour; exit bucket $${a.s3StandardUsdPerGbMonth}/GB-month for the 2 days the rehearsal lifecycle rule keeps an export.`,
      'Times are from the clock of the machine that ran the rehearsal; sizes are provisioned GiB.',
    ],
  };
}

const gib = (list: readonly RehearsalServer[]) => list.reduce((n, s) => n + s.volumeGiB, 0);

type StagedServer = StageRunState['servers'][number];
type ExportedServer = ExportRunState['servers'][number];

/** One server's steps, times, bytes, cost and outcome in the rehearsal. */
function rehearsalServer(input: RehearsalInput, rates: RehearsalRates, s: StagedServer): RehearsalServer {
  const e = input.exported.servers.find((x) => x.id === s.id);
  const check = input.objects.find((o) => o.server === s.id);
  const stageSteps: RehearsalStep[] = Object.entries(s.steps).map(([name, t]) => ({
    name: `stage: ${name}`,
    startedAt: t.startedAt,
    finishedAt: t.finishedAt,
    seconds: t.finishedAt ? seconds(t.startedAt, t.finishedAt) : undefined,
  }));
  const stageSeconds = stageSteps.reduce((n, x) => n + (x.seconds ?? 0), 0);
  const exportSeconds = seconds(e?.startedAt, e?.finishedAt);
  const volumeGiB = s.volumes.reduce((n, v) => n + v.sizeGiB, 0);
  const cost = stagingCost(input.assumptions, rates, s, volumeGiB, stageSeconds, exportSeconds);
  const exportedBytes = e?.sizeBytes;
  const storage = exportedBytes
    ? money(input.assumptions.s3StandardUsdPerGbMonth)
        .times(exportedBytes / GIB)
        .times(2 * 24)
        .div(HOURS_PER_MONTH)
    : money(0);
  const outcome: RehearsalServer['outcome'] =
    s.phase === 'data-only'
      ? 'data-only'
      : e?.phase === 'completed' && check?.status === 'verified'
        ? 'exported'
        : 'failed';
  return {
    server: s.id,
    outcome,
    route: e?.route ?? (s.phase === 'data-only' ? 'data-export' : undefined),
    volumeGiB,
    copiedBytes: s.volumes.reduce((n, v) => n + (v.bytes ?? 0), 0),
    exportedBytes,
    objectKey: e?.objectKey,
    sha256: e?.checksumSha256,
    verified: check?.status === 'verified',
    steps: [...stageSteps, ...exportSteps(e)],
    stageSeconds,
    exportSeconds,
    costUsd: penny(cost.plus(storage)),
    detail:
      outcome === 'failed'
        ? (e?.error ?? s.detail ?? check?.detail)
        : s.phase === 'data-only'
          ? s.detail
          : undefined,
  };
}

/** The export's two timed steps: the image, then the export task and checks. */
function exportSteps(e: ExportedServer | undefined): RehearsalStep[] {
  if (!e?.startedAt) return [];
  return [
    {
      name: 'export: image',
      startedAt: e.startedAt,
      finishedAt: e.exportStartedAt,
      seconds: seconds(e.startedAt, e.exportStartedAt) || undefined,
    },
    ...(e.exportStartedAt
      ? [
          {
            name: 'export: task and checks',
            startedAt: e.exportStartedAt,
            finishedAt: e.finishedAt,
            seconds: seconds(e.exportStartedAt, e.finishedAt) || undefined,
          },
        ]
      : []),
  ];
}

/**
 * Staging cost of a staged server: copy and target volumes (2 x GiB of gp3) for the staging
 * hours; the source and target snapshots (2 x GiB) until the export ends; the worker for its
 * hours. (The exported object, for the days the rehearsal lifecycle rule keeps it, is added apart.)
 */
function stagingCost(
  a: ExitAssumptions,
  rates: RehearsalRates,
  s: StagedServer,
  volumeGiB: number,
  stageSeconds: number,
  exportSeconds: number,
): Money {
  if (s.phase !== 'staged') return money(0);
  const stagedHours = stageSeconds / 3600;
  const snapshotHours = (stageSeconds + exportSeconds) / 3600;
  const workerHours =
    ['launching', 'attaching', 'copying', 'snapshotting-targets', 'registering', 'cleaning']
      .map((p) => s.steps[p])
      .reduce((n, t) => n + (t?.finishedAt ? seconds(t.startedAt, t.finishedAt) : 0), 0) / 3600;
  return money(a.gp3UsdPerGbMonth)
    .times(2 * volumeGiB)
    .times(stagedHours)
    .div(HOURS_PER_MONTH)
    .plus(
      money(rates.snapshotUsdPerGbMonth)
        .times(2 * volumeGiB)
        .times(snapshotHours)
        .div(HOURS_PER_MONTH),
    )
    .plus(money(rates.workerUsdPerHour).times(workerHours));
}

/** Rates measured over the servers exported and verified. */
interface MeasuredRates {
  readonly stagingRate?: number;
  readonly exportRate?: number;
  readonly fixed?: number;
  readonly costPerGiB?: Money;
}

function measuredRates(done: readonly RehearsalServer[]): MeasuredRates {
  const stagedDone = done.filter((s) => s.stageSeconds > 0);
  const copySeconds = stagedDone.reduce((n, s) => n + (stepSeconds(s, 'stage: copying') ?? 0), 0);
  const exportTaskSeconds = done.reduce((n, s) => n + (stepSeconds(s, 'export: task and checks') ?? 0), 0);
  const totalSeconds = done.reduce((n, s) => n + s.stageSeconds + s.exportSeconds, 0);
  const variableSeconds = copySeconds + exportTaskSeconds;
  return {
    stagingRate: copySeconds > 0 ? round1(gib(stagedDone) / (copySeconds / 3600)) : undefined,
    exportRate: exportTaskSeconds > 0 ? round1(gib(done) / (exportTaskSeconds / 3600)) : undefined,
    fixed: done.length > 0 ? round1((totalSeconds - variableSeconds) / 3600 / done.length) : undefined,
    costPerGiB: gib(done) > 0 ? done.reduce((n, s) => n.plus(s.costUsd), money(0)).div(gib(done)) : undefined,
  };
}

/** The measured rates applied to every server of the estate that leaves as an image. */
function extrapolation(
  plan: ExitPlan,
  measured: MeasuredRates,
  a: ExitAssumptions,
): RehearsalReport['extrapolation'] {
  const { stagingRate, exportRate, fixed, costPerGiB } = measured;
  const estateItems = plan.items.filter(
    (i) => i.type === 'server' && (i.route === 'staged-export' || i.route === 'image-export'),
  );
  const estateGiB = estateItems.reduce((n, i) => n + i.volumeGiB, 0);
  const stagedGiB = estateItems
    .filter((i) => i.route === 'staged-export')
    .reduce((n, i) => n + i.volumeGiB, 0);
  const measuredAll = stagingRate !== undefined && exportRate !== undefined && fixed !== undefined;
  const stageHours = measuredAll ? stagedGiB / stagingRate! : 0;
  const exportHours = measuredAll ? estateGiB / exportRate! : 0;
  return {
    servers: estateItems.length,
    gib: estateGiB,
    taskHours: measuredAll ? round1(stageHours + exportHours + fixed! * estateItems.length) : undefined,
    elapsedHours: measuredAll
      ? round1(stageHours + fixed! * estateItems.length + exportHours / a.imageExportConcurrency)
      : undefined,
    costUsd: costPerGiB ? penny(costPerGiB.times(estateGiB)) : undefined,
    note: measuredAll
      ? `Measured rates applied to the ${estateItems.length} servers of the estate that leave as an image (${estateGiB} GiB provisioned, ${stagedGiB} GiB of it staged): staging one server at a time, ${a.imageExportConcurrency} exports at once. Costs exclude data transfer out (see the exit plan).`
      : 'Not extrapolated: no server was both staged and exported in this rehearsal.',
  };
}

function stepSeconds(s: RehearsalServer, name: string): number | undefined {
  return s.steps.find((x) => x.name === name)?.seconds;
}

/**
 * The state of a staging run, written to disk (atomically, by the caller's writer) after every
 * step, so an interrupted run resumes: every resource it creates carries the run's tags and is
 * looked up by them before anything is created again, and the worker is launched with a client
 * token (RunInstances is idempotent by ClientToken), so no second worker, volume or snapshot is
 * made for what already exists.
 */

export type StagePhase =
  | 'pending'
  /** CreateSnapshots (crash-consistent across the instance's volumes) is next or running. */
  | 'snapshotting'
  /** Volumes from the snapshots, and empty unencrypted targets, in the exit subnet's AZ. */
  | 'creating-volumes'
  /** The worker is being launched (launch template: pinned image, exit subnet, SSM only). */
  | 'launching'
  | 'attaching'
  /** The block copy runs through SSM Run Command. */
  | 'copying'
  | 'snapshotting-targets'
  | 'registering'
  /** Worker terminated, temporary volumes and the encrypted source snapshots deleted. */
  | 'cleaning'
  | 'staged'
  /** Its volumes are unencrypted: VM Export takes it without staging. */
  | 'not-needed'
  /** Licence-included (Windows, SQL Server, Marketplace): never an image; it leaves as data. */
  | 'data-only'
  | 'failed'
  | 'aborted';

export interface StagedVolume {
  readonly device: string;
  readonly sourceVolumeId: string;
  readonly sizeGiB: number;
  readonly encrypted: boolean;
  readonly sourceSnapshotId?: string;
  /** Volume made from the source snapshot (encrypted, like its snapshot). */
  readonly copyVolumeId?: string;
  /** New unencrypted volume the copy writes to. */
  readonly targetVolumeId?: string;
  readonly targetSnapshotId?: string;
  /** Device names on the worker. */
  readonly copyDevice?: string;
  readonly targetDevice?: string;
  /** SHA-256 of the copied blocks, read from source and target after the copy. */
  readonly sha256?: string;
  readonly bytes?: number;
}

export interface StepTiming {
  readonly startedAt: string;
  readonly finishedAt?: string;
}

export interface ServerStageState {
  readonly id: string;
  readonly phase: StagePhase;
  readonly instanceId?: string;
  readonly rootDeviceName?: string;
  readonly architecture?: string;
  readonly bootMode?: string;
  readonly volumes: readonly StagedVolume[];
  readonly workerId?: string;
  readonly commandId?: string;
  readonly imageId?: string;
  readonly imageName: string;
  /** RunInstances idempotency token (at most 64 ASCII characters). */
  readonly workerToken: string;
  /** 1 for the first try; each retry after a failure adds one. */
  readonly attempt?: number;
  /** Why it is data-only, not needed or failed. */
  readonly detail?: string;
  /** Start and end of each phase (the rehearsal report reads them). */
  readonly steps: Readonly<Record<string, StepTiming>>;
}

export interface StageRunState {
  readonly version: 1;
  readonly estate: string;
  readonly region: string;
  /** Tags every resource of the run: `ExitStagingRun=<runId>`. */
  readonly runId: string;
  /** Availability zone of the exit staging subnet (volumes must be there to attach). */
  readonly availabilityZone: string;
  /** The Exit stack's launch template for the worker. */
  readonly workerTemplate: string;
  /** An image to use instead of the template's pinned one (`--worker-image`). */
  readonly workerImageId?: string;
  readonly startedAt: string;
  readonly servers: readonly ServerStageState[];
}

export const STAGE_TERMINAL: readonly StagePhase[] = [
  'staged',
  'not-needed',
  'data-only',
  'failed',
  'aborted',
];

export function isStageTerminal(s: ServerStageState): boolean {
  return STAGE_TERMINAL.includes(s.phase);
}

export function initialStageState(input: {
  estate: string;
  region: string;
  availabilityZone: string;
  workerTemplate: string;
  workerImageId?: string;
  servers: readonly string[];
  startedAt: string;
}): StageRunState {
  const stamp = input.startedAt.replace(/[^0-9]/g, '').slice(0, 14);
  const runId = `stage-${stamp}`;
  return {
    version: 1,
    estate: input.estate,
    region: input.region,
    runId,
    availabilityZone: input.availabilityZone,
    workerTemplate: input.workerTemplate,
    workerImageId: input.workerImageId,
    startedAt: input.startedAt,
    servers: input.servers.map((id) => ({
      id,
      phase: 'pending',
      volumes: [],
      imageName: `exit-staged-${id}-${stamp}`.slice(0, 128),
      workerToken: `${runId}-${id}`.slice(0, 64),
      steps: {},
    })),
  };
}

/**
 * A resumed run starts its failed (or aborted) servers again from the beginning, with a new
 * worker token (the old one would return the terminated worker). Their resources were deleted
 * when they failed.
 */
export function retryFailedStaging(state: StageRunState): { state: StageRunState; retried: string[] } {
  const retried: string[] = [];
  const servers = state.servers.map((s): ServerStageState => {
    if (s.phase !== 'failed' && s.phase !== 'aborted') return s;
    retried.push(s.id);
    const attempt = (s.attempt ?? 1) + 1;
    return {
      id: s.id,
      phase: 'pending',
      volumes: [],
      attempt,
      imageName: `${s.imageName.replace(/-r\d+$/, '')}-r${attempt}`,
      workerToken: `${s.workerToken.replace(/-r\d+$/, '').slice(0, 58)}-r${attempt}`,
      steps: {},
    };
  });
  return { state: { ...state, servers }, retried };
}

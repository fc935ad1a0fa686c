/**
 * The state of an export run, written to disk after every step (atomically) so an interrupted run
 * resumes where it stopped: an export that was started is polled, never started again.
 */
import type { ExitFormat } from '../../estate-model/routes/exit-route';

export type ExportPhase =
  /** Nothing done yet. */
  | 'pending'
  /** The instance is found and its route confirmed against the account (volumes, licence). */
  | 'instance-found'
  /** CreateImage was sent; `imageId` is set once it answered. */
  | 'image-requested'
  /** The AMI exists and is not yet available. */
  | 'image-pending'
  /** The AMI (created, or staged by the runbook) is available for export. */
  | 'image-ready'
  /** ExportImage was sent with `clientToken`; `exportTaskId` is set once it answered. */
  | 'export-requested'
  /** The export task is running. */
  | 'exporting'
  /** The task completed; the object's size and checksum are read next. */
  | 'exported'
  /** The object is verified; the image this run exported (and its snapshots) is deleted next. */
  | 'discarding'
  | 'completed'
  | 'failed';

export interface ServerExportState {
  readonly id: string;
  /** The route: the plan's until the account confirms it (see route-facts.ts), then the account's. */
  readonly route: 'image-export' | 'staged-export';
  /** The exit plan's route, kept to explain a difference. */
  readonly plannedRoute?: 'image-export' | 'staged-export';
  /** Why the confirmed route differs from the plan's. */
  readonly note?: string;
  /** 1 for the first try; a run resumed after this server failed tries again with a new token. */
  readonly attempt?: number;
  readonly phase: ExportPhase;
  /** AMI name for CreateImage (unique per server and run). */
  readonly imageName: string;
  /** Key prefix in the exit bucket, e.g. `exports/wave-1/pcc-web-01/`. */
  readonly exportPrefix: string;
  /** ExportImage idempotency token: the same request after a crash returns the same task. */
  readonly clientToken: string;
  readonly instanceId?: string;
  readonly imageId?: string;
  readonly exportTaskId?: string;
  readonly progress?: number;
  readonly statusMessage?: string;
  readonly objectKey?: string;
  readonly sizeBytes?: number;
  readonly etag?: string;
  /** SHA-256 (hex) of the exported object, computed by reading it back from S3. */
  readonly checksumSha256?: string;
  /** How the checksum was obtained (what a reader of the manifest can verify again). */
  readonly checksumMethod?: string;
  /** ISO timestamps. */
  readonly startedAt?: string;
  readonly exportStartedAt?: string;
  readonly finishedAt?: string;
  readonly error?: string;
}

export interface ExportRunState {
  readonly version: 1;
  readonly estate: string;
  readonly region: string;
  readonly bucket: string;
  readonly format: Extract<ExitFormat, 'vmdk' | 'vhd' | 'raw'>;
  readonly roleName: string;
  /** Export tasks allowed at once in the Region (VM Import/Export quota). */
  readonly concurrency: number;
  /** Where `concurrency` came from (`--max-concurrent`, or the documented default). */
  readonly concurrencySource?: string;
  readonly startedAt: string;
  readonly servers: readonly ServerExportState[];
}

export function isTerminal(s: ServerExportState): boolean {
  return s.phase === 'completed' || s.phase === 'failed';
}

/** Phases that hold one of the Region's export task slots. */
export function holdsExportSlot(s: ServerExportState): boolean {
  return s.phase === 'export-requested' || s.phase === 'exporting';
}

/**
 * A resumed run tries its failed servers again: each goes back to the first step it needs (its
 * image, if one was made, is checked again) with a new attempt number, so ExportImage gets a new
 * client token (the old token would return the failed task). Completed servers are left alone.
 */
export function retryFailed(state: ExportRunState): { state: ExportRunState; retried: string[] } {
  const retried: string[] = [];
  const servers = state.servers.map((s): ServerExportState => {
    if (s.phase !== 'failed') return s;
    retried.push(s.id);
    const attempt = (s.attempt ?? 1) + 1;
    // An image made (or staged) before the failure is checked again rather than made twice.
    const keep = s.imageId
      ? {
          phase: 'image-pending' as const,
          route: s.route,
          instanceId: s.instanceId,
          imageId: s.imageId,
          note: s.note,
        }
      : { phase: 'pending' as const, route: s.plannedRoute ?? s.route };
    return {
      id: s.id,
      ...keep,
      plannedRoute: s.plannedRoute,
      attempt,
      imageName: `${s.imageName.replace(/-r\d+$/, '')}-r${attempt}`,
      clientToken: `${s.clientToken.replace(/-r\d+$/, '')}`.slice(0, 60) + `-r${attempt}`,
      exportPrefix: s.exportPrefix,
    };
  });
  return { state: { ...state, servers }, retried };
}

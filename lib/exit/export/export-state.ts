/**
 * The state of an export run, written to disk after every step (atomically) so an interrupted run
 * resumes where it stopped: an export that was started is polled, never started again.
 */
import type { ExitFormat } from '../../estate-model/routes/exit-route';

export type ExportPhase =
  /** Nothing done yet. */
  | 'pending'
  /** The running instance is known (image-export). */
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
  | 'completed'
  | 'failed';

export interface ServerExportState {
  readonly id: string;
  readonly route: 'image-export' | 'staged-export';
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
  readonly checksumSha256?: string;
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

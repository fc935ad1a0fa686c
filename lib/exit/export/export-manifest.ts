/** The manifest of an export run: per server the object written, its size and checksum, and timings. */
import type { ExportRunState } from './export-state';

export interface ExportManifest {
  readonly estate: string;
  readonly region: string;
  readonly bucket: string;
  readonly format: string;
  readonly startedAt: string;
  readonly items: readonly {
    readonly server: string;
    readonly status: 'completed' | 'failed' | 'in-progress';
    readonly imageId?: string;
    readonly exportTaskId?: string;
    readonly objectKey?: string;
    readonly sizeBytes?: number;
    readonly etag?: string;
    readonly checksumSha256?: string;
    /** How the checksum was computed (what a reader can redo on the downloaded file). */
    readonly checksumMethod?: string;
    /** The route taken, confirmed against the account, and why it differs from the plan's. */
    readonly route: string;
    readonly note?: string;
    readonly startedAt?: string;
    readonly exportStartedAt?: string;
    readonly finishedAt?: string;
    readonly seconds?: number;
    readonly error?: string;
  }[];
}

export function exportManifest(state: ExportRunState): ExportManifest {
  return {
    estate: state.estate,
    region: state.region,
    bucket: state.bucket,
    format: state.format,
    startedAt: state.startedAt,
    items: state.servers.map((s) => ({
      server: s.id,
      status: s.phase === 'completed' ? 'completed' : s.phase === 'failed' ? 'failed' : 'in-progress',
      imageId: s.imageId,
      exportTaskId: s.exportTaskId,
      objectKey: s.objectKey,
      sizeBytes: s.sizeBytes,
      etag: s.etag,
      checksumSha256: s.checksumSha256,
      checksumMethod: s.checksumMethod,
      route: s.route,
      note: s.note,
      startedAt: s.startedAt,
      exportStartedAt: s.exportStartedAt,
      finishedAt: s.finishedAt,
      seconds:
        s.startedAt && s.finishedAt
          ? Math.round((Date.parse(s.finishedAt) - Date.parse(s.startedAt)) / 1000)
          : undefined,
      error: s.error,
    })),
  };
}

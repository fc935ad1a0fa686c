/** The pure reducer of an export run: the state after one call's answer. */
import type { ExportRunState, ServerExportState } from './export-state';
import { exportObjectKey } from './plan-export-calls';
import type { ConfirmedRoute } from './route-facts';

export type ExportResult =
  | {
      readonly op: 'ConfirmRoute';
      readonly server: string;
      readonly instanceId: string;
      readonly confirmed: ConfirmedRoute;
    }
  | {
      readonly op: 'FindStagedImage';
      readonly server: string;
      readonly imageId?: string;
      readonly state?: string;
    }
  | { readonly op: 'FindImageByName'; readonly server: string; readonly imageId?: string }
  | { readonly op: 'CreateImage'; readonly server: string; readonly imageId: string }
  | {
      readonly op: 'DescribeImages';
      readonly images: readonly { id: string; state: string; reason?: string }[];
    }
  | { readonly op: 'ExportImage'; readonly server: string; readonly taskId: string }
  | {
      readonly op: 'DescribeExportImageTasks';
      readonly tasks: readonly { id: string; status: string; statusMessage?: string; progress?: number }[];
    }
  | {
      readonly op: 'VerifyObject';
      readonly server: string;
      readonly sizeBytes: number;
      readonly etag?: string;
      readonly checksumSha256: string;
      readonly checksumMethod: string;
    }
  | { readonly op: 'DiscardImage'; readonly server: string }
  /** A call for one server failed for good (not retryable): the server fails, the rest go on. */
  | { readonly op: 'Failed'; readonly server: string; readonly error: string };

function update(
  state: ExportRunState,
  match: (s: ServerExportState) => boolean,
  change: (s: ServerExportState) => Partial<ServerExportState>,
): ExportRunState {
  return { ...state, servers: state.servers.map((s) => (match(s) ? { ...s, ...change(s) } : s)) };
}

/** Marks a server's request as sent (written before the call, so a crash leaves a trace). */
export function markRequested(
  state: ExportRunState,
  server: string,
  op: 'CreateImage' | 'ExportImage',
  now: string,
): ExportRunState {
  return update(
    state,
    (s) => s.id === server,
    (s) =>
      op === 'CreateImage'
        ? { phase: 'image-requested', startedAt: s.startedAt ?? now }
        : { phase: 'export-requested', exportStartedAt: s.exportStartedAt ?? now },
  );
}

/** One kind of result. */
type ResultOf<Op extends ExportResult['op']> = Extract<ExportResult, { readonly op: Op }>;

export function applyExportResult(state: ExportRunState, result: ExportResult, now: string): ExportRunState {
  const one = (server: string, change: (s: ServerExportState) => Partial<ServerExportState>) =>
    update(state, (s) => s.id === server, change);
  switch (result.op) {
    case 'ConfirmRoute':
      return one(result.server, (s) => routeConfirmed(result, s, now));
    case 'FindStagedImage':
      return one(result.server, (s) => stagedImageFound(result, s, now));
    case 'FindImageByName':
      return one(result.server, () =>
        result.imageId ? { phase: 'image-pending', imageId: result.imageId } : { phase: 'instance-found' },
      );
    case 'CreateImage':
      return one(result.server, () => ({ phase: 'image-pending', imageId: result.imageId }));
    case 'DescribeImages':
      return imagesDescribed(state, result, now);
    case 'ExportImage':
      return one(result.server, (s) => ({
        phase: 'exporting',
        exportTaskId: result.taskId,
        exportStartedAt: s.exportStartedAt ?? now,
      }));
    case 'DescribeExportImageTasks':
      return exportTasksDescribed(state, result, now);
    case 'VerifyObject':
      return one(result.server, () => ({
        phase: 'discarding',
        sizeBytes: result.sizeBytes,
        etag: result.etag,
        checksumSha256: result.checksumSha256,
        checksumMethod: result.checksumMethod,
      }));
    case 'DiscardImage':
      return one(result.server, () => ({ phase: 'completed', finishedAt: now }));
    case 'Failed':
      return one(result.server, () => ({ phase: 'failed', finishedAt: now, error: result.error }));
  }
}

/** The route confirmed against the account: the server goes on, or fails with the refusal. */
function routeConfirmed(
  result: ResultOf<'ConfirmRoute'>,
  s: ServerExportState,
  now: string,
): Partial<ServerExportState> {
  const c = result.confirmed;
  return c.route === 'refused'
    ? { phase: 'failed', instanceId: result.instanceId, finishedAt: now, error: c.reason }
    : {
        phase: 'instance-found',
        instanceId: result.instanceId,
        route: c.route,
        note: c.note,
        startedAt: s.startedAt ?? now,
      };
}

/** The staged image of an encrypted server, or a failure saying to stage it first. */
function stagedImageFound(
  result: ResultOf<'FindStagedImage'>,
  s: ServerExportState,
  now: string,
): Partial<ServerExportState> {
  return result.imageId
    ? {
        phase: result.state === 'available' ? 'image-ready' : 'image-pending',
        imageId: result.imageId,
        startedAt: s.startedAt ?? now,
      }
    : {
        phase: 'failed',
        finishedAt: now,
        error: `not staged yet: no AMI tagged ExitStagedFor=${s.id}; its volumes are encrypted, so stage it first: npm run estate -- exit stage --server ${s.id}`,
      };
}

/** Every pending image's state: ready, failed (with the reason) or still pending. */
function imagesDescribed(
  state: ExportRunState,
  result: ResultOf<'DescribeImages'>,
  now: string,
): ExportRunState {
  const byId = new Map(result.images.map((i) => [i.id, i]));
  return update(
    state,
    (s) =>
      (s.phase === 'image-pending' || s.phase === 'image-requested') &&
      s.imageId !== undefined &&
      byId.has(s.imageId),
    (s) => {
      const image = byId.get(s.imageId!)!;
      if (image.state === 'available') return { phase: 'image-ready' };
      if (image.state === 'failed' || image.state === 'error' || image.state === 'invalid') {
        return {
          phase: 'failed',
          finishedAt: now,
          error: `image ${s.imageId} ${image.state}${image.reason ? `: ${image.reason}` : ''}`,
        };
      }
      return { phase: 'image-pending' };
    },
  );
}

/** Every running export task's progress: exported (with its object key), failed or still exporting. */
function exportTasksDescribed(
  state: ExportRunState,
  result: ResultOf<'DescribeExportImageTasks'>,
  now: string,
): ExportRunState {
  const byId = new Map(result.tasks.map((t) => [t.id, t]));
  return update(
    state,
    (s) =>
      s.exportTaskId !== undefined &&
      byId.has(s.exportTaskId) &&
      (s.phase === 'exporting' || s.phase === 'export-requested'),
    (s) => {
      const task = byId.get(s.exportTaskId!)!;
      if (task.status === 'completed') {
        return {
          phase: 'exported',
          progress: 100,
          statusMessage: task.statusMessage,
          objectKey: exportObjectKey(s, state.format),
        };
      }
      if (task.status === 'deleted' || task.status === 'deleting') {
        return {
          phase: 'failed',
          finishedAt: now,
          statusMessage: task.statusMessage,
          error: `export task ${s.exportTaskId} ${task.status}: ${task.statusMessage ?? 'no status message'}`,
        };
      }
      return {
        phase: 'exporting',
        progress: task.progress ?? s.progress,
        statusMessage: task.statusMessage,
      };
    },
  );
}

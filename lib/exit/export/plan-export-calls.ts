/**
 * The pure planner of an export run: from the current state, the AWS calls to make next. The
 * executor makes them and feeds each answer to `applyExportResult`; nothing here does I/O.
 *
 * Per server: find the instance (tag `ServerId`) -> CreateImage -> wait until available ->
 * ExportImage into the exit bucket (the client token makes a repeat return the same task) ->
 * poll DescribeExportImageTasks -> read the object's size and checksum. A staged export skips to
 * the staged AMI the runbook's staging steps registered (tag `ExitStagedFor=<server>`).
 * At most `concurrency` export tasks run at once, counting tasks other runs have active.
 */
import { holdsExportSlot, type ExportRunState, type ServerExportState } from './export-state';

export type ExportCall =
  | { readonly op: 'ConfirmRoute'; readonly server: string; readonly planned: string }
  | { readonly op: 'FindStagedImage'; readonly server: string }
  | { readonly op: 'FindImageByName'; readonly server: string; readonly name: string }
  | {
      readonly op: 'CreateImage';
      readonly server: string;
      readonly input: { readonly InstanceId: string; readonly Name: string; readonly NoReboot: boolean };
    }
  | { readonly op: 'DescribeImages'; readonly imageIds: readonly string[] }
  | {
      readonly op: 'ExportImage';
      readonly server: string;
      readonly input: {
        readonly ImageId: string;
        readonly DiskImageFormat: 'VMDK' | 'VHD' | 'RAW';
        readonly S3ExportLocation: { readonly S3Bucket: string; readonly S3Prefix: string };
        readonly RoleName: string;
        readonly ClientToken: string;
        readonly Description: string;
      };
    }
  | { readonly op: 'DescribeExportImageTasks'; readonly taskIds: readonly string[] }
  /** Lists the Region's export tasks to count the active ones this run did not start. */
  | { readonly op: 'CountActiveExports' }
  /** HeadObject, then GetObject read through to compute the SHA-256 of what VM Export wrote. */
  | { readonly op: 'VerifyObject'; readonly server: string; readonly bucket: string; readonly key: string }
  /** Deregisters the image this run exported and deletes its snapshots (a staged image is unencrypted). */
  | { readonly op: 'DiscardImage'; readonly server: string; readonly imageId: string };

export interface PlannedStep {
  /** Calls to make now, in order. Empty with `done` when every server is completed or failed. */
  readonly calls: readonly ExportCall[];
  /** True when the only thing left is waiting for running tasks (the executor sleeps, then polls). */
  readonly waitFirst: boolean;
  readonly done: boolean;
}

/** The object ExportImage writes: `<prefix><export task id>.<format>` (VM Import/Export user guide). */
export function exportObjectKey(s: ServerExportState, format: string): string {
  return `${s.exportPrefix}${s.exportTaskId}.${format}`;
}

/**
 * @param otherActiveTasks export tasks already active in the Region that this run did not start
 */
export function planExportCalls(
  state: ExportRunState,
  otherActiveTasks: number,
  /** Export tasks the Region accepted at most when it last answered ResourceLimitExceeded. */
  observedLimit = Number.POSITIVE_INFINITY,
): PlannedStep {
  const calls: ExportCall[] = [];
  let slots = Math.max(
    0,
    Math.min(state.concurrency, observedLimit) -
      otherActiveTasks -
      state.servers.filter(holdsExportSlot).length,
  );
  const pendingImages: string[] = [];
  const polling: string[] = [];
  let queued = false;
  for (const s of state.servers) {
    switch (s.phase) {
      case 'pending':
        calls.push({ op: 'ConfirmRoute', server: s.id, planned: s.plannedRoute ?? s.route });
        break;
      case 'instance-found':
        calls.push(
          s.route === 'staged-export'
            ? { op: 'FindStagedImage', server: s.id }
            : {
                op: 'CreateImage',
                server: s.id,
                input: { InstanceId: s.instanceId!, Name: s.imageName, NoReboot: true },
              },
        );
        break;
      case 'image-requested':
        // Interrupted between the request and its answer: the name is unique, so look it up.
        if (s.imageId) pendingImages.push(s.imageId);
        else calls.push({ op: 'FindImageByName', server: s.id, name: s.imageName });
        break;
      case 'image-pending':
        pendingImages.push(s.imageId!);
        break;
      case 'image-ready':
      case 'export-requested':
        if (s.phase === 'export-requested' && s.exportTaskId) {
          polling.push(s.exportTaskId);
          break;
        }
        // A request without an answer is repeated with the same client token (same task back).
        if (s.phase === 'image-ready' && slots === 0) {
          queued = true;
          break;
        }
        if (s.phase === 'image-ready') slots--;
        calls.push({
          op: 'ExportImage',
          server: s.id,
          input: {
            ImageId: s.imageId!,
            DiskImageFormat: state.format.toUpperCase() as 'VMDK' | 'VHD' | 'RAW',
            S3ExportLocation: { S3Bucket: state.bucket, S3Prefix: s.exportPrefix },
            RoleName: state.roleName,
            ClientToken: s.clientToken,
            Description: `Exit export of ${s.id} (${state.estate})`,
          },
        });
        break;
      case 'exporting':
        polling.push(s.exportTaskId!);
        break;
      case 'discarding':
        calls.push({ op: 'DiscardImage', server: s.id, imageId: s.imageId! });
        break;
      case 'exported':
        calls.push({
          op: 'VerifyObject',
          server: s.id,
          bucket: state.bucket,
          key: s.objectKey ?? exportObjectKey(s, state.format),
        });
        break;
      case 'completed':
      case 'failed':
        break;
    }
  }
  const done = state.servers.every((s) => s.phase === 'completed' || s.phase === 'failed');
  const waiting = pendingImages.length > 0 || polling.length > 0 || queued;
  if (pendingImages.length > 0) calls.push({ op: 'DescribeImages', imageIds: pendingImages });
  if (polling.length > 0) calls.push({ op: 'DescribeExportImageTasks', taskIds: polling });
  if (queued) calls.push({ op: 'CountActiveExports' });
  // Only waiting left (or servers queued behind the quota): sleep before asking again.
  const onlyWaiting = calls.every(
    (c) => c.op === 'DescribeImages' || c.op === 'DescribeExportImageTasks' || c.op === 'CountActiveExports',
  );
  return { calls, waitFirst: !done && waiting && onlyWaiting, done };
}

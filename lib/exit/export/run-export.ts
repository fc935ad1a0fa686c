/**
 * The thin executor of an export run: asks the pure planner for the next calls, makes them with
 * the real AWS SDK clients it is given, applies the answers with the pure reducer and writes the
 * state after every change (the caller's `writeState` is atomic). Throttling is retried by the
 * SDK's standard retry strategy; a per-server failure is recorded and the other servers go on.
 * `ResourceLimitExceeded` from ExportImage (the Region's concurrent export quota is lower than
 * assumed, or another run holds slots) is not a failure: the server waits for a slot, and the run
 * holds no more tasks than the Region accepted.
 */
import {
  CreateImageCommand,
  DescribeExportImageTasksCommand,
  DescribeImagesCommand,
  ExportImageCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import { applyExportResult, markRequested, type ExportResult } from './apply-export-result';
import { isTerminal, type ExportRunState, type ServerExportState } from './export-state';
import { planExportCalls, type ExportCall } from './plan-export-calls';
import { discardImage } from './private/discard-image';
import { findStagedImage, readInstanceFacts } from '../private/find';
import { verifyObject } from '../private/verify-object';
import { confirmRoute } from './route-facts';
import { progressLine } from './progress';

export interface ExportSystem {
  readonly ec2: EC2Client;
  readonly s3: S3Client;
  /** Writes the run state (atomically: temp file and rename). */
  readonly writeState: (state: ExportRunState) => void;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  /** Progress and outcome lines. */
  readonly print: (line: string) => void;
  /** Set `aborted` to stop after the current call (the state on disk stays resumable). */
  readonly signal?: { aborted: boolean };
  /** The Region, for messages. */
  readonly region?: string;
}

export interface RunExportOptions {
  /** Milliseconds between polls of running tasks. @default 30000 */
  readonly pollMs?: number;
}

export type ExportOutcome = 'completed' | 'partial' | 'interrupted';

function message(e: unknown): string {
  if (e && typeof e === 'object' && 'name' in e && 'message' in e) {
    return `${String((e as { name: unknown }).name)}: ${String((e as { message: unknown }).message)}`;
  }
  return String(e);
}

async function perform(call: ExportCall, sys: ExportSystem): Promise<ExportResult | number> {
  switch (call.op) {
    case 'ConfirmRoute': {
      const facts = await readInstanceFacts(sys.ec2, call.server, sys.region ?? 'the Region');
      return {
        op: 'ConfirmRoute',
        server: call.server,
        instanceId: facts.instanceId,
        confirmed: confirmRoute(call.server, call.planned, facts),
      };
    }
    case 'FindStagedImage':
      return { op: 'FindStagedImage', server: call.server, ...(await findStagedImage(sys.ec2, call.server)) };
    case 'FindImageByName': {
      const out = await sys.ec2.send(
        new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [call.name] }] }),
      );
      return { op: 'FindImageByName', server: call.server, imageId: out.Images?.[0]?.ImageId };
    }
    case 'CreateImage': {
      const out = await sys.ec2.send(
        new CreateImageCommand({
          ...call.input,
          TagSpecifications: [{ ResourceType: 'image', Tags: [{ Key: 'ExitExportOf', Value: call.server }] }],
        }),
      );
      if (!out.ImageId) throw new Error(`CreateImage for ${call.server} returned no image id`);
      return { op: 'CreateImage', server: call.server, imageId: out.ImageId };
    }
    case 'DescribeImages': {
      const out = await sys.ec2.send(new DescribeImagesCommand({ ImageIds: [...call.imageIds] }));
      return {
        op: 'DescribeImages',
        images: (out.Images ?? []).map((i) => ({
          id: i.ImageId ?? '',
          state: i.State ?? '',
          reason: i.StateReason?.Message,
        })),
      };
    }
    case 'ExportImage': {
      const out = await sys.ec2.send(
        new ExportImageCommand({ ...call.input, S3ExportLocation: { ...call.input.S3ExportLocation } }),
      );
      if (!out.ExportImageTaskId) throw new Error(`ExportImage for ${call.server} returned no task id`);
      return { op: 'ExportImage', server: call.server, taskId: out.ExportImageTaskId };
    }
    case 'DescribeExportImageTasks': {
      const out = await sys.ec2.send(
        new DescribeExportImageTasksCommand({ ExportImageTaskIds: [...call.taskIds] }),
      );
      return {
        op: 'DescribeExportImageTasks',
        tasks: (out.ExportImageTasks ?? []).map((t) => ({
          id: t.ExportImageTaskId ?? '',
          status: t.Status ?? '',
          statusMessage: t.StatusMessage,
          progress: t.Progress === undefined ? undefined : Number(t.Progress),
        })),
      };
    }
    case 'CountActiveExports':
      return countActiveExports(sys.ec2);
    case 'VerifyObject':
      return {
        op: 'VerifyObject',
        server: call.server,
        ...(await verifyObject(sys.s3, call.bucket, call.key)),
      };
    case 'DiscardImage':
      await discardImage(sys.ec2, call.imageId);
      return { op: 'DiscardImage', server: call.server };
  }
}

/** Active export image tasks in the Region (every run's, this one's included), all pages. */
export async function countActiveExports(
  ec2: EC2Client,
  exclude: ReadonlySet<string> = new Set(),
): Promise<number> {
  let token: string | undefined;
  let active = 0;
  do {
    const out = await ec2.send(new DescribeExportImageTasksCommand({ NextToken: token }));
    active += (out.ExportImageTasks ?? []).filter(
      (t) => t.Status === 'active' && !exclude.has(t.ExportImageTaskId ?? ''),
    ).length;
    token = out.NextToken;
  } while (token);
  return active;
}

const PER_SERVER_OPS = new Set([
  'ConfirmRoute',
  'FindStagedImage',
  'CreateImage',
  'ExportImage',
  'VerifyObject',
  'DiscardImage',
]);

function isQuotaRefusal(e: unknown): boolean {
  return (e as { name?: string }).name === 'ResourceLimitExceeded';
}

export async function runExport(
  initial: ExportRunState,
  sys: ExportSystem,
  options: RunExportOptions = {},
): Promise<{ state: ExportRunState; outcome: ExportOutcome }> {
  const pollMs = options.pollMs ?? 30_000;
  let state = initial;
  const ours = () =>
    new Set(state.servers.map((s) => s.exportTaskId).filter((t): t is string => t !== undefined));
  let others = await countActiveExports(sys.ec2, ours());
  if (others > 0)
    sys.print(
      `${others} export task(s) of other runs are active in ${state.region}; they count against the quota of ${state.concurrency}.\n`,
    );
  const save = (next: ExportRunState) => {
    state = next;
    sys.writeState(state);
  };
  save(state);
  let observedLimit = Number.POSITIVE_INFINITY;
  for (;;) {
    if (sys.signal?.aborted) return { state, outcome: 'interrupted' };
    const step = planExportCalls(state, others, observedLimit);
    if (step.done) break;
    if (step.waitFirst) await sys.sleep(pollMs);
    for (const call of step.calls) {
      if (sys.signal?.aborted) return { state, outcome: 'interrupted' };
      const now = () => sys.now().toISOString();
      if (call.op === 'CreateImage' || call.op === 'ExportImage')
        save(markRequested(state, call.server, call.op, now()));
      let result: ExportResult | number;
      try {
        result = await perform(call, sys);
      } catch (e) {
        if (call.op === 'ExportImage' && isQuotaRefusal(e)) {
          // The Region is full: wait for a slot. The server goes back to image-ready (no task).
          const activeAll = await countActiveExports(sys.ec2);
          others = await countActiveExports(sys.ec2, ours());
          observedLimit = Math.max(1, activeAll);
          sys.print(
            `  ${call.server}: the Region accepts no more export tasks now (ResourceLimitExceeded at ${activeAll} active); waiting for a slot\n`,
          );
          save({
            ...state,
            servers: state.servers.map((s) => (s.id === call.server ? { ...s, phase: 'image-ready' } : s)),
          });
          if (activeAll === 0) await sys.sleep(pollMs);
          break;
        }
        if (!('server' in call) || !PER_SERVER_OPS.has(call.op)) throw e;
        result = { op: 'Failed', server: call.server, error: `${call.op} failed: ${message(e)}` };
      }
      if (typeof result === 'number') {
        others = result;
        continue;
      }
      const before = new Map(state.servers.map((s) => [s.id, s]));
      save(applyExportResult(state, result, now()));
      for (const s of state.servers) report(before.get(s.id)!, s, sys);
    }
  }
  const failed = state.servers.filter((s) => s.phase === 'failed').length;
  return { state, outcome: failed === 0 ? 'completed' : 'partial' };
}

function report(before: ServerExportState, after: ServerExportState, sys: ExportSystem): void {
  if (after.phase === 'exporting' && (before.phase !== 'exporting' || before.progress !== after.progress)) {
    sys.print(`${progressLine(after.id, after.progress ?? 0, after.exportTaskId ?? '')}\n`);
  } else if (after.phase !== before.phase && (isTerminal(after) || after.phase === 'image-ready')) {
    const what =
      after.phase === 'completed'
        ? `exported to ${after.objectKey} (${after.sizeBytes} bytes)`
        : after.phase === 'failed'
          ? `FAILED: ${after.error}`
          : `image ${after.imageId} ready`;
    sys.print(`  ${after.id}: ${what}\n`);
  }
}

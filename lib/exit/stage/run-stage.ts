/**
 * `exit stage`: makes an exportable image of a server whose volumes are encrypted (VM Export
 * refuses encrypted snapshots: VM Import/Export User Guide, "Considerations for image export").
 * Per server: CreateSnapshots of every volume at once (crash-consistent across the instance's
 * volumes: Amazon EBS User Guide, "Create multi-volume snapshots"); volumes from them in the exit
 * subnet's AZ and empty unencrypted targets of the same size; a short-lived worker from the Exit
 * stack's launch template (pinned image, isolated exit subnet, reached through SSM only); attach;
 * block copy through SSM Run Command with a SHA-256 per volume; snapshot the targets;
 * RegisterImage with the source's root device, boot mode and architecture and every volume in
 * its block device mapping, tagged ExitStagedFor; then terminate the worker and delete every
 * temporary volume and the encrypted source snapshots. The unencrypted target snapshots stay,
 * inside the staged image, until `exit export` has verified the exported object and deletes them.
 *
 * State is written after every step; each create is preceded by a lookup of the run's tags (or
 * uses an idempotency token), so a resumed run never makes a second worker, volume or snapshot.
 * One server's failure never stops the others.
 */
import {
  AttachVolumeCommand,
  CreateSnapshotCommand,
  CreateSnapshotsCommand,
  CreateVolumeCommand,
  DeleteSnapshotCommand,
  DeleteVolumeCommand,
  GetEbsEncryptionByDefaultCommand,
  RegisterImageCommand,
  RunInstancesCommand,
  TerminateInstancesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { GetCommandInvocationCommand, SendCommandCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { STAGED_FOR_TAG, STAGING_TAG } from '../exit-names';
import { readInstanceFacts } from '../private/find';
import { licenceIncluded } from '../export/route-facts';
import { copyScript, parseCopyOutput } from './copy-script';
import {
  errorName,
  errorText,
  findImageByName,
  findSnapshots,
  findVolumes,
  findWorkers,
  instanceState,
  snapshotStates,
  stagingTags,
  volumeStates,
} from './private/ec2-steps';
import {
  isStageTerminal,
  type ServerStageState,
  type StagedVolume,
  type StagePhase,
  type StageRunState,
} from './stage-state';

export interface StageSystem {
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
  /** Writes the run state atomically (temp file and rename). */
  readonly writeState: (state: StageRunState) => void;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly print: (line: string) => void;
  /** Set `aborted` to stop after the current step (the state on disk stays resumable). */
  readonly signal?: { aborted: boolean };
}

export interface RunStageOptions {
  /** Milliseconds between polls. @default 15000 */
  readonly pollMs?: number;
  /** Polls before a wait gives up (the server fails; the run goes on). @default 480 */
  readonly maxPolls?: number;
}

export type StageOutcome = 'completed' | 'partial' | 'interrupted';

/** Device names on the worker for the i-th volume pair: /dev/sdf, /dev/sdg, ... (up to 10 pairs). */
function workerDevices(i: number): [string, string] {
  const letters = 'fghijklmnopqrstuvwxyz';
  if (2 * i + 1 >= letters.length) throw new Error('more than 10 volumes: stage this server by hand');
  return [`/dev/sd${letters[2 * i]}`, `/dev/sd${letters[2 * i + 1]}`];
}

class StageFailure extends Error {}

export async function runStage(
  initial: StageRunState,
  sys: StageSystem,
  options: RunStageOptions = {},
): Promise<{ state: StageRunState; outcome: StageOutcome }> {
  const pollMs = options.pollMs ?? 15_000;
  const maxPolls = options.maxPolls ?? 480;
  let state = initial;
  const now = () => sys.now().toISOString();
  const save = (id: string, change: Partial<ServerStageState>) => {
    state = { ...state, servers: state.servers.map((s) => (s.id === id ? { ...s, ...change } : s)) };
    sys.writeState(state);
  };
  const get = (id: string) => state.servers.find((s) => s.id === id)!;
  const enter = (id: string, phase: StagePhase, change: Partial<ServerStageState> = {}) => {
    const s = get(id);
    const t = now();
    const steps = { ...s.steps };
    const current = steps[s.phase];
    if (current && !current.finishedAt) steps[s.phase] = { ...current, finishedAt: t };
    if (!isTerminalPhase(phase)) steps[phase] = steps[phase] ?? { startedAt: t };
    save(id, { ...change, phase, steps });
    sys.print(`  ${id}: ${phase}${change.detail ? ` (${change.detail})` : ''}\n`);
  };
  const waitFor = async (what: string, ready: () => Promise<boolean>) => {
    for (let i = 0; i < maxPolls; i++) {
      if (await ready()) return;
      await sys.sleep(pollMs);
    }
    throw new StageFailure(`gave up waiting for ${what} after ${maxPolls} polls`);
  };

  sys.writeState(state);
  const byDefault = await sys.ec2.send(new GetEbsEncryptionByDefaultCommand({}));
  if (byDefault.EbsEncryptionByDefault) {
    for (const s of state.servers.filter((x) => !isStageTerminal(x) && x.phase !== 'cleaning'))
      enter(s.id, 'failed', {
        detail: `EBS encryption by default is on in ${state.region}, so the unencrypted target volumes staging needs cannot be created (Amazon EBS User Guide, "Encryption by default"); turn it off for the staging window or export this server's data instead`,
      });
    return { state, outcome: 'partial' };
  }

  for (const server of state.servers.map((s) => s.id)) {
    while (!isStageTerminal(get(server))) {
      if (sys.signal?.aborted) return { state, outcome: 'interrupted' };
      try {
        await step(server);
      } catch (e) {
        const detail = `${get(server).phase}: ${errorText(e)}`;
        // A failed server keeps nothing: no worker, no volume, no snapshot (the next run starts it again).
        const cleanup = await cleanUp(get(server), true).then(
          () => '',
          (c: unknown) => `; clean-up failed too (${errorText(c)}): run exit stage --abort`,
        );
        enter(server, 'failed', { detail: `${detail}${cleanup}` });
      }
    }
  }
  const failed = state.servers.filter((s) => s.phase === 'failed').length;
  return { state, outcome: failed === 0 ? 'completed' : 'partial' };

  async function step(id: string): Promise<void> {
    const s = get(id);
    const ec2 = sys.ec2;
    switch (s.phase) {
      case 'pending': {
        const facts = await readInstanceFacts(ec2, id, state.region);
        const licence = licenceIncluded(facts);
        if (licence)
          return enter(id, 'data-only', {
            instanceId: facts.instanceId,
            detail: `${licence}: it leaves as data, as the exit plan says`,
          });
        const volumes: StagedVolume[] = facts.volumes.map((v) => ({
          device: v.device,
          sourceVolumeId: v.volumeId,
          sizeGiB: v.sizeGiB,
          encrypted: v.encrypted,
        }));
        if (!volumes.some((v) => v.encrypted))
          return enter(id, 'not-needed', {
            instanceId: facts.instanceId,
            volumes,
            detail: 'no encrypted volume: exit export takes it as it is',
          });
        return enter(id, 'snapshotting', {
          instanceId: facts.instanceId,
          rootDeviceName: facts.rootDeviceName,
          architecture: facts.architecture,
          bootMode: facts.bootMode,
          volumes,
        });
      }
      case 'snapshotting': {
        let found = await findSnapshots(ec2, state.runId, id, 'source-snapshot');
        if (found.length === 0) {
          const out = await ec2.send(
            new CreateSnapshotsCommand({
              InstanceSpecification: { InstanceId: s.instanceId!, ExcludeBootVolume: false },
              Description: `Exit staging of ${id} (${state.runId})`,
              TagSpecifications: [
                { ResourceType: 'snapshot', Tags: stagingTags(state.runId, id, 'source-snapshot') },
              ],
            }),
          );
          found = (out.Snapshots ?? []).map((x) => ({
            id: x.SnapshotId ?? '',
            volumeId: x.VolumeId ?? '',
            state: x.State ?? '',
          }));
        }
        const byVolume = new Map(found.map((f) => [f.volumeId, f.id]));
        const volumes = s.volumes.map((v) => ({ ...v, sourceSnapshotId: byVolume.get(v.sourceVolumeId) }));
        const missing = volumes.find((v) => !v.sourceSnapshotId);
        if (missing)
          throw new StageFailure(
            `CreateSnapshots made no snapshot of ${missing.sourceVolumeId} (${missing.device})`,
          );
        save(id, { volumes });
        await waitFor('the source snapshots', async () => {
          const states = await snapshotStates(
            ec2,
            volumes.map((v) => v.sourceSnapshotId!),
          );
          if ([...states.values()].includes('error'))
            throw new StageFailure('a source snapshot is in state error');
          return volumes.every((v) => states.get(v.sourceSnapshotId!) === 'completed');
        });
        return enter(id, 'creating-volumes');
      }
      case 'creating-volumes': {
        const copies = await findVolumes(ec2, state.runId, id, 'copy-volume');
        const targets = await findVolumes(ec2, state.runId, id, 'target-volume');
        const volumes: StagedVolume[] = [];
        for (const v of s.volumes) {
          let copyVolumeId = v.copyVolumeId ?? copies.find((c) => c.device === v.device)?.id;
          if (!copyVolumeId) {
            const out = await ec2.send(
              new CreateVolumeCommand({
                SnapshotId: v.sourceSnapshotId,
                AvailabilityZone: state.availabilityZone,
                VolumeType: 'gp3',
                TagSpecifications: [
                  { ResourceType: 'volume', Tags: stagingTags(state.runId, id, 'copy-volume', v.device) },
                ],
              }),
            );
            copyVolumeId = out.VolumeId!;
          }
          let targetVolumeId = v.targetVolumeId ?? targets.find((c) => c.device === v.device)?.id;
          if (!targetVolumeId) {
            const out = await ec2.send(
              new CreateVolumeCommand({
                Size: v.sizeGiB,
                AvailabilityZone: state.availabilityZone,
                VolumeType: 'gp3',
                Encrypted: false,
                TagSpecifications: [
                  { ResourceType: 'volume', Tags: stagingTags(state.runId, id, 'target-volume', v.device) },
                ],
              }),
            );
            targetVolumeId = out.VolumeId!;
          }
          volumes.push({ ...v, copyVolumeId, targetVolumeId });
          save(id, { volumes: [...volumes, ...s.volumes.slice(volumes.length)] });
        }
        await waitFor('the staging volumes', async () => {
          const states = await volumeStates(
            ec2,
            volumes.flatMap((v) => [v.copyVolumeId!, v.targetVolumeId!]),
          );
          for (const v of volumes)
            if (states.get(v.targetVolumeId!)?.encrypted)
              throw new StageFailure(
                `target volume ${v.targetVolumeId} came out encrypted (EBS encryption by default?)`,
              );
          if ([...states.values()].some((x) => x.state === 'error'))
            throw new StageFailure('a staging volume is in state error');
          return [...states.values()].every((x) => x.state === 'available' || x.state === 'in-use');
        });
        return enter(id, 'launching');
      }
      case 'launching': {
        let workerId = s.workerId;
        if (!workerId) {
          const out = await ec2.send(
            new RunInstancesCommand({
              LaunchTemplate: { LaunchTemplateName: state.workerTemplate, Version: '$Default' },
              ...(state.workerImageId ? { ImageId: state.workerImageId } : {}),
              MinCount: 1,
              MaxCount: 1,
              ClientToken: s.workerToken,
              TagSpecifications: [
                { ResourceType: 'instance', Tags: stagingTags(state.runId, id, 'worker') },
                { ResourceType: 'volume', Tags: stagingTags(state.runId, id, 'worker') },
              ],
            }),
          );
          workerId = out.Instances?.[0]?.InstanceId;
          if (!workerId) throw new StageFailure('RunInstances returned no instance');
          save(id, { workerId });
        }
        await waitFor(`worker ${workerId} to run`, async () => {
          const st = await instanceState(ec2, workerId);
          if (st === 'terminated' || st === 'shutting-down')
            throw new StageFailure(`worker ${workerId} is ${st}`);
          return st === 'running';
        });
        return enter(id, 'attaching');
      }
      case 'attaching': {
        const ids = s.volumes.flatMap((v) => [v.copyVolumeId!, v.targetVolumeId!]);
        const states = await volumeStates(ec2, ids);
        const volumes = s.volumes.map((v, i) => {
          const [copyDevice, targetDevice] = workerDevices(i);
          return { ...v, copyDevice, targetDevice };
        });
        save(id, { volumes });
        for (const v of volumes) {
          for (const [vol, device] of [
            [v.copyVolumeId!, v.copyDevice],
            [v.targetVolumeId!, v.targetDevice],
          ] as const) {
            if (states.get(vol)?.attachedTo === s.workerId) continue;
            await ec2.send(
              new AttachVolumeCommand({ VolumeId: vol, InstanceId: s.workerId!, Device: device }),
            );
          }
        }
        await waitFor('the volumes to attach', async () => {
          const current = await volumeStates(ec2, ids);
          return ids.every(
            (v) => current.get(v)?.attachedTo === s.workerId && current.get(v)?.attachment === 'attached',
          );
        });
        return enter(id, 'copying');
      }
      case 'copying': {
        let commandId = s.commandId;
        if (!commandId) {
          for (let i = 0; ; i++) {
            try {
              const out = await sys.ssm.send(
                new SendCommandCommand({
                  InstanceIds: [s.workerId!],
                  DocumentName: 'AWS-RunShellScript',
                  Comment: `Exit staging copy of ${id}`.slice(0, 100),
                  TimeoutSeconds: 600,
                  Parameters: { commands: copyScript(s.volumes), executionTimeout: ['172800'] },
                }),
              );
              commandId = out.Command?.CommandId;
              break;
            } catch (e) {
              // The worker's SSM agent registers a little after the instance runs (InvalidInstanceId).
              if (errorName(e) !== 'InvalidInstanceId' || i >= maxPolls) throw e;
              await sys.sleep(pollMs);
            }
          }
          if (!commandId) throw new StageFailure('SendCommand returned no command id');
          save(id, { commandId });
        }
        let stdout = '';
        await waitFor(`copy command ${commandId}`, async () => {
          let out;
          try {
            out = await sys.ssm.send(
              new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: s.workerId! }),
            );
          } catch (e) {
            if (errorName(e) === 'InvocationDoesNotExist') return false;
            throw e;
          }
          const status = out.Status ?? '';
          if (['Failed', 'Cancelled', 'TimedOut', 'Cancelling'].includes(status))
            throw new StageFailure(
              `copy command ${commandId} ${status}: ${(out.StandardErrorContent ?? out.StatusDetails ?? '').trim()}`,
            );
          stdout = out.StandardOutputContent ?? '';
          return status === 'Success';
        });
        const results = parseCopyOutput(stdout);
        const volumes = s.volumes.map((v) => {
          const r = results.find((x) => x.source === v.copyVolumeId && x.target === v.targetVolumeId);
          if (!r) throw new StageFailure(`the copy printed no checksum for ${v.device} (${v.copyVolumeId})`);
          if (r.sourceSha256 !== r.targetSha256)
            throw new StageFailure(
              `${v.device}: the copy differs from its source (sha256 ${r.sourceSha256} vs ${r.targetSha256})`,
            );
          return { ...v, sha256: r.targetSha256, bytes: r.bytes };
        });
        return enter(id, 'snapshotting-targets', { volumes });
      }
      case 'snapshotting-targets': {
        const found = await findSnapshots(ec2, state.runId, id, 'target-snapshot');
        const volumes: StagedVolume[] = [];
        for (const v of s.volumes) {
          let targetSnapshotId = v.targetSnapshotId ?? found.find((f) => f.device === v.device)?.id;
          if (!targetSnapshotId) {
            const out = await ec2.send(
              new CreateSnapshotCommand({
                VolumeId: v.targetVolumeId,
                Description: `Exit staged copy of ${id} ${v.device}`,
                TagSpecifications: [
                  {
                    ResourceType: 'snapshot',
                    Tags: stagingTags(state.runId, id, 'target-snapshot', v.device),
                  },
                ],
              }),
            );
            targetSnapshotId = out.SnapshotId!;
          }
          volumes.push({ ...v, targetSnapshotId });
          save(id, { volumes: [...volumes, ...s.volumes.slice(volumes.length)] });
        }
        await waitFor('the staged snapshots', async () => {
          const states = await snapshotStates(
            ec2,
            volumes.map((v) => v.targetSnapshotId!),
          );
          return volumes.every((v) => states.get(v.targetSnapshotId!) === 'completed');
        });
        return enter(id, 'registering');
      }
      case 'registering': {
        let imageId = s.imageId ?? (await findImageByName(ec2, s.imageName))?.id;
        if (!imageId) {
          const out = await ec2.send(
            new RegisterImageCommand({
              Name: s.imageName,
              Description: `Exit staging of ${id}: unencrypted copy, deleted after export`,
              RootDeviceName: s.rootDeviceName,
              Architecture: s.architecture as 'x86_64',
              ...(s.bootMode ? { BootMode: s.bootMode as 'uefi' } : {}),
              VirtualizationType: 'hvm',
              EnaSupport: true,
              // Every volume: VM Export exports only what the block device mapping names.
              BlockDeviceMappings: s.volumes.map((v) => ({
                DeviceName: v.device,
                Ebs: { SnapshotId: v.targetSnapshotId, DeleteOnTermination: true, VolumeType: 'gp3' },
              })),
              TagSpecifications: [
                {
                  ResourceType: 'image',
                  Tags: [{ Key: STAGED_FOR_TAG, Value: id }, ...stagingTags(state.runId, id, 'image')],
                },
              ],
            }),
          );
          imageId = out.ImageId!;
        }
        save(id, { imageId });
        return enter(id, 'cleaning');
      }
      case 'cleaning':
        await cleanUp(s, false);
        return enter(id, 'staged', { detail: `image ${s.imageId} tagged ${STAGED_FOR_TAG}=${id}` });
      default:
        return;
    }
  }

  async function cleanUp(s: ServerStageState, everything: boolean): Promise<void> {
    await discardStaging(sys.ec2, state.runId, s, everything, sys.sleep, pollMs, maxPolls);
  }
}

function isTerminalPhase(p: StagePhase): boolean {
  return ['staged', 'not-needed', 'data-only', 'failed', 'aborted'].includes(p);
}

const ignore =
  (...names: string[]) =>
  (e: unknown) => {
    if (!names.includes(errorName(e))) throw e;
  };

/**
 * Terminates the server's worker(s) and deletes the temporary volumes and the encrypted source
 * snapshots; with `everything`, also the staged image's unencrypted snapshots (`--abort`). Found by
 * the run's tags as well as the state, so nothing made before a crash is missed.
 */
export async function discardStaging(
  ec2: EC2Client,
  runId: string,
  s: ServerStageState,
  everything: boolean,
  sleep: (ms: number) => Promise<void>,
  pollMs: number,
  maxPolls: number,
): Promise<void> {
  const workers = new Set([...(s.workerId ? [s.workerId] : []), ...(await findWorkers(ec2, runId, s.id))]);
  for (const w of workers) {
    await ec2
      .send(new TerminateInstancesCommand({ InstanceIds: [w] }))
      .catch(ignore('InvalidInstanceID.NotFound'));
  }
  for (const w of workers) {
    for (let i = 0; i < maxPolls; i++) {
      const st = await instanceState(ec2, w).catch(() => 'terminated');
      if (st === 'terminated' || st === '') break;
      await sleep(pollMs);
    }
  }
  const volumes = new Set([
    ...s.volumes.flatMap((v) => [v.copyVolumeId, v.targetVolumeId]).filter((v): v is string => !!v),
    ...(await findVolumes(ec2, runId, s.id, 'copy-volume')).map((v) => v.id),
    ...(await findVolumes(ec2, runId, s.id, 'target-volume')).map((v) => v.id),
  ]);
  for (const v of volumes) {
    for (let i = 0; ; i++) {
      try {
        await ec2.send(new DeleteVolumeCommand({ VolumeId: v }));
        break;
      } catch (e) {
        if (errorName(e) === 'InvalidVolume.NotFound') break;
        // Still detaching from the terminated worker: wait.
        if (errorName(e) !== 'VolumeInUse' || i >= maxPolls) throw e;
        await sleep(pollMs);
      }
    }
  }
  const snapshots = new Set([
    ...s.volumes.map((v) => v.sourceSnapshotId).filter((v): v is string => !!v),
    ...(await findSnapshots(ec2, runId, s.id, 'source-snapshot')).map((x) => x.id),
  ]);
  if (everything) {
    for (const x of s.volumes.map((v) => v.targetSnapshotId)) if (x) snapshots.add(x);
    for (const x of await findSnapshots(ec2, runId, s.id, 'target-snapshot')) snapshots.add(x.id);
  }
  for (const id of snapshots) {
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: id })).catch(ignore('InvalidSnapshot.NotFound'));
  }
}

/** The tag a staged image carries; `exit export` deletes the image and its snapshots after export. */
export const STAGED_IMAGE_TAGS = [STAGED_FOR_TAG, STAGING_TAG];

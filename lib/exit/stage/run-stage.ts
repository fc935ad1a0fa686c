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
  const run = new StageRun(initial, sys, options.pollMs ?? 15_000, options.maxPolls ?? 480);
  sys.writeState(run.state);
  const byDefault = await sys.ec2.send(new GetEbsEncryptionByDefaultCommand({}));
  if (byDefault.EbsEncryptionByDefault) {
    for (const s of run.state.servers.filter((x) => !isStageTerminal(x) && x.phase !== 'cleaning'))
      run.enter(s.id, 'failed', {
        detail: `EBS encryption by default is on in ${run.state.region}, so the unencrypted target volumes staging needs cannot be created (Amazon EBS User Guide, "Encryption by default"); turn it off for the staging window or export this server's data instead`,
      });
    return { state: run.state, outcome: 'partial' };
  }
  for (const server of run.state.servers.map((s) => s.id)) {
    while (!isStageTerminal(run.get(server))) {
      if (sys.signal?.aborted) return { state: run.state, outcome: 'interrupted' };
      await run.advance(server);
    }
  }
  const failed = run.state.servers.filter((s) => s.phase === 'failed').length;
  return { state: run.state, outcome: failed === 0 ? 'completed' : 'partial' };
}

/** One staging run: its state (written after every change) and one method per phase. */
class StageRun {
  constructor(
    public state: StageRunState,
    private readonly sys: StageSystem,
    private readonly pollMs: number,
    private readonly maxPolls: number,
  ) {}

  get(id: string): ServerStageState {
    return this.state.servers.find((s) => s.id === id)!;
  }

  private save(id: string, change: Partial<ServerStageState>): void {
    this.state = {
      ...this.state,
      servers: this.state.servers.map((s) => (s.id === id ? { ...s, ...change } : s)),
    };
    this.sys.writeState(this.state);
  }

  /** Moves a server to `phase`, timing the step it leaves and the one it enters; prints it. */
  enter(id: string, phase: StagePhase, change: Partial<ServerStageState> = {}): void {
    const s = this.get(id);
    const t = this.sys.now().toISOString();
    const steps = { ...s.steps };
    const current = steps[s.phase];
    if (current && !current.finishedAt) steps[s.phase] = { ...current, finishedAt: t };
    if (!isTerminalPhase(phase)) steps[phase] = steps[phase] ?? { startedAt: t };
    this.save(id, { ...change, phase, steps });
    this.sys.print(`  ${id}: ${phase}${change.detail ? ` (${change.detail})` : ''}\n`);
  }

  private async waitFor(what: string, ready: () => Promise<boolean>): Promise<void> {
    for (let i = 0; i < this.maxPolls; i++) {
      if (await ready()) return;
      await this.sys.sleep(this.pollMs);
    }
    throw new StageFailure(`gave up waiting for ${what} after ${this.maxPolls} polls`);
  }

  /** One step of a server; a failure fails that server only, after cleaning up what it made. */
  async advance(server: string): Promise<void> {
    try {
      await this.step(server);
    } catch (e) {
      const detail = `${this.get(server).phase}: ${errorText(e)}`;
      // A failed server keeps nothing: no worker, no volume, no snapshot (the next run starts it again).
      const cleanup = await this.cleanUp(this.get(server), true).then(
        () => '',
        (c: unknown) => `; clean-up failed too (${errorText(c)}): run exit stage --abort`,
      );
      this.enter(server, 'failed', { detail: `${detail}${cleanup}` });
    }
  }

  private step(id: string): Promise<void> {
    const s = this.get(id);
    switch (s.phase) {
      case 'pending':
        return this.pending(id);
      case 'snapshotting':
        return this.snapshotting(id, s);
      case 'creating-volumes':
        return this.creatingVolumes(id, s);
      case 'launching':
        return this.launching(id, s);
      case 'attaching':
        return this.attaching(id, s);
      case 'copying':
        return this.copying(id, s);
      case 'snapshotting-targets':
        return this.snapshottingTargets(id, s);
      case 'registering':
        return this.registering(id, s);
      case 'cleaning':
        return this.cleaning(id, s);
      default:
        return Promise.resolve();
    }
  }

  /** Reads the instance: data-only (licence included), not needed (nothing encrypted) or on to snapshots. */
  private async pending(id: string): Promise<void> {
    const ec2 = this.sys.ec2;
    const facts = await readInstanceFacts(ec2, id, this.state.region);
    const licence = licenceIncluded(facts);
    if (licence)
      return this.enter(id, 'data-only', {
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
      return this.enter(id, 'not-needed', {
        instanceId: facts.instanceId,
        volumes,
        detail: 'no encrypted volume: exit export takes it as it is',
      });
    return this.enter(id, 'snapshotting', {
      instanceId: facts.instanceId,
      rootDeviceName: facts.rootDeviceName,
      architecture: facts.architecture,
      bootMode: facts.bootMode,
      volumes,
    });
  }

  /** Crash-consistent snapshots of every volume at once (CreateSnapshots), found again by tag on resume. */
  private async snapshotting(id: string, s: ServerStageState): Promise<void> {
    const ec2 = this.sys.ec2;
    let found = await findSnapshots(ec2, this.state.runId, id, 'source-snapshot');
    if (found.length === 0) {
      const out = await ec2.send(
        new CreateSnapshotsCommand({
          InstanceSpecification: { InstanceId: s.instanceId!, ExcludeBootVolume: false },
          Description: `Exit staging of ${id} (${this.state.runId})`,
          TagSpecifications: [
            { ResourceType: 'snapshot', Tags: stagingTags(this.state.runId, id, 'source-snapshot') },
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
    this.save(id, { volumes });
    await this.waitFor('the source snapshots', async () => {
      const states = await snapshotStates(
        ec2,
        volumes.map((v) => v.sourceSnapshotId!),
      );
      if ([...states.values()].includes('error'))
        throw new StageFailure('a source snapshot is in state error');
      return volumes.every((v) => states.get(v.sourceSnapshotId!) === 'completed');
    });
    return this.enter(id, 'creating-volumes');
  }

  /** A copy volume from each source snapshot and an empty unencrypted target of the same size. */
  private async creatingVolumes(id: string, s: ServerStageState): Promise<void> {
    const ec2 = this.sys.ec2;
    const copies = await findVolumes(ec2, this.state.runId, id, 'copy-volume');
    const targets = await findVolumes(ec2, this.state.runId, id, 'target-volume');
    const volumes: StagedVolume[] = [];
    for (const v of s.volumes) {
      let copyVolumeId = v.copyVolumeId ?? copies.find((c) => c.device === v.device)?.id;
      if (!copyVolumeId) {
        const out = await ec2.send(
          new CreateVolumeCommand({
            SnapshotId: v.sourceSnapshotId,
            AvailabilityZone: this.state.availabilityZone,
            VolumeType: 'gp3',
            TagSpecifications: [
              { ResourceType: 'volume', Tags: stagingTags(this.state.runId, id, 'copy-volume', v.device) },
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
            AvailabilityZone: this.state.availabilityZone,
            VolumeType: 'gp3',
            Encrypted: false,
            TagSpecifications: [
              { ResourceType: 'volume', Tags: stagingTags(this.state.runId, id, 'target-volume', v.device) },
            ],
          }),
        );
        targetVolumeId = out.VolumeId!;
      }
      volumes.push({ ...v, copyVolumeId, targetVolumeId });
      this.save(id, { volumes: [...volumes, ...s.volumes.slice(volumes.length)] });
    }
    await this.waitFor('the staging volumes', async () => {
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
    return this.enter(id, 'launching');
  }

  /** The worker from the Exit stack's launch template (client token: never a second one). */
  private async launching(id: string, s: ServerStageState): Promise<void> {
    const ec2 = this.sys.ec2;
    let workerId = s.workerId;
    if (!workerId) {
      const out = await ec2.send(
        new RunInstancesCommand({
          LaunchTemplate: { LaunchTemplateName: this.state.workerTemplate, Version: '$Default' },
          ...(this.state.workerImageId ? { ImageId: this.state.workerImageId } : {}),
          MinCount: 1,
          MaxCount: 1,
          ClientToken: s.workerToken,
          TagSpecifications: [
            { ResourceType: 'instance', Tags: stagingTags(this.state.runId, id, 'worker') },
            { ResourceType: 'volume', Tags: stagingTags(this.state.runId, id, 'worker') },
          ],
        }),
      );
      workerId = out.Instances?.[0]?.InstanceId;
      if (!workerId) throw new StageFailure('RunInstances returned no instance');
      this.save(id, { workerId });
    }
    await this.waitFor(`worker ${workerId} to run`, async () => {
      const st = await instanceState(ec2, workerId);
      if (st === 'terminated' || st === 'shutting-down')
        throw new StageFailure(`worker ${workerId} is ${st}`);
      return st === 'running';
    });
    return this.enter(id, 'attaching');
  }

  /** Attaches each copy and target volume pair to the worker. */
  private async attaching(id: string, s: ServerStageState): Promise<void> {
    const ec2 = this.sys.ec2;
    const ids = s.volumes.flatMap((v) => [v.copyVolumeId!, v.targetVolumeId!]);
    const states = await volumeStates(ec2, ids);
    const volumes = s.volumes.map((v, i) => {
      const [copyDevice, targetDevice] = workerDevices(i);
      return { ...v, copyDevice, targetDevice };
    });
    this.save(id, { volumes });
    for (const v of volumes) {
      for (const [vol, device] of [
        [v.copyVolumeId!, v.copyDevice],
        [v.targetVolumeId!, v.targetDevice],
      ] as const) {
        if (states.get(vol)?.attachedTo === s.workerId) continue;
        await ec2.send(new AttachVolumeCommand({ VolumeId: vol, InstanceId: s.workerId!, Device: device }));
      }
    }
    await this.waitFor('the volumes to attach', async () => {
      const current = await volumeStates(ec2, ids);
      return ids.every(
        (v) => current.get(v)?.attachedTo === s.workerId && current.get(v)?.attachment === 'attached',
      );
    });
    return this.enter(id, 'copying');
  }

  /** The block copy through SSM Run Command; every volume's SHA-256 must match its source. */
  private async copying(id: string, s: ServerStageState): Promise<void> {
    let commandId = s.commandId;
    if (!commandId) {
      for (let i = 0; ; i++) {
        try {
          const out = await this.sys.ssm.send(
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
          if (errorName(e) !== 'InvalidInstanceId' || i >= this.maxPolls) throw e;
          await this.sys.sleep(this.pollMs);
        }
      }
      if (!commandId) throw new StageFailure('SendCommand returned no command id');
      this.save(id, { commandId });
    }
    let stdout = '';
    await this.waitFor(`copy command ${commandId}`, async () => {
      let out;
      try {
        out = await this.sys.ssm.send(
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
    return this.enter(id, 'snapshotting-targets', { volumes });
  }

  /** Snapshots of the unencrypted targets. */
  private async snapshottingTargets(id: string, s: ServerStageState): Promise<void> {
    const ec2 = this.sys.ec2;
    const found = await findSnapshots(ec2, this.state.runId, id, 'target-snapshot');
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
                Tags: stagingTags(this.state.runId, id, 'target-snapshot', v.device),
              },
            ],
          }),
        );
        targetSnapshotId = out.SnapshotId!;
      }
      volumes.push({ ...v, targetSnapshotId });
      this.save(id, { volumes: [...volumes, ...s.volumes.slice(volumes.length)] });
    }
    await this.waitFor('the staged snapshots', async () => {
      const states = await snapshotStates(
        ec2,
        volumes.map((v) => v.targetSnapshotId!),
      );
      return volumes.every((v) => states.get(v.targetSnapshotId!) === 'completed');
    });
    return this.enter(id, 'registering');
  }

  /** Registers the staged image from the target snapshots, tagged ExitStagedFor. */
  private async registering(id: string, s: ServerStageState): Promise<void> {
    const ec2 = this.sys.ec2;
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
              Tags: [{ Key: STAGED_FOR_TAG, Value: id }, ...stagingTags(this.state.runId, id, 'image')],
            },
          ],
        }),
      );
      imageId = out.ImageId!;
    }
    this.save(id, { imageId });
    return this.enter(id, 'cleaning');
  }

  /** Terminates the worker and deletes the temporary volumes and source snapshots. */
  private async cleaning(id: string, s: ServerStageState): Promise<void> {
    await this.cleanUp(s, false);
    return this.enter(id, 'staged', { detail: `image ${s.imageId} tagged ${STAGED_FOR_TAG}=${id}` });
  }

  private async cleanUp(s: ServerStageState, everything: boolean): Promise<void> {
    await discardStaging(
      this.sys.ec2,
      this.state.runId,
      s,
      everything,
      this.sys.sleep,
      this.pollMs,
      this.maxPolls,
    );
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

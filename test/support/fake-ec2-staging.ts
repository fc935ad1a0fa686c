/**
 * A local EC2 endpoint for the exit's export and staging runs, composed with FakeEc2 (which keeps
 * images, export tasks and the Region's export quota): this server answers the calls below itself
 * and forwards every other request to the FakeEc2 it wraps. Exported objects land in a FakeS3
 * with content derived from the image's volumes, so checksums mean something.
 *
 * It follows the states and errors the Amazon EC2 API Reference documents:
 * - instances `pending` -> `running` (next DescribeInstances) -> `shutting-down` -> `terminated`;
 *   RunInstances is idempotent by ClientToken (the same token returns the same instance);
 *   terminating detaches the instance's volumes (they become `available`);
 * - volumes `creating` -> `available` -> `in-use` (AttachVolume; attachment `attaching` ->
 *   `attached`); AttachVolume of a volume that is not `available` is `IncorrectState`, in another
 *   AZ `InvalidVolume.ZoneMismatch`; DeleteVolume of an attached volume is `VolumeInUse`; an
 *   unknown volume is `InvalidVolume.NotFound`; a volume made from an encrypted snapshot is
 *   encrypted (Amazon EBS User Guide, "Amazon EBS encryption");
 * - snapshots `pending` -> `completed`; CreateVolume from a `pending` snapshot is `IncorrectState`;
 *   DeleteSnapshot of a snapshot a registered AMI uses is `InvalidSnapshot.InUse`;
 *   CreateSnapshots (multi-volume, crash-consistent) snapshots every EBS volume of the instance;
 * - RegisterImage needs `completed` snapshots and a unique name (`InvalidAMIName.Duplicate`);
 * - ExportImage refuses an image with encrypted snapshots (VM Import/Export, "Considerations for
 *   image export").
 */
import { createHash } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeEc2, type FakeEc2Options, type RecordedEc2Request } from './fake-ec2';
import { FakeS3 } from './fake-s3';

export interface FakeVolume {
  id: string;
  sizeGiB: number;
  az: string;
  encrypted: boolean;
  kmsKeyId?: string;
  volumeType: string;
  state: 'creating' | 'available' | 'in-use' | 'deleted';
  polls: number;
  snapshotId?: string;
  attachment?: { instanceId: string; device: string; state: 'attaching' | 'attached' };
  tags: Record<string, string>;
  /** What the volume holds (a seed string; copying copies it). */
  data: string;
}

export interface FakeSnapshot {
  id: string;
  volumeId: string;
  sizeGiB: number;
  encrypted: boolean;
  kmsKeyId?: string;
  state: 'pending' | 'completed';
  polls: number;
  tags: Record<string, string>;
  data: string;
}

export interface FakeInstance {
  id: string;
  server?: string;
  imageId: string;
  az: string;
  subnetId?: string;
  state: 'pending' | 'running' | 'stopped' | 'shutting-down' | 'terminated';
  polls: number;
  architecture: string;
  bootMode?: string;
  rootDevice: string;
  platformDetails: string;
  usageOperation: string;
  marketplace: boolean;
  token?: string;
  tags: Record<string, string>;
  profile?: string;
  securityGroups: string[];
}

export interface ServerSpec {
  readonly estate?: string;
  readonly volumes: readonly { device: string; sizeGiB: number; encrypted?: boolean; kmsKeyId?: string }[];
  readonly platformDetails?: string;
  readonly usageOperation?: string;
  readonly marketplace?: boolean;
  readonly bootMode?: string;
  readonly architecture?: string;
  readonly az?: string;
}

interface RegisteredImage {
  mappings: { device: string; snapshotId: string }[];
  rootDevice: string;
  bootMode?: string;
  architecture?: string;
}

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const el = (name: string, v: unknown) => (v === undefined ? '' : `<${name}>${esc(String(v))}</${name}>`);
const tagSet = (tags: Record<string, string>) =>
  `<tagSet>${Object.entries(tags)
    .map(([k, v]) => `<item>${el('key', k)}${el('value', v)}</item>`)
    .join('')}</tagSet>`;
const STATE_CODES: Record<string, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopped: 80,
};

/** Actions this endpoint answers itself; the rest go to the wrapped FakeEc2. */
const OWN = new Set([
  'DescribeInstances',
  'DescribeVolumes',
  'DescribeImages',
  'DescribeSnapshots',
  'CreateSnapshots',
  'CreateSnapshot',
  'DeleteSnapshot',
  'CreateVolume',
  'DeleteVolume',
  'AttachVolume',
  'RunInstances',
  'TerminateInstances',
  'RegisterImage',
  'DeregisterImage',
  'GetEbsEncryptionByDefault',
  'ExportImage',
  'CreateImage',
  'DescribeExportImageTasks',
]);

/** Calls that create or delete something. */
const MUTATING = [
  'CreateSnapshots',
  'CreateSnapshot',
  'DeleteSnapshot',
  'CreateVolume',
  'DeleteVolume',
  'AttachVolume',
  'RunInstances',
  'TerminateInstances',
  'RegisterImage',
  'DeregisterImage',
  'CreateImage',
  'ExportImage',
];

export class FakeEc2Staging {
  readonly inner: FakeEc2;
  readonly s3 = new FakeS3();
  readonly requests: RecordedEc2Request[] = [];
  readonly instances = new Map<string, FakeInstance>();
  readonly volumes = new Map<string, FakeVolume>();
  readonly snapshots = new Map<string, FakeSnapshot>();
  readonly registered = new Map<string, RegisteredImage>();
  /** Source AMIs (what instances were launched from). */
  readonly sourceImages = new Map<string, { platformDetails: string; usageOperation: string }>();
  /** Images made by CreateImage: whether any of their snapshots is encrypted. */
  private readonly createdEncrypted = new Map<string, boolean>();
  ebsEncryptionByDefault = false;
  /** Launch templates by name (the Exit stack's worker template): image, subnet and its AZ. */
  readonly launchTemplates = new Map<
    string,
    { imageId?: string; subnetId: string; az: string; profile: string }
  >();
  private server?: Server;
  private port = 0;
  private seq = 0x5000;

  constructor(options: FakeEc2Options = {}) {
    this.inner = new FakeEc2(options);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  count(action: string): number {
    return this.requests.filter((r) => r.action === action).length;
  }

  mutations(): RecordedEc2Request[] {
    return this.requests.filter((r) => MUTATING.includes(r.action));
  }

  /** A migrated server: an instance tagged ServerId with its EBS volumes (attached, in use). */
  addServer(server: string, spec: ServerSpec): string {
    const id = this.inner.addInstance(server, spec.estate ?? 'testshire');
    const az = spec.az ?? 'eu-west-2a';
    const ami = this.id('ami');
    this.sourceImages.set(ami, {
      platformDetails: spec.platformDetails ?? 'Linux/UNIX',
      usageOperation: spec.usageOperation ?? 'RunInstances',
    });
    this.instances.set(id, {
      id,
      server,
      imageId: ami,
      az,
      state: 'running',
      polls: 0,
      architecture: spec.architecture ?? 'x86_64',
      bootMode: spec.bootMode,
      rootDevice: spec.volumes[0]?.device ?? '/dev/xvda',
      platformDetails: spec.platformDetails ?? 'Linux/UNIX',
      usageOperation: spec.usageOperation ?? 'RunInstances',
      marketplace: spec.marketplace ?? false,
      tags: { ServerId: server },
      securityGroups: [],
    });
    for (const v of spec.volumes) {
      const vol = this.newVolume({
        sizeGiB: v.sizeGiB,
        az,
        encrypted: v.encrypted ?? false,
        kmsKeyId: v.encrypted ? (v.kmsKeyId ?? 'arn:aws:kms:eu-west-2:123456789012:key/aws-ebs') : undefined,
        data: `${server}:${v.device}:${v.sizeGiB}GiB`,
        tags: {},
      });
      vol.state = 'in-use';
      vol.attachment = { instanceId: id, device: v.device, state: 'attached' };
    }
    return id;
  }

  /** An image `exit stage` registered for this server: unencrypted completed snapshots, tagged ExitStagedFor. */
  addStagedImage(server: string, devices: readonly string[] = ['/dev/xvda']): string {
    const mappings = devices.map((device) => {
      const s: FakeSnapshot = {
        id: this.id('snap'),
        volumeId: 'vol-ffffffff',
        sizeGiB: 8,
        encrypted: false,
        state: 'completed',
        polls: 0,
        tags: { ExitStaging: server },
        data: `${server}:${device}`,
      };
      this.snapshots.set(s.id, s);
      return { device, snapshotId: s.id };
    });
    const id = this.id('ami');
    this.inner.images.set(id, {
      id,
      name: `exit-staged-${server}`,
      state: 'available',
      polls: 0,
      tags: { ExitStagedFor: server },
      created: '2027-01-14T00:00:00.000Z',
    });
    this.registered.set(id, { mappings, rootDevice: devices[0]!, architecture: 'x86_64' });
    return id;
  }

  /** Temporary resources the exit made that still exist (volumes, snapshots, workers, images). */
  leftovers(): string[] {
    const out: string[] = [];
    for (const v of this.volumes.values())
      if (v.state !== 'deleted' && Object.keys(v.tags).some((k) => k.startsWith('ExitStag'))) out.push(v.id);
    for (const s of this.snapshots.values()) out.push(s.id);
    for (const i of this.instances.values()) if (!i.server && i.state !== 'terminated') out.push(i.id);
    for (const id of this.registered.keys()) out.push(id);
    return out;
  }

  /** Runs a staging copy script on a worker (the SSM fake calls this): see lib/exit/stage copy script. */
  runScript(
    instanceId: string,
    commands: readonly string[],
  ): { ok: boolean; stdout: string; stderr: string } {
    const lines: string[] = [];
    for (const c of commands.join('\n').split('\n')) {
      const m = /^copy_volume (vol-[0-9a-f]+) (vol-[0-9a-f]+)$/.exec(c.trim());
      if (!m) continue;
      const [src, dst] = [this.volumes.get(m[1]!), this.volumes.get(m[2]!)];
      for (const v of [src, dst]) {
        if (!v || v.attachment?.instanceId !== instanceId || v.attachment.state !== 'attached')
          return {
            ok: false,
            stdout: lines.join('\n'),
            stderr: `${m[1]}/${m[2]}: device not attached to ${instanceId}`,
          };
      }
      dst!.data = src!.data;
      const sum = createHash('sha256').update(src!.data).digest('hex');
      lines.push(`copied ${src!.id} ${dst!.id} ${sum} ${sum} ${src!.sizeGiB * 1024 ** 3}`);
    }
    return { ok: true, stdout: `${lines.join('\n')}\n`, stderr: '' };
  }

  isRunning(instanceId: string): boolean {
    return this.instances.get(instanceId)?.state === 'running';
  }

  async start(): Promise<this> {
    await this.inner.start();
    await this.s3.start();
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: Error) => this.error(res, 500, 'InternalError', e.message));
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
    await this.inner.stop();
    await this.s3.stop();
  }

  private id(prefix: string): string {
    this.seq++;
    return `${prefix}-${this.seq.toString(16).padStart(17, '0')}`;
  }

  private newVolume(
    v: Omit<FakeVolume, 'id' | 'state' | 'polls' | 'volumeType'> & { volumeType?: string },
  ): FakeVolume {
    const vol: FakeVolume = { id: this.id('vol'), state: 'creating', polls: 0, volumeType: 'gp3', ...v };
    this.volumes.set(vol.id, vol);
    return vol;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const params = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    const action = params.Action ?? '';
    this.requests.push({ action, params });
    if (!OWN.has(action) || params.DryRun === 'true') return this.forward(req, raw, res);
    const fail = (status: number, code: string, message: string) => this.error(res, status, code, message);
    switch (action) {
      case 'DescribeInstances':
        return this.xml(res, action, this.describeInstances(params));
      case 'DescribeVolumes':
        return this.describeVolumes(res, params);
      case 'DescribeImages': {
        const missing = this.list(params, 'ImageId').find(
          (id) => !this.sourceImages.has(id) && !this.inner.images.has(id),
        );
        if (missing) return fail(400, 'InvalidAMIID.NotFound', `The image id '[${missing}]' does not exist`);
        return this.xml(res, action, this.describeImages(params));
      }
      case 'DescribeSnapshots':
        return this.xml(res, action, this.describeSnapshots(params));
      case 'GetEbsEncryptionByDefault':
        return this.xml(res, action, el('ebsEncryptionByDefault', this.ebsEncryptionByDefault));
      case 'CreateSnapshots': {
        const inst = this.instances.get(params['InstanceSpecification.InstanceId'] ?? '');
        if (!inst)
          return fail(
            400,
            'InvalidInstanceID.NotFound',
            `The instance ID '${params['InstanceSpecification.InstanceId']}' does not exist`,
          );
        const tags = this.tagsFor(params, 'snapshot');
        const made = [...this.volumes.values()]
          .filter((v) => v.attachment?.instanceId === inst.id)
          .map((v) => this.newSnapshot(v, tags));
        return this.xml(
          res,
          action,
          `<snapshotSet>${made.map((s) => `<item>${el('snapshotId', s.id)}${el('volumeId', s.volumeId)}${el('state', s.state)}${el('volumeSize', s.sizeGiB)}${el('encrypted', s.encrypted)}${tagSet(s.tags)}</item>`).join('')}</snapshotSet>`,
        );
      }
      case 'CreateSnapshot': {
        const v = this.volumes.get(params.VolumeId ?? '');
        if (!v || v.state === 'deleted')
          return fail(400, 'InvalidVolume.NotFound', `The volume '${params.VolumeId}' does not exist.`);
        const s = this.newSnapshot(v, this.tagsFor(params, 'snapshot'));
        return this.xml(
          res,
          action,
          `${el('snapshotId', s.id)}${el('volumeId', s.volumeId)}${el('status', s.state)}${el('volumeSize', s.sizeGiB)}${el('encrypted', s.encrypted)}`,
        );
      }
      case 'DeleteSnapshot': {
        const s = this.snapshots.get(params.SnapshotId ?? '');
        if (!s)
          return fail(400, 'InvalidSnapshot.NotFound', `The snapshot '${params.SnapshotId}' does not exist.`);
        const user = [...this.registered.entries()].find(([, r]) =>
          r.mappings.some((m) => m.snapshotId === s.id),
        );
        if (user)
          return fail(400, 'InvalidSnapshot.InUse', `The snapshot ${s.id} is currently in use by ${user[0]}`);
        this.snapshots.delete(s.id);
        return this.xml(res, action, '<return>true</return>');
      }
      case 'CreateVolume': {
        const az = params.AvailabilityZone ?? '';
        if (!az)
          return fail(400, 'MissingParameter', 'The request must contain the parameter availabilityZone');
        const tags = this.tagsFor(params, 'volume');
        let v: FakeVolume;
        if (params.SnapshotId) {
          const s = this.snapshots.get(params.SnapshotId);
          if (!s)
            return fail(
              400,
              'InvalidSnapshot.NotFound',
              `The snapshot '${params.SnapshotId}' does not exist.`,
            );
          if (s.state !== 'completed')
            return fail(400, 'IncorrectState', `Snapshot is in invalid state - ${s.state}`);
          v = this.newVolume({
            sizeGiB: Number(params.Size ?? s.sizeGiB),
            az,
            encrypted: s.encrypted,
            kmsKeyId: s.kmsKeyId,
            snapshotId: s.id,
            data: s.data,
            tags,
            volumeType: params.VolumeType,
          });
        } else {
          if (!params.Size)
            return fail(400, 'MissingParameter', 'The request must contain the parameter size/snapshot');
          const encrypted = params.Encrypted === 'true' || this.ebsEncryptionByDefault;
          v = this.newVolume({
            sizeGiB: Number(params.Size),
            az,
            encrypted,
            data: '',
            tags,
            volumeType: params.VolumeType,
          });
        }
        return this.xml(
          res,
          action,
          `${el('volumeId', v.id)}${el('size', v.sizeGiB)}${el('availabilityZone', v.az)}${el('status', v.state)}${el('encrypted', v.encrypted)}${el('volumeType', v.volumeType)}${tagSet(v.tags)}`,
        );
      }
      case 'DeleteVolume': {
        const v = this.volumes.get(params.VolumeId ?? '');
        if (!v || v.state === 'deleted')
          return fail(400, 'InvalidVolume.NotFound', `The volume '${params.VolumeId}' does not exist.`);
        if (v.attachment)
          return fail(
            400,
            'VolumeInUse',
            `Volume ${v.id} is currently attached to ${v.attachment.instanceId}`,
          );
        v.state = 'deleted';
        return this.xml(res, action, '<return>true</return>');
      }
      case 'AttachVolume': {
        const v = this.volumes.get(params.VolumeId ?? '');
        const inst = this.instances.get(params.InstanceId ?? '');
        if (!v || v.state === 'deleted')
          return fail(400, 'InvalidVolume.NotFound', `The volume '${params.VolumeId}' does not exist.`);
        if (!inst)
          return fail(
            400,
            'InvalidInstanceID.NotFound',
            `The instance ID '${params.InstanceId}' does not exist`,
          );
        if (v.state !== 'available') return fail(400, 'IncorrectState', `${v.id} is not 'available'.`);
        if (inst.state !== 'running' && inst.state !== 'stopped')
          return fail(
            400,
            'IncorrectInstanceState',
            `The instance '${inst.id}' is not in a valid state for this operation.`,
          );
        if (v.az !== inst.az)
          return fail(
            400,
            'InvalidVolume.ZoneMismatch',
            `The volume '${v.id}' is not in the same availability zone as instance '${inst.id}'`,
          );
        const device = params.Device ?? '';
        if (
          [...this.volumes.values()].some(
            (o) => o.attachment?.instanceId === inst.id && o.attachment.device === device,
          )
        )
          return fail(400, 'InvalidParameterValue', `Attachment point ${device} is already in use`);
        v.state = 'in-use';
        v.attachment = { instanceId: inst.id, device, state: 'attaching' };
        return this.xml(
          res,
          action,
          `${el('volumeId', v.id)}${el('instanceId', inst.id)}${el('device', device)}${el('status', 'attaching')}`,
        );
      }
      case 'RunInstances':
        return this.runInstances(res, params);
      case 'TerminateInstances': {
        const ids = this.list(params, 'InstanceId');
        const items: string[] = [];
        for (const id of ids) {
          const inst = this.instances.get(id);
          if (!inst) return fail(400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
          const previous = inst.state;
          if (inst.state !== 'terminated') inst.state = 'shutting-down';
          inst.polls = 0;
          items.push(
            `<item>${el('instanceId', id)}<currentState>${el('code', STATE_CODES[inst.state])}${el('name', inst.state)}</currentState><previousState>${el('code', STATE_CODES[previous])}${el('name', previous)}</previousState></item>`,
          );
        }
        return this.xml(res, action, `<instancesSet>${items.join('')}</instancesSet>`);
      }
      case 'RegisterImage':
        return this.registerImage(res, params);
      case 'DeregisterImage': {
        const id = params.ImageId ?? '';
        if (!this.inner.images.has(id))
          return fail(400, 'InvalidAMIID.NotFound', `The image id '[${id}]' does not exist`);
        this.inner.images.delete(id);
        this.registered.delete(id);
        return this.xml(res, action, '<return>true</return>');
      }
      case 'CreateImage': {
        const inst = this.instances.get(params.InstanceId ?? '');
        const body = await this.forwardRaw(req, raw);
        const id = /<imageId>([^<]+)<\/imageId>/.exec(body.text)?.[1];
        if (id && inst)
          this.createdEncrypted.set(
            id,
            [...this.volumes.values()].some((v) => v.attachment?.instanceId === inst.id && v.encrypted),
          );
        return this.pass(res, body);
      }
      case 'ExportImage': {
        const id = params.ImageId ?? '';
        const reg = this.registered.get(id);
        const encrypted = reg
          ? reg.mappings.some((m) => this.snapshots.get(m.snapshotId)?.encrypted)
          : this.createdEncrypted.get(id);
        if (encrypted)
          return fail(
            400,
            'InvalidParameter',
            `Image ${id} has encrypted EBS snapshots in its block device mapping and cannot be exported.`,
          );
        return this.pass(res, await this.forwardRaw(req, raw));
      }
      case 'DescribeExportImageTasks': {
        const body = await this.forwardRaw(req, raw);
        this.publishExports();
        return this.pass(res, body);
      }
    }
  }

  /** Completed export tasks' objects appear in S3 with content derived from the exported image. */
  private publishExports(): void {
    for (const t of this.inner.tasks.values()) {
      if (t.status !== 'completed') continue;
      const key = `${t.prefix}${t.id}.${t.format}`;
      if (this.s3.objects.has(`${t.bucket}/${key}`)) continue;
      const reg = this.registered.get(t.imageId);
      const content = reg
        ? reg.mappings.map((m) => `${m.device}=${this.snapshots.get(m.snapshotId)?.data ?? '?'}`).join('\n')
        : `image ${t.imageId}`;
      this.s3.putMultipart(
        t.bucket,
        key,
        Buffer.from(`${t.format.toUpperCase()} disk image\n${content}\n`.repeat(64)),
      );
    }
  }

  private newSnapshot(v: FakeVolume, tags: Record<string, string>): FakeSnapshot {
    const s: FakeSnapshot = {
      id: this.id('snap'),
      volumeId: v.id,
      sizeGiB: v.sizeGiB,
      encrypted: v.encrypted,
      kmsKeyId: v.kmsKeyId,
      state: 'pending',
      polls: 0,
      tags,
      data: v.data,
    };
    this.snapshots.set(s.id, s);
    return s;
  }

  private tagsFor(params: Record<string, string>, type: string): Record<string, string> {
    const tags: Record<string, string> = {};
    for (let i = 1; params[`TagSpecification.${i}.ResourceType`]; i++) {
      if (params[`TagSpecification.${i}.ResourceType`] !== type) continue;
      for (let j = 1; params[`TagSpecification.${i}.Tag.${j}.Key`] !== undefined; j++)
        tags[params[`TagSpecification.${i}.Tag.${j}.Key`]!] =
          params[`TagSpecification.${i}.Tag.${j}.Value`] ?? '';
    }
    return tags;
  }

  private filters(params: Record<string, string>): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (let i = 1; params[`Filter.${i}.Name`]; i++) {
      const values: string[] = [];
      for (let j = 1; params[`Filter.${i}.Value.${j}`] !== undefined; j++)
        values.push(params[`Filter.${i}.Value.${j}`]!);
      out.set(params[`Filter.${i}.Name`]!, values);
    }
    return out;
  }

  private list(params: Record<string, string>, name: string): string[] {
    const out: string[] = [];
    for (let i = 1; params[`${name}.${i}`] !== undefined; i++) out.push(params[`${name}.${i}`]!);
    return out;
  }

  /** Tag filters (`tag:Key`) and a few named ones against a resource's fields. */
  private matches(
    f: Map<string, string[]>,
    tags: Record<string, string>,
    fields: Record<string, string | undefined>,
  ): boolean {
    for (const [name, values] of f) {
      const actual = name.startsWith('tag:') ? tags[name.slice(4)] : fields[name];
      if (name.startsWith('tag:') || name in fields) {
        if (actual === undefined || !values.includes(actual)) return false;
      }
    }
    return true;
  }

  private describeInstances(params: Record<string, string>): string {
    const ids = this.list(params, 'InstanceId');
    const f = this.filters(params);
    const hits = [...this.instances.values()].filter((i) =>
      ids.length > 0 ? ids.includes(i.id) : this.matches(f, i.tags, { 'instance-state-name': i.state }),
    );
    for (const i of hits) this.advanceInstance(i);
    const items = hits
      .map((i) => {
        const vols = [...this.volumes.values()].filter((v) => v.attachment?.instanceId === i.id);
        return `<item>${el('instanceId', i.id)}${el('imageId', i.imageId)}<instanceState>${el('code', STATE_CODES[i.state])}${el('name', i.state)}</instanceState><placement>${el('availabilityZone', i.az)}</placement>${el('subnetId', i.subnetId)}${el('architecture', i.architecture)}${el('rootDeviceName', i.rootDevice)}${el('rootDeviceType', 'ebs')}${el('bootMode', i.bootMode)}${el('currentInstanceBootMode', i.bootMode)}${el('platformDetails', i.platformDetails)}${el('usageOperation', i.usageOperation)}${i.marketplace ? `<productCodes><item>${el('productCode', 'abc123marketplace')}${el('type', 'marketplace')}</item></productCodes>` : ''}<blockDeviceMapping>${vols
          .map(
            (v) =>
              `<item>${el('deviceName', v.attachment!.device)}<ebs>${el('volumeId', v.id)}${el('status', v.attachment!.state)}${el('deleteOnTermination', false)}</ebs></item>`,
          )
          .join('')}</blockDeviceMapping>${tagSet(i.tags)}</item>`;
      })
      .join('');
    return `<reservationSet>${hits.length ? `<item>${el('reservationId', 'r-0fake')}<instancesSet>${items}</instancesSet></item>` : ''}</reservationSet>`;
  }

  private advanceInstance(i: FakeInstance): void {
    if (i.state === 'pending' && ++i.polls >= 1) i.state = 'running';
    else if (i.state === 'shutting-down' && ++i.polls >= 1) {
      i.state = 'terminated';
      for (const v of this.volumes.values()) {
        if (v.attachment?.instanceId === i.id) {
          v.attachment = undefined;
          v.state = 'available';
        }
      }
    }
  }

  private describeVolumes(res: ServerResponse, params: Record<string, string>): void {
    const ids = this.list(params, 'VolumeId');
    const missing = ids.find((id) => !this.volumes.has(id) || this.volumes.get(id)!.state === 'deleted');
    if (missing)
      return this.error(res, 400, 'InvalidVolume.NotFound', `The volume '${missing}' does not exist.`);
    const f = this.filters(params);
    const hits = [...this.volumes.values()].filter(
      (v) =>
        v.state !== 'deleted' &&
        (ids.length > 0 ? ids.includes(v.id) : this.matches(f, v.tags, { status: v.state })),
    );
    for (const v of hits) {
      if (v.state === 'creating' && ++v.polls >= 1) v.state = 'available';
      else if (v.attachment?.state === 'attaching') v.attachment.state = 'attached';
    }
    this.xml(
      res,
      'DescribeVolumes',
      `<volumeSet>${hits
        .map(
          (v) =>
            `<item>${el('volumeId', v.id)}${el('size', v.sizeGiB)}${el('snapshotId', v.snapshotId)}${el('availabilityZone', v.az)}${el('status', v.state)}${el('volumeType', v.volumeType)}${el('encrypted', v.encrypted)}${el('kmsKeyId', v.kmsKeyId)}<attachmentSet>${v.attachment ? `<item>${el('volumeId', v.id)}${el('instanceId', v.attachment.instanceId)}${el('device', v.attachment.device)}${el('status', v.attachment.state)}</item>` : ''}</attachmentSet>${tagSet(v.tags)}</item>`,
        )
        .join('')}</volumeSet>`,
    );
  }

  private describeSnapshots(params: Record<string, string>): string {
    const ids = this.list(params, 'SnapshotId');
    const f = this.filters(params);
    const hits = [...this.snapshots.values()].filter((s) =>
      ids.length > 0 ? ids.includes(s.id) : this.matches(f, s.tags, { status: s.state }),
    );
    for (const s of hits) if (s.state === 'pending' && ++s.polls >= 1) s.state = 'completed';
    return `<snapshotSet>${hits
      .map(
        (s) =>
          `<item>${el('snapshotId', s.id)}${el('volumeId', s.volumeId)}${el('status', s.state)}${el('progress', s.state === 'completed' ? '100%' : '50%')}${el('volumeSize', s.sizeGiB)}${el('encrypted', s.encrypted)}${el('kmsKeyId', s.kmsKeyId)}${tagSet(s.tags)}</item>`,
      )
      .join('')}</snapshotSet>`;
  }

  private describeImages(params: Record<string, string>): string {
    const ids = this.list(params, 'ImageId');
    const f = this.filters(params);
    const out: string[] = [];
    for (const id of ids.filter((i) => this.sourceImages.has(i))) {
      const s = this.sourceImages.get(id)!;
      out.push(
        `<item>${el('imageId', id)}${el('imageState', 'available')}${el('platformDetails', s.platformDetails)}${el('usageOperation', s.usageOperation)}</item>`,
      );
    }
    const images = [...this.inner.images.values()].filter((i) => {
      if (ids.length > 0) return ids.includes(i.id);
      if (f.has('name')) return f.get('name')!.includes(i.name);
      if (f.has('tag:ExitStagedFor')) return f.get('tag:ExitStagedFor')!.includes(i.tags.ExitStagedFor ?? '');
      return true;
    });
    for (const i of images) {
      if (ids.length > 0 && i.state === 'pending' && ++i.polls >= 1) i.state = 'available';
      const reg = this.registered.get(i.id);
      out.push(
        `<item>${el('imageId', i.id)}${el('name', i.name)}${el('imageState', i.state)}${el('creationDate', i.created)}${reg ? `${el('rootDeviceName', reg.rootDevice)}${el('bootMode', reg.bootMode)}${el('architecture', reg.architecture)}<blockDeviceMapping>${reg.mappings.map((m) => `<item>${el('deviceName', m.device)}<ebs>${el('snapshotId', m.snapshotId)}</ebs></item>`).join('')}</blockDeviceMapping>` : ''}${tagSet(i.tags)}</item>`,
      );
    }
    return `<imagesSet>${out.join('')}</imagesSet>`;
  }

  private runInstances(res: ServerResponse, params: Record<string, string>): void {
    const token = params.ClientToken;
    let inst = token ? [...this.instances.values()].find((i) => i.token === token) : undefined;
    if (!inst) {
      const ltName = params['LaunchTemplate.LaunchTemplateName'];
      const lt = ltName ? this.launchTemplates.get(ltName) : undefined;
      if (ltName && !lt)
        return this.error(
          res,
          400,
          'InvalidLaunchTemplateName.NotFoundException',
          `The specified launch template, with template name ${ltName}, does not exist.`,
        );
      const imageId = params.ImageId ?? lt?.imageId;
      if (!imageId)
        return this.error(res, 400, 'MissingParameter', 'The request must contain the parameter ImageId');
      const subnet = params.SubnetId ?? params['NetworkInterface.1.SubnetId'] ?? lt?.subnetId;
      inst = {
        id: this.id('i'),
        imageId,
        az: lt?.az ?? params['Placement.AvailabilityZone'] ?? 'eu-west-2a',
        subnetId: subnet,
        state: 'pending',
        polls: 0,
        architecture: 'x86_64',
        rootDevice: '/dev/xvda',
        platformDetails: 'Linux/UNIX',
        usageOperation: 'RunInstances',
        marketplace: false,
        token,
        tags: this.tagsFor(params, 'instance'),
        profile: params['IamInstanceProfile.Name'] ?? params['IamInstanceProfile.Arn'] ?? lt?.profile,
        securityGroups: this.list(params, 'SecurityGroupId'),
      };
      this.instances.set(inst.id, inst);
    }
    this.xml(
      res,
      'RunInstances',
      `${el('reservationId', 'r-0worker')}<instancesSet><item>${el('instanceId', inst.id)}${el('imageId', inst.imageId)}<instanceState>${el('code', STATE_CODES[inst.state])}${el('name', inst.state)}</instanceState><placement>${el('availabilityZone', inst.az)}</placement>${el('subnetId', inst.subnetId)}${tagSet(inst.tags)}</item></instancesSet>`,
    );
  }

  private registerImage(res: ServerResponse, params: Record<string, string>): void {
    const name = params.Name ?? '';
    if ([...this.inner.images.values()].some((i) => i.name === name))
      return this.error(res, 400, 'InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI`);
    const mappings: { device: string; snapshotId: string }[] = [];
    for (let i = 1; params[`BlockDeviceMapping.${i}.DeviceName`]; i++) {
      const snapshotId = params[`BlockDeviceMapping.${i}.Ebs.SnapshotId`] ?? '';
      const s = this.snapshots.get(snapshotId);
      if (!s)
        return this.error(
          res,
          400,
          'InvalidSnapshot.NotFound',
          `The snapshot '${snapshotId}' does not exist.`,
        );
      if (s.state !== 'completed')
        return this.error(res, 400, 'IncorrectState', `Snapshot ${snapshotId} is not completed.`);
      mappings.push({ device: params[`BlockDeviceMapping.${i}.DeviceName`]!, snapshotId });
    }
    const root = params.RootDeviceName ?? '';
    if (!mappings.some((m) => m.device === root))
      return this.error(
        res,
        400,
        'InvalidBlockDeviceMapping',
        `The root device ${root} has no block device mapping.`,
      );
    const id = this.id('ami');
    this.inner.images.set(id, {
      id,
      name,
      state: 'pending',
      polls: 0,
      tags: this.tagsFor(params, 'image'),
      created: '2027-01-15T00:00:00.000Z',
    });
    this.registered.set(id, {
      mappings,
      rootDevice: root,
      bootMode: params.BootMode,
      architecture: params.Architecture,
    });
    this.xml(res, 'RegisterImage', el('imageId', id));
  }

  private forwardRaw(
    req: IncomingMessage,
    raw: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    return new Promise((resolve, reject) => {
      const r = request(
        `${this.inner.url}${req.url ?? '/'}`,
        { method: req.method, headers: req.headers },
        (up) => {
          const parts: Buffer[] = [];
          up.on('data', (d: Buffer) => parts.push(d));
          up.on('end', () =>
            resolve({
              status: up.statusCode ?? 500,
              headers: { 'content-type': String(up.headers['content-type'] ?? 'text/xml') },
              text: Buffer.concat(parts).toString('utf8'),
            }),
          );
        },
      );
      r.on('error', reject);
      r.end(raw);
    });
  }

  private async forward(req: IncomingMessage, raw: Buffer, res: ServerResponse): Promise<void> {
    // The inner fake records the request again; ours already has it.
    this.pass(res, await this.forwardRaw(req, raw));
  }

  private pass(
    res: ServerResponse,
    body: { status: number; headers: Record<string, string>; text: string },
  ): void {
    res.writeHead(body.status, body.headers);
    res.end(body.text);
  }

  private xml(res: ServerResponse, action: string, inner: string): void {
    res.writeHead(200, { 'Content-Type': 'text/xml;charset=UTF-8' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><requestId>req-${this.requests.length}</requestId>${inner}</${action}Response>`,
    );
  }

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { 'Content-Type': 'text/xml;charset=UTF-8' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>req-err</RequestID></Response>`,
    );
  }
}

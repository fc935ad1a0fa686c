/**
 * A local EC2 + S3 endpoint for tests: plain node:http on 127.0.0.1 (port 0). EC2 speaks the
 * Query protocol the real SDK client uses (POST /, form-encoded `Action=...&Version=2016-11-15`,
 * XML answers and `<Response><Errors>` errors); S3 answers path-style HEAD /<bucket>/<key>.
 *
 * It models what the export run needs: instances tagged ServerId/Estate, images created pending
 * and available after `imagePolls` DescribeImages, export image tasks that are idempotent by
 * ClientToken, advance on every DescribeExportImageTasks and complete after `exportPolls`, and
 * the Region quota of 5 active export tasks (one more is refused, as AWS does). Tests script
 * throttling (`throttleNext`) and task failures (`failExportOf`), and read `requests`.
 *
 * For `migrate configure` and `migrate adopt` it also models launch templates (versions, a default
 * version; DescribeLaunchTemplateVersions `$Default`, CreateLaunchTemplateVersion from a
 * SourceVersion, ModifyLaunchTemplate) and each instance's DisableApiTermination attribute
 * (DescribeInstanceAttribute / ModifyInstanceAttribute). Tests script a failing template
 * (`failTemplate`) and read `mutations()`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedEc2Request {
  readonly action: string;
  readonly params: Readonly<Record<string, string>>;
}

interface Image {
  id: string;
  name: string;
  state: string;
  polls: number;
  tags: Record<string, string>;
  created: string;
}

interface ExportTask {
  id: string;
  imageId: string;
  token: string;
  bucket: string;
  prefix: string;
  format: string;
  status: string;
  progress: number;
  polls: number;
  statusMessage?: string;
  fail?: string;
}

/** Launch template data in the SDK's output shape (ResponseLaunchTemplateData). */
export interface FakeTemplateData {
  InstanceType?: string;
  IamInstanceProfile?: { Arn?: string };
  NetworkInterfaces?: {
    DeviceIndex?: number;
    SubnetId?: string;
    Groups?: string[];
    AssociatePublicIpAddress?: boolean;
    DeleteOnTermination?: boolean;
  }[];
  BlockDeviceMappings?: {
    DeviceName?: string;
    Ebs?: {
      Encrypted?: boolean;
      KmsKeyId?: string;
      VolumeSize?: number;
      VolumeType?: string;
      DeleteOnTermination?: boolean;
    };
  }[];
  TagSpecifications?: { ResourceType?: string; Tags?: { Key: string; Value: string }[] }[];
}

interface FakeTemplate {
  id: string;
  versions: FakeTemplateData[];
  defaultVersion: number;
}

/** Operations that change something. */
const EC2_MUTATING = [
  'CreateLaunchTemplateVersion',
  'ModifyLaunchTemplate',
  'ModifyInstanceAttribute',
  'CreateImage',
  'ExportImage',
];

type Tree = { [key: string]: Tree | string };

/** Query parameters under `prefix` as a tree: `A.1.B=x` -> { A: { 1: { B: 'x' } } }. */
function tree(params: Record<string, string>, prefix: string): Tree {
  const root: Tree = {};
  for (const [key, value] of Object.entries(params)) {
    if (!key.startsWith(`${prefix}.`)) continue;
    const parts = key.slice(prefix.length + 1).split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== 'object') node[part] = {};
      node = node[part] as Tree;
    }
    node[parts[parts.length - 1]!] = value;
  }
  return root;
}

function items(node: Tree | string | undefined): Tree[] {
  if (!node || typeof node === 'string') return [];
  return Object.keys(node)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k] as Tree);
}

function strings(node: Tree | string | undefined): string[] {
  if (!node || typeof node === 'string') return [];
  return Object.keys(node)
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => node[k] as string);
}

const bool = (v: Tree | string | undefined) => (v === undefined ? undefined : v === 'true');
const str = (v: Tree | string | undefined) => (typeof v === 'string' ? v : undefined);
const num = (v: Tree | string | undefined) => (typeof v === 'string' ? Number(v) : undefined);

/** RequestLaunchTemplateData as the Query protocol sends it -> the output shape. */
function requestData(t: Tree): FakeTemplateData {
  const out: FakeTemplateData = {};
  if (str(t.InstanceType)) out.InstanceType = str(t.InstanceType);
  if (t.IamInstanceProfile) out.IamInstanceProfile = { Arn: str((t.IamInstanceProfile as Tree).Arn) };
  if (t.NetworkInterface)
    out.NetworkInterfaces = items(t.NetworkInterface).map((n) => ({
      DeviceIndex: num(n.DeviceIndex),
      SubnetId: str(n.SubnetId),
      Groups: strings(n.SecurityGroupId),
      AssociatePublicIpAddress: bool(n.AssociatePublicIpAddress),
      DeleteOnTermination: bool(n.DeleteOnTermination),
    }));
  if (t.BlockDeviceMapping)
    out.BlockDeviceMappings = items(t.BlockDeviceMapping).map((m) => {
      const e = m.Ebs as Tree | undefined;
      return {
        DeviceName: str(m.DeviceName),
        ...(e
          ? {
              Ebs: {
                Encrypted: bool(e.Encrypted),
                KmsKeyId: str(e.KmsKeyId),
                VolumeSize: num(e.VolumeSize),
                VolumeType: str(e.VolumeType),
                DeleteOnTermination: bool(e.DeleteOnTermination),
              },
            }
          : {}),
      };
    });
  if (t.TagSpecification)
    out.TagSpecifications = items(t.TagSpecification).map((spec) => ({
      ResourceType: str(spec.ResourceType),
      Tags: items(spec.Tag).map((tag) => ({ Key: str(tag.Key) ?? '', Value: str(tag.Value) ?? '' })),
    }));
  return out;
}

function el(name: string, value: unknown): string {
  return value === undefined ? '' : `<${name}>${esc(String(value))}</${name}>`;
}

function dataXml(d: FakeTemplateData): string {
  return [
    el('instanceType', d.InstanceType),
    d.IamInstanceProfile
      ? `<iamInstanceProfile>${el('arn', d.IamInstanceProfile.Arn)}</iamInstanceProfile>`
      : '',
    d.NetworkInterfaces
      ? `<networkInterfaceSet>${d.NetworkInterfaces.map(
          (n) =>
            `<item>${el('deviceIndex', n.DeviceIndex)}${el('subnetId', n.SubnetId)}${el('associatePublicIpAddress', n.AssociatePublicIpAddress)}${el('deleteOnTermination', n.DeleteOnTermination)}<groupSet>${(n.Groups ?? []).map((g) => el('groupId', g)).join('')}</groupSet></item>`,
        ).join('')}</networkInterfaceSet>`
      : '',
    d.BlockDeviceMappings
      ? `<blockDeviceMappingSet>${d.BlockDeviceMappings.map(
          (m) =>
            `<item>${el('deviceName', m.DeviceName)}${
              m.Ebs
                ? `<ebs>${el('encrypted', m.Ebs.Encrypted)}${el('kmsKeyId', m.Ebs.KmsKeyId)}${el('volumeSize', m.Ebs.VolumeSize)}${el('volumeType', m.Ebs.VolumeType)}${el('deleteOnTermination', m.Ebs.DeleteOnTermination)}</ebs>`
                : ''
            }</item>`,
        ).join('')}</blockDeviceMappingSet>`
      : '',
    d.TagSpecifications
      ? `<tagSpecificationSet>${d.TagSpecifications.map(
          (t) =>
            `<item>${el('resourceType', t.ResourceType)}<tagSet>${(t.Tags ?? []).map((tag) => `<item>${el('key', tag.Key)}${el('value', tag.Value)}</item>`).join('')}</tagSet></item>`,
        ).join('')}</tagSpecificationSet>`
      : '',
  ].join('');
}

export interface FakeEc2Options {
  /** DescribeImages calls before a created image is available. @default 1 */
  readonly imagePolls?: number;
  /** DescribeExportImageTasks calls before a task completes. @default 3 */
  readonly exportPolls?: number;
  /** Active export tasks allowed at once (the Region quota). @default 5 */
  readonly quota?: number;
}

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export class FakeEc2 {
  readonly requests: RecordedEc2Request[] = [];
  readonly instances = new Map<string, { id: string; estate: string }>();
  readonly images = new Map<string, Image>();
  readonly tasks = new Map<string, ExportTask>();
  /** S3 objects written by completed exports: key -> size. */
  readonly objects = new Map<string, { size: number; etag: string }>();
  /** Highest number of export tasks active at the same time. */
  maxActive = 0;
  readonly templates = new Map<string, FakeTemplate>();
  /** DisableApiTermination by instance id, for instances MGN launched. */
  readonly terminationProtection = new Map<string, boolean>();
  private readonly failingTemplates = new Set<string>();
  private readonly throttles: { action: string; left: number }[] = [];
  private readonly failures = new Map<string, string>();
  private server?: Server;
  private port = 0;
  private seq = 0;

  constructor(private readonly options: FakeEc2Options = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  addInstance(server: string, estate: string): string {
    const id = `i-${(0x1000000 + this.instances.size).toString(16).padStart(17, '0')}`;
    this.instances.set(server, { id, estate });
    return id;
  }

  addStagedImage(server: string): string {
    const id = this.nextId('ami');
    this.images.set(id, {
      id,
      name: `exit-staged-${server}`,
      state: 'available',
      polls: 0,
      tags: { ExitStagedFor: server },
      created: '2026-11-01T00:00:00.000Z',
    });
    return id;
  }

  /** A launch template MGN created for a source server; returns its id. */
  addLaunchTemplate(data: FakeTemplateData): string {
    const id = `lt-${(0x100 + this.templates.size).toString(16).padStart(17, '0')}`;
    this.templates.set(id, { id, versions: [structuredClone(data)], defaultVersion: 1 });
    return id;
  }

  /** The default version's data of a launch template. */
  defaultData(id: string): FakeTemplateData {
    const t = this.templates.get(id)!;
    return t.versions[t.defaultVersion - 1]!;
  }

  /** Every write to this launch template is refused (as for a template in use elsewhere). */
  failTemplate(id: string): void {
    this.failingTemplates.add(id);
  }

  /** Requests that changed something. */
  mutations(): RecordedEc2Request[] {
    return this.requests.filter((r) => EC2_MUTATING.includes(r.action));
  }

  /** The next `times` requests of `action` get 503 RequestLimitExceeded. */
  throttleNext(action: string, times = 1): void {
    this.throttles.push({ action, left: times });
  }

  /** The export task of this server's image fails with `message` (status `deleted`). */
  failExportOf(server: string, message: string): void {
    this.failures.set(server, message);
  }

  count(action: string): number {
    return this.requests.filter((r) => r.action === action).length;
  }

  active(): number {
    return [...this.tasks.values()].filter((t) => t.status === 'active').length;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: Error) => this.error(res, 500, 'InternalError', e.message));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private nextId(prefix: string): string {
    this.seq++;
    return `${prefix}-${this.seq.toString(16).padStart(17, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method === 'HEAD') return this.headObject(req, res);
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const action = params.Action ?? '';
    this.requests.push({ action, params });
    const throttle = this.throttles.find((t) => t.action === action && t.left > 0);
    if (throttle) {
      throttle.left--;
      return this.error(res, 503, 'RequestLimitExceeded', 'Request limit exceeded.');
    }
    if (params.DryRun === 'true') {
      return this.error(res, 412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    }
    switch (action) {
      case 'DescribeInstances':
        return this.xml(res, action, this.describeInstances(params));
      case 'CreateImage':
        return this.createImage(res, params);
      case 'DescribeImages':
        return this.xml(res, action, this.describeImages(params));
      case 'ExportImage':
        return this.exportImage(res, params);
      case 'DescribeExportImageTasks':
        return this.xml(res, action, this.describeExportImageTasks(params));
      case 'DescribeLaunchTemplateVersions':
        return this.describeLaunchTemplateVersions(res, params);
      case 'CreateLaunchTemplateVersion':
        return this.createLaunchTemplateVersion(res, params);
      case 'ModifyLaunchTemplate':
        return this.modifyLaunchTemplate(res, params);
      case 'DescribeInstanceAttribute':
        return this.describeInstanceAttribute(res, params);
      case 'ModifyInstanceAttribute':
        return this.modifyInstanceAttribute(res, params);
      default:
        return this.error(
          res,
          400,
          'InvalidAction',
          `The action ${action} is not valid for this web service.`,
        );
    }
  }

  private template(res: ServerResponse, id: string | undefined, write: boolean): FakeTemplate | undefined {
    const t = this.templates.get(id ?? '');
    if (!t) {
      this.error(
        res,
        400,
        'InvalidLaunchTemplateId.NotFound',
        `The specified launch template, with template ID ${id}, does not exist.`,
      );
      return undefined;
    }
    if (write && this.failingTemplates.has(t.id)) {
      this.error(
        res,
        400,
        'UnauthorizedOperation',
        `You are not authorized to perform this operation on ${t.id}.`,
      );
      return undefined;
    }
    return t;
  }

  private versionXml(t: FakeTemplate, n: number): string {
    return `${el('launchTemplateId', t.id)}${el('versionNumber', n)}${el('defaultVersion', n === t.defaultVersion)}<launchTemplateData>${dataXml(t.versions[n - 1]!)}</launchTemplateData>`;
  }

  private describeLaunchTemplateVersions(res: ServerResponse, params: Record<string, string>): void {
    const t = this.template(res, params.LaunchTemplateId, false);
    if (!t) return;
    const wanted = this.list(params, 'LaunchTemplateVersion');
    const numbers = wanted.map((v) =>
      v === '$Default' ? t.defaultVersion : v === '$Latest' ? t.versions.length : Number(v),
    );
    this.xml(
      res,
      'DescribeLaunchTemplateVersions',
      `<launchTemplateVersionSet>${numbers.map((n) => `<item>${this.versionXml(t, n)}</item>`).join('')}</launchTemplateVersionSet>`,
    );
  }

  private createLaunchTemplateVersion(res: ServerResponse, params: Record<string, string>): void {
    const t = this.template(res, params.LaunchTemplateId, true);
    if (!t) return;
    const source = params.SourceVersion ? t.versions[Number(params.SourceVersion) - 1] : {};
    if (!source)
      return this.error(res, 400, 'InvalidLaunchTemplateVersion.NotFound', 'Source version not found');
    t.versions.push({ ...structuredClone(source), ...requestData(tree(params, 'LaunchTemplateData')) });
    this.xml(
      res,
      'CreateLaunchTemplateVersion',
      `<launchTemplateVersion>${this.versionXml(t, t.versions.length)}</launchTemplateVersion>`,
    );
  }

  private modifyLaunchTemplate(res: ServerResponse, params: Record<string, string>): void {
    const t = this.template(res, params.LaunchTemplateId, true);
    if (!t) return;
    const n = Number(params.SetDefaultVersion);
    if (!(n >= 1 && n <= t.versions.length))
      return this.error(res, 400, 'InvalidLaunchTemplateVersion.NotFound', `No version ${n}`);
    t.defaultVersion = n;
    this.xml(
      res,
      'ModifyLaunchTemplate',
      `<launchTemplate>${el('launchTemplateId', t.id)}${el('defaultVersionNumber', n)}</launchTemplate>`,
    );
  }

  private describeInstanceAttribute(res: ServerResponse, params: Record<string, string>): void {
    const id = params.InstanceId ?? '';
    if (!this.terminationProtection.has(id))
      return this.error(res, 400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    if (params.Attribute !== 'disableApiTermination')
      return this.error(res, 400, 'InvalidParameterValue', `Attribute ${params.Attribute} not modelled`);
    this.xml(
      res,
      'DescribeInstanceAttribute',
      `${el('instanceId', id)}<disableApiTermination>${el('value', this.terminationProtection.get(id))}</disableApiTermination>`,
    );
  }

  private modifyInstanceAttribute(res: ServerResponse, params: Record<string, string>): void {
    const id = params.InstanceId ?? '';
    if (!this.terminationProtection.has(id))
      return this.error(res, 400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`);
    const value = params['DisableApiTermination.Value'];
    if (value === undefined) return this.error(res, 400, 'InvalidParameterCombination', 'No attribute given');
    this.terminationProtection.set(id, value === 'true');
    this.xml(res, 'ModifyInstanceAttribute', '<return>true</return>');
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

  private describeInstances(params: Record<string, string>): string {
    const f = this.filters(params);
    const server = f.get('tag:ServerId')?.[0];
    const estate = f.get('tag:Estate')?.[0];
    const hit = server ? this.instances.get(server) : undefined;
    const items =
      hit && (!estate || hit.estate === estate)
        ? `<item><reservationId>r-0123</reservationId><instancesSet><item><instanceId>${hit.id}</instanceId><instanceState><code>16</code><name>running</name></instanceState></item></instancesSet></item>`
        : '';
    return `<reservationSet>${items}</reservationSet>`;
  }

  private createImage(res: ServerResponse, params: Record<string, string>): void {
    const name = params.Name ?? '';
    if ([...this.images.values()].some((i) => i.name === name)) {
      return this.error(res, 400, 'InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI`);
    }
    const server = [...this.instances.entries()].find(([, v]) => v.id === params.InstanceId)?.[0];
    if (!server)
      return this.error(
        res,
        400,
        'InvalidInstanceID.NotFound',
        `The instance ID '${params.InstanceId}' does not exist`,
      );
    const id = this.nextId('ami');
    this.images.set(id, {
      id,
      name,
      state: 'pending',
      polls: 0,
      tags: { ExitExportOf: server },
      created: '2026-11-30T00:00:00.000Z',
    });
    this.xml(res, 'CreateImage', `<imageId>${id}</imageId>`);
  }

  private describeImages(params: Record<string, string>): string {
    const ids = this.list(params, 'ImageId');
    const f = this.filters(params);
    const matches = [...this.images.values()].filter((i) => {
      if (ids.length > 0) return ids.includes(i.id);
      if (f.has('name')) return f.get('name')!.includes(i.name);
      if (f.has('tag:ExitStagedFor')) return f.get('tag:ExitStagedFor')!.includes(i.tags.ExitStagedFor ?? '');
      return true;
    });
    for (const i of matches) {
      if (ids.length > 0 && i.state === 'pending' && ++i.polls >= (this.options.imagePolls ?? 1))
        i.state = 'available';
    }
    return `<imagesSet>${matches
      .map(
        (i) =>
          `<item><imageId>${i.id}</imageId><name>${esc(i.name)}</name><imageState>${i.state}</imageState><creationDate>${i.created}</creationDate></item>`,
      )
      .join('')}</imagesSet>`;
  }

  private exportImage(res: ServerResponse, params: Record<string, string>): void {
    const token = params.ClientToken ?? '';
    const existing = [...this.tasks.values()].find((t) => token !== '' && t.token === token);
    if (existing) return this.xml(res, 'ExportImage', this.taskXml(existing));
    const image = this.images.get(params.ImageId ?? '');
    if (!image || image.state !== 'available') {
      return this.error(
        res,
        400,
        'InvalidAMIID.NotFound',
        `The image id '[${params.ImageId}]' does not exist`,
      );
    }
    if (this.active() >= (this.options.quota ?? 5)) {
      return this.error(
        res,
        400,
        'ResourceLimitExceeded',
        'You have reached the maximum number of concurrent export image tasks.',
      );
    }
    const server = image.tags.ExitExportOf ?? image.tags.ExitStagedFor ?? '';
    const task: ExportTask = {
      id: this.nextId('export-ami'),
      imageId: image.id,
      token,
      bucket: params['S3ExportLocation.S3Bucket'] ?? '',
      prefix: params['S3ExportLocation.S3Prefix'] ?? '',
      format: (params.DiskImageFormat ?? 'VMDK').toLowerCase(),
      status: 'active',
      progress: 0,
      polls: 0,
      fail: this.failures.get(server),
    };
    this.tasks.set(task.id, task);
    this.maxActive = Math.max(this.maxActive, this.active());
    this.xml(res, 'ExportImage', this.taskXml(task));
  }

  private describeExportImageTasks(params: Record<string, string>): string {
    const ids = this.list(params, 'ExportImageTaskId');
    const tasks = [...this.tasks.values()].filter((t) => ids.length === 0 || ids.includes(t.id));
    if (ids.length > 0) {
      for (const t of tasks.filter((x) => x.status === 'active')) {
        t.polls++;
        if (t.fail && t.polls >= 2) {
          t.status = 'deleted';
          t.statusMessage = t.fail;
        } else if (t.polls >= (this.options.exportPolls ?? 3)) {
          t.status = 'completed';
          t.progress = 100;
          this.objects.set(`${t.bucket}/${t.prefix}${t.id}.${t.format}`, {
            size: 1_073_741_824 + this.objects.size,
            etag: `etag-${t.id}`,
          });
        } else {
          t.progress = Math.round((t.polls / (this.options.exportPolls ?? 3)) * 100);
          t.statusMessage = 'converting';
        }
      }
    }
    return `<exportImageTaskSet>${tasks.map((t) => `<item>${this.taskXml(t)}</item>`).join('')}</exportImageTaskSet>`;
  }

  private taskXml(t: ExportTask): string {
    return [
      `<exportImageTaskId>${t.id}</exportImageTaskId>`,
      `<imageId>${t.imageId}</imageId>`,
      `<status>${t.status}</status>`,
      t.statusMessage ? `<statusMessage>${esc(t.statusMessage)}</statusMessage>` : '',
      t.status === 'active' ? `<progress>${t.progress}</progress>` : '',
      `<s3ExportLocation><s3Bucket>${esc(t.bucket)}</s3Bucket><s3Prefix>${esc(t.prefix)}</s3Prefix></s3ExportLocation>`,
      `<diskImageFormat>${t.format.toUpperCase()}</diskImageFormat>`,
    ].join('');
  }

  private headObject(req: IncomingMessage, res: ServerResponse): void {
    const key = decodeURIComponent((req.url ?? '').replace(/^\//, '').split('?')[0]!);
    this.requests.push({ action: 'S3:HeadObject', params: { key } });
    const object = this.objects.get(key);
    if (!object) {
      res.writeHead(404, { 'x-amz-request-id': 'fake' });
      res.end();
      return;
    }
    res.writeHead(200, {
      'Content-Length': String(object.size),
      ETag: `"${object.etag}"`,
      'x-amz-request-id': 'fake',
    });
    res.end();
  }

  private xml(res: ServerResponse, action: string, inner: string): void {
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><requestId>req-${this.requests.length}</requestId>${inner}</${action}Response>`;
    res.writeHead(200, { 'Content-Type': 'text/xml;charset=UTF-8' });
    res.end(body);
  }

  private error(res: ServerResponse, status: number, code: string, message: string): void {
    res.writeHead(status, { 'Content-Type': 'text/xml;charset=UTF-8' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>req-err</RequestID></Response>`,
    );
  }
}

/**
 * `migrate configure / status / adopt` with the real @aws-sdk/client-mgn, client-ec2 and client-ssm
 * against local endpoints on 127.0.0.1 (test/support/fake-mgn.ts REST-JSON, fake-ec2.ts Query/XML,
 * fake-ssm.ts JSON 1.1), on the bundled Peterborough plan's wave 1.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { buildEstateModel, serverDecision } from '../../lib/estate-model';
import { serverEntry } from '../../lib/estate-model/routes/entry-route';
import { mgnLaunchTargetParameterName, type MgnLaunchTarget } from '../../lib/migration';
import { loadPlan } from '../../lib/plan';
import { captureIo } from '../cli/capture-io';
import { FakeEc2 } from '../support/fake-ec2';
import { startFakeMgn, type FakeMgn, type FakeSourceServer } from '../support/fake-mgn';
import { startFakeSsm, type FakeSsm } from '../support/fake-ssm';

const PLAN = 'migration-plans/peterborough';
const plan = loadPlan(PLAN);
const wave1 = plan.servers.filter((s) => s.wave === 'wave-1' && serverEntry(s).route === 'mgn');
const apps = [...new Set(wave1.map((s) => s.application))].sort();
const hex = (n: number) => n.toString(16).padStart(17, '0');

const model = buildEstateModel(plan);
const KEY = 'arn:aws:kms:eu-west-2:123456789012:key/0000aaaa-bbbb-cccc-dddd-eeeeffff0000';

/** What the wave stack publishes for a server (ids made up; the stack test checks the real refs). */
function targetOf(serverId: string): MgnLaunchTarget {
  return {
    subnetId: `subnet-0${hex(serverId.length)}${serverId.length}`,
    securityGroupIds: ['sg-0a1b2c3d4e5f60718'],
    instanceProfileArn: `arn:aws:iam::123456789012:instance-profile/${serverId}-profile`,
    ebsKeyArn: KEY,
  };
}

interface Fakes {
  readonly mgn: FakeMgn;
  readonly ec2: FakeEc2;
  readonly ssm: FakeSsm;
  close(): Promise<void>;
}

let fakes: Fakes;

function env(f: Fakes) {
  return {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_ENDPOINT_URL: f.mgn.endpoint,
    AWS_ENDPOINT_URL_EC2: f.ec2.url,
    AWS_ENDPOINT_URL_SSM: f.ssm.endpoint,
  };
}

async function freshMgn(
  extra: Partial<FakeSourceServer>[] = [],
  named = true,
  planned = wave1,
): Promise<FakeMgn> {
  const ec2 = await new FakeEc2().start();
  const ssm = await startFakeSsm(
    Object.fromEntries(
      planned.map((s) => [
        mgnLaunchTargetParameterName(plan.estate.id, s.id),
        JSON.stringify(targetOf(s.id)),
      ]),
    ),
  );
  const mgn = await startFakeMgn({
    servers: [
      ...planned.map((s, i) => ({
        sourceServerID: `s-${hex(i + 1)}`,
        // MGN reports what the agent saw: lower-case and fully qualified here.
        hostname: `${s.hostname.toLowerCase()}.council.local`,
        tags: {},
        launch: {
          copyTags: false,
          targetInstanceTypeRightSizingMethod: 'BASIC',
          launchDisposition: 'STARTED',
          // What MGN creates for a new source server: its disks, default network, no CMK.
          ec2LaunchTemplateID: ec2.addLaunchTemplate({
            InstanceType: 'm5.large',
            NetworkInterfaces: [
              {
                DeviceIndex: 0,
                SubnetId: 'subnet-0default000000',
                Groups: ['sg-0default'],
                AssociatePublicIpAddress: true,
              },
            ],
            BlockDeviceMappings: [
              { DeviceName: '/dev/sda1', Ebs: { VolumeSize: 100, VolumeType: 'gp3', Encrypted: false } },
              { DeviceName: '/dev/sdb', Ebs: { VolumeSize: 250, VolumeType: 'gp3', Encrypted: true } },
            ],
            TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: s.hostname }] }],
          }),
        },
      })),
      ...extra.map((e, i) => ({
        sourceServerID: `s-${hex(900 + i)}`,
        hostname: 'UNPLANNED01',
        tags: {},
        launch: {},
        ...e,
      })),
    ],
    applications: named
      ? [...new Set(planned.map((s) => s.application))]
          .sort()
          .map((a, i) => ({ applicationID: `app-${hex(i + 1)}`, name: a }))
      : [],
    waves: named ? [{ waveID: `wave-${hex(1)}`, name: 'wave-1' }] : [],
  });
  fakes = {
    mgn,
    ec2,
    ssm,
    close: async () => {
      await mgn.close();
      await ec2.stop();
      await ssm.close();
    },
  };
  return mgn;
}

function templateOf(i: number) {
  return fakes.ec2.defaultData(String(fakes.mgn.servers[i]!.launch.ec2LaunchTemplateID));
}

async function run(argv: string[], _mgn: FakeMgn) {
  const io = captureIo(process.cwd(), '2027-01-15T00:00:00Z', env(fakes));
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('migrate configure --wave wave-1', () => {
  let mgn: FakeMgn;
  beforeEach(async () => {
    mgn = await freshMgn([{}]);
  });
  afterEach(() => fakes.close());

  test('the bundled wave 1 has mgn servers to configure', () => {
    expect(wave1.length).toBeGreaterThanOrEqual(3);
  });

  test('configures every server end to end; a second run changes nothing', async () => {
    const first = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    for (const s of wave1) expect(first.out).toContain(`ok     ${s.id}:`);
    for (const [i, s] of wave1.entries()) {
      const source = mgn.servers[i]!;
      const app = mgn.applications.find((a) => a.name === s.application)!;
      expect(source.applicationID).toBe(app.applicationID);
      expect(source.launch).toMatchObject({
        name: s.hostname,
        copyTags: true,
        copyPrivateIp: false,
        targetInstanceTypeRightSizingMethod: 'NONE',
        licensing: { osByol: s.licence === 'bring-your-own' },
      });
      expect(source.tags).toMatchObject({ ServerId: s.id, Application: s.application });
    }
    for (const a of mgn.applications) expect(a.waveID).toBe(`wave-${hex(1)}`);
    expect(mgn.servers.find((s) => s.hostname === 'UNPLANNED01')!.applicationID).toBeUndefined();
    // The EC2 launch template of each server, from the model and the published launch target.
    for (const [i, s] of wave1.entries()) {
      const decided = serverDecision(model, s.id);
      const target = targetOf(s.id);
      const data = templateOf(i);
      expect(data.InstanceType).toBe(decided.size.instanceType);
      expect(data.IamInstanceProfile).toEqual({ Arn: target.instanceProfileArn });
      expect(data.NetworkInterfaces).toEqual([
        {
          DeviceIndex: 0,
          SubnetId: target.subnetId,
          Groups: target.securityGroupIds,
          AssociatePublicIpAddress: false,
          DeleteOnTermination: true,
        },
      ]);
      expect(data.BlockDeviceMappings).toEqual([
        {
          DeviceName: '/dev/sda1',
          Ebs: expect.objectContaining({ VolumeSize: 100, Encrypted: true, KmsKeyId: KEY }),
        },
        {
          DeviceName: '/dev/sdb',
          Ebs: expect.objectContaining({ VolumeSize: 250, Encrypted: true, KmsKeyId: KEY }),
        },
      ]);
      for (const type of ['instance', 'volume']) {
        const spec = data.TagSpecifications!.find((t) => t.ResourceType === type)!;
        const tags = Object.fromEntries(spec.Tags!.map((t) => [t.Key, t.Value]));
        expect(tags).toMatchObject({ ...decided.tags });
        // The launched instance is patched and its agent configured by these tags (docs/operations.md).
        expect(tags).toMatchObject({
          PatchGroup: decided.operations.patchGroup,
          MaintenanceWindow: decided.operations.maintenanceWindow.name,
        });
      }
      const template = fakes.ec2.templates.get(String(mgn.servers[i]!.launch.ec2LaunchTemplateID))!;
      expect(template.defaultVersion).toBe(2);
    }
    expect(first.out).toContain(
      `${wave1[0]!.id}: AssociateSourceServers, UpdateLaunchConfiguration, TagResource, SetLaunchTemplate`,
    );

    const before = mgn.mutations().length;
    const ec2Before = fakes.ec2.mutations().length;
    const second = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Nothing to change.');
    expect(mgn.mutations().length).toBe(before);
    expect(fakes.ec2.mutations().length).toBe(ec2Before);
  });

  test('--dry-run lists the changes and changes nothing', async () => {
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1', '--dry-run'], mgn);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `would change ${wave1[0]!.id}: AssociateSourceServers, UpdateLaunchConfiguration, TagResource`,
    );
    expect(r.out).toContain('SetLaunchTemplate (instance type m5.large -> ');
    expect(r.out).toContain('Dry run: nothing was changed.');
    expect(mgn.mutations()).toEqual([]);
    expect(fakes.ec2.mutations()).toEqual([]);
    expect(fakes.ec2.count('DescribeLaunchTemplateVersions')).toBe(wave1.length);
  });

  test('a server whose wave stack is not deployed yet is reported; the others get their template', async () => {
    fakes.ssm.values.delete(mgnLaunchTargetParameterName(plan.estate.id, wave1[2]!.id));
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `! ${wave1[2]!.id}: launch template not set: no launch target at SSM parameter ${mgnLaunchTargetParameterName(plan.estate.id, wave1[2]!.id)}: deploy the server's wave stack first`,
    );
    expect(templateOf(2).InstanceType).toBe('m5.large');
    expect(templateOf(0).InstanceType).toBe(serverDecision(model, wave1[0]!.id).size.instanceType);
  });

  test('a launch template that cannot be written fails only its server', async () => {
    const bad = String(mgn.servers[0]!.launch.ec2LaunchTemplateID);
    fakes.ec2.failTemplate(bad);
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAILED ${wave1[0]!.id}: UnauthorizedOperation`);
    expect(fakes.ec2.templates.get(bad)!.versions.length).toBe(1);
    for (let i = 1; i < wave1.length; i++)
      expect(templateOf(i).BlockDeviceMappings![0]!.Ebs!.KmsKeyId).toBe(KEY);
  });

  test('throttling is retried by the client', async () => {
    mgn.throttle('UpdateLaunchConfiguration', 2);
    mgn.throttle('DescribeSourceServers', 1);
    fakes.ec2.throttleNext('CreateLaunchTemplateVersion', 2);
    fakes.ssm.throttle(1);
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(r.code).toBe(0);
    expect(mgn.requests.filter((q) => q.op === 'DescribeSourceServers').length).toBe(2);
    expect(mgn.servers.every((s) => s.hostname === 'UNPLANNED01' || s.launch.copyTags === true)).toBe(true);
    for (let i = 0; i < wave1.length; i++)
      expect(templateOf(i).BlockDeviceMappings![0]!.Ebs!.KmsKeyId).toBe(KEY);
  });

  test('one server failing is reported and the others are configured', async () => {
    const bad = mgn.servers[1]!;
    mgn.failFor(bad.sourceServerID);
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`FAILED ${wave1[1]!.id}: ValidationException`);
    expect(bad.applicationID).toBeUndefined();
    for (const [i, s] of mgn.servers.entries()) {
      if (i === 1 || s.hostname === 'UNPLANNED01') continue;
      expect(s.launch.copyTags).toBe(true);
    }
  });

  test('an unknown wave is a one-line usage error, exit 2', async () => {
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-9'], mgn);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^--wave wave-9: no such wave in the plan \(one of: wave-1, /);
    expect(mgn.requests).toEqual([]);
  });
});

test('without the Migration stack deployed: says so and changes nothing; --create-missing creates them; re-run is a no-op', async () => {
  const mgn = await freshMgn([], false);
  try {
    const plain = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(plain.code).toBe(1);
    expect(plain.out).toContain(
      '! MGN has no wave named wave-1: deploy Peterborough-Migration (it owns the MGN applications and waves), or pass --create-missing',
    );
    expect(mgn.mutations()).toEqual([]);
    expect(fakes.ec2.mutations()).toEqual([]);
    const dry = await run(
      ['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1', '--create-missing', '--dry-run'],
      mgn,
    );
    expect(dry.out).toContain('would create MGN wave wave-1');
    expect(mgn.mutations()).toEqual([]);
    const r = await run(
      ['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1', '--create-missing'],
      mgn,
    );
    expect(r.code).toBe(0);
    expect(mgn.waves.map((w) => w.name)).toEqual(['wave-1']);
    expect(mgn.applications.map((a) => a.name).sort()).toEqual(apps);
    for (const a of mgn.applications) expect(a.waveID).toBe(mgn.waves[0]!.waveID);
    const before = mgn.mutations().length;
    await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(mgn.mutations().length).toBe(before);
  } finally {
    await fakes.close();
  }
});

describe('migrate status and adopt', () => {
  test('status lists each server with its replication state and the unplanned source server', async () => {
    const mgn = await freshMgn([{}]);
    try {
      const r = await run(['migrate', 'status', '--plan', PLAN], mgn);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`${wave1[0]!.id}  s-${hex(1)}  CONTINUOUS  PT5S  READY_FOR_TEST`);
      expect(r.out).toContain(`(not in the plan) s-${hex(900)} UNPLANNED01`);
    } finally {
      await fakes.close();
    }
  });

  test('adopt records cut-over instances atomically; the next run adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adopt-'));
    cpSync(PLAN, dir, { recursive: true });
    const mgn = await freshMgn();
    try {
      mgn.servers[0]!.lifeCycleState = 'CUTOVER';
      mgn.servers[0]!.launchedInstanceId = 'i-0abc1234def567890';
      fakes.ec2.terminationProtection.set('i-0abc1234def567890', false);
      const dry = await run(['migrate', 'adopt', '--plan', dir, '--wave', 'wave-1', '--dry-run'], mgn);
      expect(dry.code).toBe(0);
      expect(dry.out).toContain(
        `protect ${wave1[0]!.id}: i-0abc1234def567890 termination protection would turn on`,
      );
      expect(fakes.ec2.mutations()).toEqual([]);
      expect(fakes.ec2.count('DescribeInstanceAttribute')).toBe(1);
      const r = await run(['migrate', 'adopt', '--plan', dir, '--wave', 'wave-1'], mgn);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`adopt  ${wave1[0]!.id}: i-0abc1234def567890`);
      expect(r.out).toContain(
        `protect ${wave1[0]!.id}: i-0abc1234def567890 termination protection turned on`,
      );
      expect(fakes.ec2.terminationProtection.get('i-0abc1234def567890')).toBe(true);
      expect(fakes.ec2.mutations().map((m) => [m.action, m.params['DisableApiTermination.Value']])).toEqual([
        ['ModifyInstanceAttribute', 'true'],
      ]);
      const state = readFileSync(join(dir, 'migration-state.yaml'), 'utf8');
      expect(state).toContain(`server: ${wave1[0]!.id}`);
      expect(state).toContain('adoptedAt: 2027-01-15T00:00:00.000Z');
      expect(loadPlan(dir).adopted).toEqual([
        {
          server: wave1[0]!.id,
          sourceServerId: `s-${hex(1)}`,
          instanceId: 'i-0abc1234def567890',
          adoptedAt: '2027-01-15T00:00:00.000Z',
        },
      ]);
      const again = await run(['migrate', 'adopt', '--plan', dir, '--wave', 'wave-1'], mgn);
      expect(again.code).toBe(0);
      expect(again.out).toContain('Nothing new to adopt.');
      expect(again.out).toContain('termination protection already on');
      expect(fakes.ec2.mutations().length).toBe(1);
    } finally {
      await fakes.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('adopt: one instance failing termination protection is reported, the other is protected, exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adopt-'));
    cpSync(PLAN, dir, { recursive: true });
    const mgn = await freshMgn();
    try {
      for (const [i, id] of ['i-0aaaaaaaaaaaaaaa1', 'i-0bbbbbbbbbbbbbbb2'].entries()) {
        mgn.servers[i]!.lifeCycleState = 'CUTOVER';
        mgn.servers[i]!.launchedInstanceId = id;
      }
      // The first instance is unknown to EC2 (terminated by hand, say): DescribeInstanceAttribute fails.
      fakes.ec2.terminationProtection.set('i-0bbbbbbbbbbbbbbb2', false);
      const r = await run(['migrate', 'adopt', '--plan', dir, '--wave', 'wave-1'], mgn);
      expect(r.code).toBe(1);
      expect(r.out).toContain(
        `protect ${wave1[0]!.id}: i-0aaaaaaaaaaaaaaa1 termination protection failed (InvalidInstanceID.NotFound`,
      );
      expect(r.out).toContain(
        `protect ${wave1[1]!.id}: i-0bbbbbbbbbbbbbbb2 termination protection turned on`,
      );
      expect(fakes.ec2.terminationProtection.get('i-0bbbbbbbbbbbbbbb2')).toBe(true);
      expect(
        loadPlan(dir)
          .adopted.map((a) => a.server)
          .sort(),
      ).toEqual([wave1[0]!.id, wave1[1]!.id].sort());
    } finally {
      await fakes.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('adopt protects production servers only: a non-production server is left deletable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adopt-'));
    cpSync(PLAN, dir, { recursive: true });
    const wave5 = plan.servers.filter((s) => s.wave === 'wave-5' && serverEntry(s).route === 'mgn');
    const dev = wave5.findIndex((s) => s.application === 'dev-test');
    const prod = wave5.findIndex((s) => s.application !== 'dev-test');
    expect(dev).toBeGreaterThanOrEqual(0);
    const mgn = await freshMgn([], true, wave5);
    try {
      for (const [i, id] of [
        [dev, 'i-0dddddddddddddd01'],
        [prod, 'i-0eeeeeeeeeeeeee02'],
      ] as const) {
        mgn.servers[i]!.lifeCycleState = 'CUTOVER';
        mgn.servers[i]!.launchedInstanceId = id;
        fakes.ec2.terminationProtection.set(id, false);
      }
      const r = await run(['migrate', 'adopt', '--plan', dir, '--wave', 'wave-5'], mgn);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`protect ${wave5[dev]!.id}: i-0dddddddddddddd01 not production`);
      expect(fakes.ec2.terminationProtection.get('i-0dddddddddddddd01')).toBe(false);
      expect(fakes.ec2.terminationProtection.get('i-0eeeeeeeeeeeeee02')).toBe(true);
    } finally {
      await fakes.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

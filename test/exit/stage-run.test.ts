/**
 * `exit stage` with the real EC2, SSM and S3 clients against local endpoints that follow EC2's
 * documented states and errors (test/support/fake-ec2-staging.ts), Run Command's statuses
 * (fake-ssm-run-command.ts) and S3 (fake-s3.ts): encrypted servers staged and then exported with
 * a manifest, every data volume in the staged image, a resumed run that makes nothing twice,
 * licence-included and unencrypted servers left alone, one failure not stopping the others, and
 * `--abort` leaving nothing behind.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { exportManifest, runExport, type ExportRunState } from '../../lib/exit/export';
import {
  abortStage,
  initialStageState,
  retryFailedStaging,
  runStage,
  type StageRunState,
  type StageSystem,
} from '../../lib/exit/stage';
import { FakeEc2Staging } from '../support/fake-ec2-staging';
import { startFakeRunCommand, type FakeRunCommand } from '../support/fake-ssm-run-command';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const TEMPLATE = 'testshire-exit-staging-worker';

let fake: FakeEc2Staging;
let ssm: FakeRunCommand;
beforeEach(async () => {
  fake = await new FakeEc2Staging().start();
  fake.launchTemplates.set(TEMPLATE, {
    imageId: 'ami-0d5a7e3b9c1f24e68',
    subnetId: 'subnet-0exit',
    az: 'eu-west-2a',
    profile: 'testshire-exit-staging-worker',
  });
  ssm = await startFakeRunCommand(fake);
});
afterEach(async () => {
  await fake.stop();
  await ssm.close();
});

function sys(extra: { onState?: (s: StageRunState) => void; signal?: { aborted: boolean } } = {}) {
  const printed: string[] = [];
  let t = Date.parse('2027-01-15T09:00:00Z');
  const system: StageSystem = {
    ec2: new EC2Client({ region: 'eu-west-2', endpoint: fake.url, credentials, maxAttempts: 3 }),
    ssm: new SSMClient({ region: 'eu-west-2', endpoint: ssm.endpoint, credentials, maxAttempts: 1 }),
    writeState: (s) => extra.onState?.(structuredClone(s)),
    now: () => new Date((t += 60_000)),
    sleep: async () => {},
    print: (l) => printed.push(l),
    signal: extra.signal,
  };
  return { system, printed };
}

function stageState(servers: string[]): StageRunState {
  return initialStageState({
    estate: 'testshire',
    region: 'eu-west-2',
    availabilityZone: 'eu-west-2a',
    workerTemplate: TEMPLATE,
    servers,
    startedAt: '2027-01-15T09:00:00.000Z',
  });
}

const fileServer = {
  volumes: [
    { device: '/dev/xvda', sizeGiB: 50, encrypted: true },
    { device: '/dev/sdf', sizeGiB: 1000, encrypted: true },
    { device: '/dev/sdg', sizeGiB: 300, encrypted: true },
  ],
  bootMode: 'uefi',
  architecture: 'x86_64',
  az: 'eu-west-2b',
};
const webServer = { volumes: [{ device: '/dev/xvda', sizeGiB: 30, encrypted: true }] };

test('a wave of encrypted servers: staged with every data volume, then exported with a manifest; nothing temporary left', async () => {
  fake.addServer('fs-01', fileServer);
  fake.addServer('web-01', webServer);
  const { system, printed } = sys();
  const { state, outcome } = await runStage(stageState(['fs-01', 'web-01']), system, { pollMs: 0 });
  expect(outcome).toBe('completed');
  expect(state.servers.map((s) => s.phase)).toEqual(['staged', 'staged']);

  // Crash-consistent: one CreateSnapshots per server, of the whole instance.
  expect(fake.count('CreateSnapshots')).toBe(2);
  const fs = state.servers[0]!;
  const image = fake.registered.get(fs.imageId!)!;
  expect(image.mappings.map((m) => m.device)).toEqual(['/dev/xvda', '/dev/sdf', '/dev/sdg']);
  expect(image).toMatchObject({ rootDevice: '/dev/xvda', bootMode: 'uefi', architecture: 'x86_64' });
  expect(image.mappings.every((m) => fake.snapshots.get(m.snapshotId)!.encrypted === false)).toBe(true);
  expect(fake.inner.images.get(fs.imageId!)!.tags.ExitStagedFor).toBe('fs-01');
  // Volumes were made in the exit subnet's AZ, not the server's.
  const created = fake.requests.filter((r) => r.action === 'CreateVolume');
  expect(created).toHaveLength(8);
  expect(created.every((r) => r.params.AvailabilityZone === 'eu-west-2a')).toBe(true);
  expect(created.filter((r) => r.params.Encrypted === 'false')).toHaveLength(4);
  // The copy went through Run Command, with a checksum per volume.
  expect(fs.volumes.map((v) => [v.device, v.sha256?.length, v.bytes])).toEqual([
    ['/dev/xvda', 64, 50 * 1024 ** 3],
    ['/dev/sdf', 64, 1000 * 1024 ** 3],
    ['/dev/sdg', 64, 300 * 1024 ** 3],
  ]);
  expect(ssm.invocations.every((i) => i.status === 'Success')).toBe(true);
  expect(printed.join('')).toContain('fs-01: staged (image ami-');
  // Only the staged images and their unencrypted snapshots remain, until the export.
  expect(fake.leftovers().sort()).toEqual(
    [
      ...fake.registered.keys(),
      ...[...fake.registered.values()].flatMap((r) => r.mappings.map((m) => m.snapshotId)),
    ].sort(),
  );
  expect([...fake.instances.values()].filter((i) => !i.server).every((i) => i.state === 'terminated')).toBe(
    true,
  );
  // Each step has a start and an end (the rehearsal report reads them).
  expect(Object.keys(fs.steps)).toEqual([
    'snapshotting',
    'creating-volumes',
    'launching',
    'attaching',
    'copying',
    'snapshotting-targets',
    'registering',
    'cleaning',
  ]);

  const exportState: ExportRunState = {
    version: 1,
    estate: 'testshire',
    region: 'eu-west-2',
    bucket: 'testshire-exit-123456789012-eu-west-2',
    format: 'vmdk',
    roleName: 'vmimport',
    concurrency: 5,
    startedAt: '2027-01-15T10:00:00.000Z',
    servers: ['fs-01', 'web-01'].map((id) => ({
      id,
      route: 'staged-export',
      plannedRoute: 'staged-export',
      phase: 'pending',
      imageName: `exit-testshire-${id}`,
      clientToken: `exit-${id}-vmdk`,
      exportPrefix: `exports/wave-1/${id}/`,
    })),
  };
  const exported = await runExport(
    exportState,
    {
      ec2: system.ec2,
      s3: new S3Client({ region: 'eu-west-2', endpoint: fake.s3.url, credentials, forcePathStyle: true }),
      writeState: () => {},
      now: system.now,
      sleep: async () => {},
      print: () => {},
      region: 'eu-west-2',
    },
    { pollMs: 0 },
  );
  expect(exported.outcome).toBe('completed');
  const manifest = exportManifest(exported.state);
  expect(manifest.items.map((i) => [i.server, i.status, i.route])).toEqual([
    ['fs-01', 'completed', 'staged-export'],
    ['web-01', 'completed', 'staged-export'],
  ]);
  // The exported disk holds all three volumes' data.
  const object = fake.s3.objects.get(`${manifest.bucket}/${manifest.items[0]!.objectKey}`)!;
  expect(object.body.toString()).toContain('/dev/sdg=fs-01:/dev/sdg:300GiB');
  expect(fake.leftovers()).toEqual([]);
});

test('an interrupted staging resumes without a second worker, volume or snapshot', async () => {
  fake.addServer('fs-01', fileServer);
  const states: StageRunState[] = [];
  const signal = { aborted: false };
  const first = sys({
    signal,
    onState: (s) => {
      states.push(s);
      if (s.servers[0]!.phase === 'copying') signal.aborted = true;
    },
  });
  const stopped = await runStage(stageState(['fs-01']), first.system, { pollMs: 0 });
  expect(stopped.outcome).toBe('interrupted');
  const made = () => ({
    snapshots: fake.count('CreateSnapshots') + fake.count('CreateSnapshot'),
    volumes: fake.count('CreateVolume'),
    workers: [...fake.instances.values()].filter((i) => !i.server).length,
  });
  expect(made()).toEqual({ snapshots: 1, volumes: 6, workers: 1 });

  // Resume from the state written as each phase began, before its ids were recorded (the answers
  // lost in a crash): the run's tags and the worker's client token find what exists.
  for (const phase of ['creating-volumes', 'launching', 'attaching'] as const) {
    const at = states.find((s) => s.servers[0]!.phase === phase)!;
    const stopAgain = { aborted: false };
    const again = sys({
      signal: stopAgain,
      onState: (s) => void (s.servers[0]!.phase === 'copying' && (stopAgain.aborted = true)),
    });
    await runStage(at, again.system, { pollMs: 0 });
    expect(made()).toEqual({ snapshots: 1, volumes: 6, workers: 1 });
  }
  const { state, outcome } = await runStage(stopped.state, sys().system, { pollMs: 0 });
  expect(outcome).toBe('completed');
  expect(state.servers[0]!.phase).toBe('staged');
  expect(made()).toEqual({ snapshots: 4, volumes: 6, workers: 1 });
  expect(fake.count('RunInstances')).toBe(3);
  expect(fake.count('RegisterImage')).toBe(1);
});

test('licence-included and unencrypted servers are not staged, and nothing is created for them', async () => {
  fake.addServer('win-01', { ...webServer, platformDetails: 'Windows', usageOperation: 'RunInstances:0002' });
  fake.addServer('lin-01', { volumes: [{ device: '/dev/xvda', sizeGiB: 20 }] });
  const { state, outcome } = await runStage(stageState(['win-01', 'lin-01']), sys().system, { pollMs: 0 });
  expect(outcome).toBe('completed');
  expect(state.servers.map((s) => [s.id, s.phase])).toEqual([
    ['win-01', 'data-only'],
    ['lin-01', 'not-needed'],
  ]);
  expect(state.servers[0]!.detail).toMatch(/Windows, billing code RunInstances:0002\): it leaves as data/);
  expect(fake.mutations()).toEqual([]);
});

test("one server's failure never stops the others", async () => {
  fake.addServer('a-01', webServer);
  fake.addServer('b-01', webServer);
  ssm.notRegisteredFor = 6; // a-01's worker never registers with SSM within 5 polls
  const { state, outcome } = await runStage(stageState(['a-01', 'b-01']), sys().system, {
    pollMs: 0,
    maxPolls: 5,
  });
  expect(outcome).toBe('partial');
  expect(state.servers.map((s) => s.phase)).toEqual(['failed', 'staged']);
  expect(state.servers[0]!.detail).toMatch(/^copying: InvalidInstanceId: /);
  // The failed server's worker, volumes and snapshots are gone; the next run stages it again.
  expect(fake.leftovers().sort()).toEqual(
    [
      ...fake.registered.keys(),
      ...[...fake.registered.values()].flatMap((r) => r.mappings.map((m) => m.snapshotId)),
    ].sort(),
  );
  const { state: again, retried } = retryFailedStaging(state);
  expect(retried).toEqual(['a-01']);
  const second = await runStage(again, sys().system, { pollMs: 0 });
  expect(second.state.servers.map((s) => s.phase)).toEqual(['staged', 'staged']);
  expect(fake.count('RegisterImage')).toBe(2);
});

test('a ghost server fails with what was searched', async () => {
  const { state } = await runStage(stageState(['ghost-01']), sys().system, { pollMs: 0 });
  expect(state.servers[0]!.detail).toBe(
    'pending: InstanceNotFound: no running or stopped instance tagged ServerId=ghost-01 in eu-west-2 (searched DescribeInstances with filters tag:ServerId=ghost-01, instance-state-name=running,stopped)',
  );
});

test('--abort deletes the worker, every volume, snapshot and the staged image', async () => {
  fake.addServer('fs-01', fileServer);
  fake.addServer('web-01', webServer);
  const signal = { aborted: false };
  const partway = await runStage(
    stageState(['fs-01', 'web-01']),
    sys({ signal, onState: (s) => void (s.servers[1]!.phase === 'attaching' && (signal.aborted = true)) })
      .system,
    { pollMs: 0 },
  );
  expect(partway.state.servers.map((s) => s.phase)).toEqual(['staged', 'attaching']);
  expect(fake.leftovers().length).toBeGreaterThan(0);
  const aborted = await abortStage(
    partway.state,
    sys().system.ec2,
    async () => {},
    () => {},
    0,
  );
  expect(aborted.servers.map((s) => s.phase)).toEqual(['aborted', 'aborted']);
  expect(fake.leftovers()).toEqual([]);
});

/**
 * The export run with the real EC2 and S3 clients against a local endpoint on 127.0.0.1 that speaks
 * EC2's Query/XML protocol (test/support/fake-ec2.ts): a full run, an interrupted run resumed
 * without a second export, a failed task, throttling, and the Region's quota over a whole wave.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import {
  exportManifest,
  runExport,
  type ExportRunState,
  type ServerExportState,
} from '../../lib/exit/export';
import { FakeEc2 } from '../support/fake-ec2';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

function clients(fake: FakeEc2) {
  return {
    ec2: new EC2Client({ region: 'eu-west-2', endpoint: fake.url, credentials, maxAttempts: 6 }),
    s3: new S3Client({
      region: 'eu-west-2',
      endpoint: fake.url,
      credentials,
      forcePathStyle: true,
      maxAttempts: 6,
    }),
  };
}

function server(id: string, route: ServerExportState['route'] = 'image-export'): ServerExportState {
  return {
    id,
    route,
    phase: 'pending',
    imageName: `exit-testshire-${id}-20270115`,
    clientToken: `exit-${id}-vmdk-20270115`,
    exportPrefix: `exports/wave-1/${id}/`,
  };
}

function runState(servers: ServerExportState[]): ExportRunState {
  return {
    version: 1,
    estate: 'testshire',
    region: 'eu-west-2',
    bucket: 'testshire-exit-123456789012-eu-west-2',
    format: 'vmdk',
    roleName: 'vmimport',
    concurrency: 5,
    startedAt: '2027-01-15T00:00:00.000Z',
    servers,
  };
}

function system(
  fake: FakeEc2,
  extra: { onState?: (s: ExportRunState) => void; signal?: { aborted: boolean } } = {},
) {
  const printed: string[] = [];
  const written: string[] = [];
  let t = Date.parse('2027-01-15T00:00:00Z');
  return {
    printed,
    written,
    sys: {
      ...clients(fake),
      writeState: (s: ExportRunState) => {
        written.push(JSON.stringify(s));
        extra.onState?.(s);
      },
      now: () => new Date((t += 1000)),
      sleep: async () => {},
      print: (line: string) => printed.push(line),
      signal: extra.signal,
    },
  };
}

let fake: FakeEc2;
beforeEach(async () => {
  fake = await new FakeEc2().start();
});
afterEach(async () => {
  await fake.stop();
});

test('a full run: instance -> image -> export -> poll with progress -> manifest', async () => {
  fake.addInstance('web-01', 'testshire');
  fake.addInstance('web-02', 'testshire');
  const { sys, printed } = system(fake);
  const { state, outcome } = await runExport(runState([server('web-01'), server('web-02')]), sys, {
    pollMs: 0,
  });
  expect(outcome).toBe('completed');
  expect(fake.count('CreateImage')).toBe(2);
  expect(fake.count('ExportImage')).toBe(2);
  const exportCall = fake.requests.find((r) => r.action === 'ExportImage')!.params;
  expect(exportCall).toMatchObject({
    DiskImageFormat: 'VMDK',
    RoleName: 'vmimport',
    'S3ExportLocation.S3Bucket': 'testshire-exit-123456789012-eu-west-2',
    'S3ExportLocation.S3Prefix': 'exports/wave-1/web-01/',
    ClientToken: 'exit-web-01-vmdk-20270115',
  });
  const manifest = exportManifest(state);
  for (const item of manifest.items) {
    expect(item.status).toBe('completed');
    expect(item.objectKey).toMatch(new RegExp(`^exports/wave-1/${item.server}/export-ami-[0-9a-f]+\\.vmdk$`));
    expect(item.sizeBytes).toBeGreaterThan(1_000_000_000);
    expect(item.etag).toBe(`etag-${item.exportTaskId}`);
    expect(item.seconds).toBeGreaterThan(0);
  }
  expect(printed.some((l) => /web-01 {2}\[#+-*\] +\d+%/.test(l))).toBe(true);
  expect(printed.join('')).toContain('web-02: exported to exports/wave-1/web-02/');
});

test('interrupted after the export started, the resumed run polls it and never exports again', async () => {
  fake.addInstance('web-01', 'testshire');
  const signal = { aborted: false };
  let saved = '';
  const first = system(fake, {
    signal,
    onState: (s) => {
      saved = JSON.stringify(s);
      if (s.servers.some((x) => x.exportTaskId)) signal.aborted = true;
    },
  });
  const stopped = await runExport(runState([server('web-01')]), first.sys, { pollMs: 0 });
  expect(stopped.outcome).toBe('interrupted');
  expect(fake.count('ExportImage')).toBe(1);

  const resumedFrom = JSON.parse(saved) as ExportRunState;
  expect(resumedFrom.servers[0]!.phase).toBe('exporting');
  const second = system(fake);
  const { outcome, state } = await runExport(resumedFrom, second.sys, { pollMs: 0 });
  expect(outcome).toBe('completed');
  expect(fake.count('ExportImage')).toBe(1);
  expect(fake.count('CreateImage')).toBe(1);
  expect(state.servers[0]!.exportTaskId).toBe(stopped.state.servers[0]!.exportTaskId);
});

test('a crash between sending ExportImage and recording its answer repeats it with the same token: one task', async () => {
  fake.addInstance('web-01', 'testshire');
  const signal = { aborted: false };
  let requested: ExportRunState | undefined;
  const first = system(fake, {
    signal,
    onState: (s) => {
      if (s.servers[0]!.phase === 'export-requested' && !requested) requested = s;
    },
  });
  await runExport(runState([server('web-01')]), first.sys, { pollMs: 0 });
  // Resume from the state as it was on disk before the answer came back.
  const { outcome } = await runExport(requested!, system(fake).sys, { pollMs: 0 });
  expect(outcome).toBe('completed');
  expect(fake.count('ExportImage')).toBe(2);
  expect(fake.tasks.size).toBe(1);
});

test('a failed export task is reported with its status message; the other servers finish', async () => {
  fake.addInstance('web-01', 'testshire');
  fake.addInstance('web-02', 'testshire');
  fake.failExportOf('web-02', 'ClientError: Unsupported kernel version 2.6.18');
  const { sys, printed } = system(fake);
  const { state, outcome } = await runExport(runState([server('web-01'), server('web-02')]), sys, {
    pollMs: 0,
  });
  expect(outcome).toBe('partial');
  const failed = state.servers.find((s) => s.id === 'web-02')!;
  expect(failed.phase).toBe('failed');
  expect(failed.error).toMatch(
    /^export task export-ami-[0-9a-f]+ deleted: ClientError: Unsupported kernel version 2\.6\.18$/,
  );
  expect(state.servers.find((s) => s.id === 'web-01')!.phase).toBe('completed');
  expect(printed.join('')).toContain('web-02: FAILED: export task');
  expect(exportManifest(state).items.find((i) => i.server === 'web-02')!.status).toBe('failed');
});

test('a server with no instance fails on its own with a clear error', async () => {
  fake.addInstance('web-01', 'testshire');
  const { state } = await runExport(runState([server('web-01'), server('ghost-01')]), system(fake).sys, {
    pollMs: 0,
  });
  expect(state.servers.find((s) => s.id === 'ghost-01')!.error).toBe(
    'no running or stopped instance tagged ServerId=ghost-01 in eu-west-2',
  );
  expect(state.servers.find((s) => s.id === 'web-01')!.phase).toBe('completed');
});

test('throttling (RequestLimitExceeded) is retried', async () => {
  fake.addInstance('web-01', 'testshire');
  fake.throttleNext('ExportImage', 1);
  fake.throttleNext('DescribeExportImageTasks', 2);
  const { outcome } = await runExport(runState([server('web-01')]), system(fake).sys, { pollMs: 0 });
  expect(outcome).toBe('completed');
  expect(fake.count('ExportImage')).toBe(2);
  expect(fake.tasks.size).toBe(1);
}, 30_000);

test('a wave of 7 staged servers never has more than 5 exports active (and uses all 5)', async () => {
  const ids = ['a-01', 'a-02', 'a-03', 'a-04', 'a-05', 'a-06', 'a-07'];
  for (const id of ids) fake.addStagedImage(id);
  const { sys } = system(fake);
  const { outcome, state } = await runExport(runState(ids.map((id) => server(id, 'staged-export'))), sys, {
    pollMs: 0,
  });
  expect(outcome).toBe('completed');
  expect(fake.maxActive).toBe(5);
  expect(fake.count('CreateImage')).toBe(0);
  expect(new Set(state.servers.map((s) => s.exportTaskId)).size).toBe(7);
});

test("another run's active export takes a slot", async () => {
  fake.addStagedImage('other-01');
  // Another run's task, started outside this run and still active.
  const { sys: otherSys } = system(fake);
  const other = runState([server('other-01', 'staged-export')]);
  const signal = { aborted: false };
  await runExport(
    other,
    {
      ...otherSys,
      signal,
      writeState: (s) => {
        if (s.servers[0]!.exportTaskId) signal.aborted = true;
      },
    },
    { pollMs: 0 },
  );
  expect(fake.active()).toBe(1);
  const ids = ['b-01', 'b-02', 'b-03', 'b-04', 'b-05', 'b-06'];
  for (const id of ids) fake.addStagedImage(id);
  const { outcome, printed } = await (async () => {
    const s = system(fake);
    const r = await runExport(runState(ids.map((id) => server(id, 'staged-export'))), s.sys, { pollMs: 0 });
    return { ...r, printed: s.printed };
  })();
  expect(outcome).toBe('completed');
  expect(fake.maxActive).toBe(5);
  expect(printed[0]).toMatch(/^1 export task\(s\) of other runs are active/);
});

test('a staged server whose staged image is missing fails with what to do', async () => {
  const { state } = await runExport(runState([server('s-01', 'staged-export')]), system(fake).sys, {
    pollMs: 0,
  });
  expect(state.servers[0]!.error).toMatch(/^not staged yet: no AMI tagged ExitStagedFor=s-01/);
  expect(fake.count('ExportImage')).toBe(0);
});

/**
 * The export run with the real EC2 and S3 clients against local endpoints on 127.0.0.1 that speak
 * EC2's Query/XML protocol and S3's REST/XML (test/support/fake-ec2-staging.ts, fake-s3.ts): a full
 * run, an interrupted run resumed without a second export, a failed task, throttling, the Region's
 * quota over a whole wave, routes confirmed against the account, and failed servers retried.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import {
  exportManifest,
  runExport,
  type ExportRunState,
  type ServerExportState,
} from '../../lib/exit/export';
import { createHash } from 'node:crypto';
import { retryFailed } from '../../lib/exit/export';
import { FakeEc2Staging } from '../support/fake-ec2-staging';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

function clients(fake: FakeEc2Staging) {
  return {
    ec2: new EC2Client({ region: 'eu-west-2', endpoint: fake.url, credentials, maxAttempts: 6 }),
    s3: new S3Client({
      region: 'eu-west-2',
      endpoint: fake.s3.url,
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
    plannedRoute: route,
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
  fake: FakeEc2Staging,
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
      region: 'eu-west-2',
    },
  };
}

let fake: FakeEc2Staging;
beforeEach(async () => {
  fake = await new FakeEc2Staging().start();
});
const plain = { volumes: [{ device: '/dev/xvda', sizeGiB: 8 }] };
const encrypted = {
  volumes: [
    { device: '/dev/xvda', sizeGiB: 8, encrypted: true },
    { device: '/dev/sdf', sizeGiB: 100, encrypted: true },
  ],
};
function staged(id: string): void {
  fake.addServer(id, encrypted);
  fake.addStagedImage(id, ['/dev/xvda', '/dev/sdf']);
}
afterEach(async () => {
  await fake.stop();
});

test('a full run: instance -> image -> export -> poll with progress -> manifest', async () => {
  fake.addServer('web-01', plain);
  fake.addServer('web-02', plain);
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
    const object = fake.s3.objects.get(`testshire-exit-123456789012-eu-west-2/${item.objectKey}`)!;
    expect(item.sizeBytes).toBe(object.body.length);
    // The multipart ETag is recorded but is not the checksum: the SHA-256 of the bytes is.
    expect(item.etag).toMatch(/^[0-9a-f]{32}-1$/);
    expect(item.checksumSha256).toBe(createHash('sha256').update(object.body).digest('hex'));
    expect(item.checksumMethod).toMatch(/^sha256 of the object read back with GetObject/);
    expect(item.seconds).toBeGreaterThan(0);
  }
  expect(printed.some((l) => /web-01 {2}\[#+-*\] +\d+%/.test(l))).toBe(true);
  expect(printed.join('')).toContain('web-02: exported to exports/wave-1/web-02/');
});

test('interrupted after the export started, the resumed run polls it and never exports again', async () => {
  fake.addServer('web-01', plain);
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
  fake.addServer('web-01', plain);
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
  expect(fake.inner.tasks.size).toBe(1);
});

test('a failed export task is reported with its status message; the other servers finish', async () => {
  fake.addServer('web-01', plain);
  fake.addServer('web-02', plain);
  fake.inner.failExportOf('web-02', 'ClientError: Unsupported kernel version 2.6.18');
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
  fake.addServer('web-01', plain);
  const { state } = await runExport(runState([server('web-01'), server('ghost-01')]), system(fake).sys, {
    pollMs: 0,
  });
  expect(state.servers.find((s) => s.id === 'ghost-01')!.error).toBe(
    'ConfirmRoute failed: InstanceNotFound: no running or stopped instance tagged ServerId=ghost-01 in eu-west-2 (searched DescribeInstances with filters tag:ServerId=ghost-01, instance-state-name=running,stopped)',
  );
  expect(state.servers.find((s) => s.id === 'web-01')!.phase).toBe('completed');
});

test('throttling (RequestLimitExceeded) is retried', async () => {
  fake.addServer('web-01', plain);
  fake.inner.throttleNext('ExportImage', 1);
  fake.inner.throttleNext('DescribeExportImageTasks', 2);
  const { outcome } = await runExport(runState([server('web-01')]), system(fake).sys, { pollMs: 0 });
  expect(outcome).toBe('completed');
  expect(fake.count('ExportImage')).toBe(2);
  expect(fake.inner.tasks.size).toBe(1);
}, 30_000);

test('a wave of 7 staged servers never has more than 5 exports active (and uses all 5)', async () => {
  const ids = ['a-01', 'a-02', 'a-03', 'a-04', 'a-05', 'a-06', 'a-07'];
  for (const id of ids) staged(id);
  const { sys } = system(fake);
  const { outcome, state } = await runExport(runState(ids.map((id) => server(id, 'staged-export'))), sys, {
    pollMs: 0,
  });
  expect(outcome).toBe('completed');
  expect(fake.inner.maxActive).toBe(5);
  expect(fake.count('CreateImage')).toBe(0);
  expect(new Set(state.servers.map((s) => s.exportTaskId)).size).toBe(7);
});

test("another run's active export takes a slot", async () => {
  staged('other-01');
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
  expect(fake.inner.active()).toBe(1);
  const ids = ['b-01', 'b-02', 'b-03', 'b-04', 'b-05', 'b-06'];
  for (const id of ids) staged(id);
  const { outcome, printed } = await (async () => {
    const s = system(fake);
    const r = await runExport(runState(ids.map((id) => server(id, 'staged-export'))), s.sys, { pollMs: 0 });
    return { ...r, printed: s.printed };
  })();
  expect(outcome).toBe('completed');
  expect(fake.inner.maxActive).toBe(5);
  expect(printed[0]).toMatch(/^1 export task\(s\) of other runs are active/);
});

test('a staged server whose staged image is missing fails with what to do', async () => {
  fake.addServer('s-01', encrypted);
  const { state } = await runExport(runState([server('s-01', 'staged-export')]), system(fake).sys, {
    pollMs: 0,
  });
  expect(state.servers[0]!.error).toMatch(
    /^not staged yet: no AMI tagged ExitStagedFor=s-01; .* npm run estate -- exit stage --server s-01$/,
  );
  expect(fake.count('ExportImage')).toBe(0);
});

describe('routes confirmed against the account before anything is sent', () => {
  test('a server the plan sends to staging but whose volumes are unencrypted exports without staging', async () => {
    fake.addServer('u-01', {
      volumes: [
        { device: '/dev/xvda', sizeGiB: 8 },
        { device: '/dev/sdf', sizeGiB: 50 },
      ],
    });
    const { state, outcome } = await runExport(
      runState([server('u-01', 'staged-export')]),
      system(fake).sys,
      {
        pollMs: 0,
      },
    );
    expect(outcome).toBe('completed');
    expect(state.servers[0]!.route).toBe('image-export');
    expect(state.servers[0]!.note).toBe(
      'the plan expects staged-export, but none of its 2 volume(s) is encrypted: exporting without staging',
    );
    expect(fake.count('CreateImage')).toBe(1);
    // The image made for the export is deleted once its object is verified.
    expect(fake.inner.images.size).toBe(0);
  });

  test('a server with encrypted volumes is never sent to CreateImage/ExportImage unstaged', async () => {
    fake.addServer('e-01', encrypted);
    const { state } = await runExport(runState([server('e-01', 'image-export')]), system(fake).sys, {
      pollMs: 0,
    });
    expect(state.servers[0]!.phase).toBe('failed');
    expect(state.servers[0]!.note).toMatch(
      /^the plan expects image-export, but vol-\S+ \(\/dev\/xvda, key arn:aws:kms:/,
    );
    expect(fake.count('CreateImage')).toBe(0);
    expect(fake.count('ExportImage')).toBe(0);
  });

  test('a licence-included Windows image is refused with the reason, before any call that changes something', async () => {
    fake.addServer('w-01', { ...plain, platformDetails: 'Windows', usageOperation: 'RunInstances:0002' });
    const { state } = await runExport(runState([server('w-01')]), system(fake).sys, { pollMs: 0 });
    expect(state.servers[0]!.error).toBe(
      'w-01 cannot be exported as an image: its image includes software licensed through AWS (Windows, billing code RunInstances:0002); VM Export refuses such images ("Considerations for image export"). It leaves as data: follow its data-export steps in the exit runbook',
    );
    expect(fake.mutations()).toEqual([]);
  });

  test('a staged export deletes the staged image and its unencrypted snapshots once the object is verified', async () => {
    staged('st-01');
    const { outcome } = await runExport(runState([server('st-01', 'staged-export')]), system(fake).sys, {
      pollMs: 0,
    });
    expect(outcome).toBe('completed');
    expect(fake.leftovers()).toEqual([]);
  });
});

test('a quota of 2 (ResourceLimitExceeded) is waited out: no permanent failure, never more than 2 active', async () => {
  await fake.stop();
  fake = await new FakeEc2Staging({ quota: 2 }).start();
  const ids = ['q-01', 'q-02', 'q-03', 'q-04', 'q-05'];
  for (const id of ids) staged(id);
  const { sys, printed } = system(fake);
  const { outcome, state } = await runExport(runState(ids.map((id) => server(id, 'staged-export'))), sys, {
    pollMs: 0,
  });
  expect(outcome).toBe('completed');
  expect(state.servers.every((s) => s.phase === 'completed')).toBe(true);
  expect(fake.inner.maxActive).toBe(2);
  expect(printed.join('')).toContain('ResourceLimitExceeded at 2 active); waiting for a slot');
});

test('a second run after a failure retries only the failed servers', async () => {
  fake.addServer('web-01', plain);
  fake.addServer('web-02', plain);
  fake.inner.failExportOf('web-02', 'ClientError: transient');
  const first = await runExport(runState([server('web-01'), server('web-02')]), system(fake).sys, {
    pollMs: 0,
  });
  expect(first.outcome).toBe('partial');
  const before = fake.requests.length;
  fake.inner.failExportOf('web-02', '');
  const { state: again, retried } = retryFailed(first.state);
  expect(retried).toEqual(['web-02']);
  const second = await runExport(again, system(fake).sys, { pollMs: 0 });
  expect(second.outcome).toBe('completed');
  const calls = fake.requests.slice(before);
  const exports = calls.filter((r) => r.action === 'ExportImage');
  expect(exports).toHaveLength(1);
  expect(exports[0]!.params.ClientToken).toBe('exit-web-02-vmdk-20270115-r2');
  // web-01 was not touched again; web-02's image was reused, not made twice.
  expect(calls.filter((r) => r.action === 'CreateImage')).toHaveLength(0);
  expect(second.state.servers.find((s) => s.id === 'web-01')).toEqual(
    first.state.servers.find((s) => s.id === 'web-01'),
  );
});

/** `estate exit export` end to end through the CLI, against the local EC2/S3 endpoint. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { runCli } from '../../lib/cli';
import { exitExportCommandWith } from '../../lib/cli/exit';
import { nodeExitFiles } from '../../lib/cli/exit/private/files';
import type { ExportManifest } from '../../lib/exit/export';
import { captureIo } from '../cli/capture-io';
import { FakeEc2Staging } from '../support/fake-ec2-staging';
import { FakeRds } from '../support/fake-rds';

const EXAMPLE = resolve(__dirname, '../../migration-plans/peterborough');
const BUCKET = 'peterborough-exit-123456789012-eu-west-2';
const encrypted = { volumes: [{ device: '/dev/xvda', sizeGiB: 8, encrypted: true }] };
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

let fake: FakeEc2Staging;
let fakeRds: FakeRds;
let stateDir: string;
beforeEach(async () => {
  fake = await new FakeEc2Staging().start();
  fakeRds = await new FakeRds().start();
  stateDir = mkdtempSync(join(tmpdir(), 'exit-export-'));
});
afterEach(async () => {
  await fake.stop();
  await fakeRds.stop();
});

function command() {
  return exitExportCommandWith({
    files: nodeExitFiles,
    clients: (region) => ({
      ec2: new EC2Client({ region, endpoint: fake.url, credentials }),
      s3: new S3Client({ region, endpoint: fake.s3.url, credentials, forcePathStyle: true }),
      rds: new RDSClient({ region, endpoint: fakeRds.url, credentials }),
    }),
    sleep: async () => {},
  });
}

async function run(...args: string[]) {
  const io = captureIo();
  const code = await runCli(['exit', 'export', '--plan', EXAMPLE, '--state-dir', stateDir, ...args], io, [
    command(),
  ]);
  return { code, out: io.out(), err: io.err() };
}

describe('bad input: one line, exit 2, nothing started', () => {
  it.each([
    [['--server', 'pcc-nope-01', '--bucket', BUCKET], /^exit export: unknown server "pcc-nope-01"/],
    [['--wave', 'wave-9', '--bucket', BUCKET], /^exit export: unknown wave "wave-9" \(waves: wave-6, /],
    [
      ['--server', 'pcc-dc-01', '--format', 'vmdk', '--bucket', BUCKET],
      /^exit export: server "pcc-dc-01" leaves by data-export as files, which cannot produce vmdk/,
    ],
    [
      ['--server', 'pcc-web-01', '--format', 'qcow2', '--bucket', BUCKET],
      /^exit export: --format qcow2 is not an image format/,
    ],
    [
      ['--server', 'pcc-web-01'],
      /^exit export: no exit bucket; deploy the Exit stack and pass --bucket peterborough-exit-/,
    ],
    [
      ['--server', 'pcc-fax-01', '--bucket', BUCKET],
      /^exit export: server "pcc-fax-01" is not on AWS \(retired/,
    ],
    [['--bucket', BUCKET], /^exit export: give exactly one of --server <id> or --wave <id>\n$/],
    [
      ['--wave', 'wave-1', '--bucket', BUCKET, '--max-concurrent', '0'],
      /^exit export: --max-concurrent needs a whole number of tasks, 1 or more; received "0"\n$/,
    ],
  ])('%j', async (args, message) => {
    const { code, err, out } = await run(...args);
    expect(code).toBe(2);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
    expect(out).toBe('');
    expect(fake.requests).toEqual([]);
  });
});

test('a wave: staged servers exported, data-route servers named and left to the runbook, manifest written', async () => {
  for (const id of ['pcc-mon-01', 'pcc-sccm-01', 'pcc-web-01', 'pcc-web-02']) {
    fake.addServer(id, encrypted);
    fake.addStagedImage(id);
  }
  const { code, out, err } = await run('--wave', 'wave-1', '--bucket', BUCKET, '--format', 'vhd');
  expect(err).toBe('');
  expect(code).toBe(0);
  expect(out).toContain('pcc-dc-01: not exported by this command (data-export: follow its runbook steps)');
  expect(out).toContain('Exporting 4 server(s) as VHD');
  expect(out).toMatch(/4 of 4 exported, 0 failed\. Manifest: .*wave-1-vhd\/manifest\.json/);
  const manifest = JSON.parse(
    readFileSync(join(stateDir, 'wave-1-vhd', 'manifest.json'), 'utf8'),
  ) as ExportManifest;
  expect(manifest.items.map((i) => [i.server, i.status])).toEqual(
    expect.arrayContaining([['pcc-web-01', 'completed']]),
  );
  expect(
    manifest.items.every(
      (i) => i.objectKey?.startsWith(`exports/wave-1/${i.server}/`) && i.objectKey.endsWith('.vhd'),
    ),
  ).toBe(true);
  // Running it again resumes the finished run: no new exports.
  const again = await run('--wave', 'wave-1', '--bucket', BUCKET, '--format', 'vhd');
  expect(again.code).toBe(0);
  expect(again.out).toContain('Resuming the run started');
  expect(fake.count('ExportImage')).toBe(4);
});

test('--dry-run checks the real staged image with DryRun and creates nothing', async () => {
  fake.addServer('pcc-web-01', encrypted);
  const ami = fake.addStagedImage('pcc-web-01');
  const { code, out } = await run('--server', 'pcc-web-01', '--bucket', BUCKET, '--dry-run');
  expect(code).toBe(0);
  expect(out).toContain('pcc-web-01: route: staged-export (1 volume(s), 1 encrypted)');
  expect(out).toContain(
    `pcc-web-01: ExportImage ${ami} to s3://${BUCKET}/exports/wave-1/pcc-web-01/: would succeed`,
  );
  expect(fake.requests.find((r) => r.action === 'ExportImage')!.params).toMatchObject({
    DryRun: 'true',
    ImageId: ami,
  });
  expect(fake.inner.tasks.size).toBe(0);
  expect(fake.mutations().every((r) => r.params.DryRun === 'true')).toBe(true);
});

test('--dry-run reports a licence-included server as not exportable (exit 1), without a placeholder image', async () => {
  fake.addServer('pcc-web-01', {
    ...encrypted,
    platformDetails: 'Windows',
    usageOperation: 'RunInstances:0002',
  });
  const { code, out } = await run('--server', 'pcc-web-01', '--bucket', BUCKET, '--dry-run');
  expect(code).toBe(1);
  expect(out).toContain(
    'pcc-web-01: route: pcc-web-01 cannot be exported as an image: its image includes software licensed through AWS',
  );
  expect(fake.count('ExportImage')).toBe(0);
});

test('--dry-run reports a server that is not staged yet (exit 1)', async () => {
  fake.addServer('pcc-web-01', encrypted);
  const { code, out } = await run('--server', 'pcc-web-01', '--bucket', BUCKET, '--dry-run');
  expect(code).toBe(1);
  expect(out).toContain(
    'pcc-web-01: DescribeImages tag:ExitStagedFor: not staged yet: npm run estate -- exit stage --server pcc-web-01',
  );
});

test('a re-run after a failure retries only the failed server', async () => {
  for (const id of ['pcc-mon-01', 'pcc-sccm-01', 'pcc-web-01']) {
    fake.addServer(id, encrypted);
    fake.addStagedImage(id);
  }
  fake.addServer('pcc-web-02', encrypted);
  const first = await run('--wave', 'wave-1', '--bucket', BUCKET);
  expect(first.code).toBe(1);
  expect(first.err).toMatch(/^pcc-web-02: not staged yet/);
  fake.addStagedImage('pcc-web-02');
  const again = await run('--wave', 'wave-1', '--bucket', BUCKET);
  expect(again.code).toBe(0);
  expect(again.out).toContain('; trying again: pcc-web-02.');
  expect(fake.count('ExportImage')).toBe(4);
  expect(fake.leftovers()).toEqual([]);
});

describe('databases: RDS snapshot export to Parquet', () => {
  test('a PostgreSQL database: snapshot, StartExportTask with the exit role and key, polled to completion', async () => {
    const { code, out, err } = await run('--database', 'gis-db', '--bucket', BUCKET);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(fakeRds.count('CreateDBSnapshot')).toBe(1);
    const start = fakeRds.requests.find((r) => r.action === 'StartExportTask')!.params;
    expect(start).toMatchObject({
      S3BucketName: BUCKET,
      S3Prefix: 'exports/wave-1/gis-db/parquet',
      IamRoleArn: 'arn:aws:iam::123456789012:role/peterborough-rds-exit-export',
      KmsKeyId: 'arn:aws:kms:eu-west-2:123456789012:alias/peterborough/rds-exit-export',
    });
    expect(start.SourceArn).toMatch(
      /^arn:aws:rds:eu-west-2:123456789012:snapshot:exit-peterborough-gis-db-\d{12}$/,
    );
    expect(out).toMatch(
      /gis-db: exported to s3:\/\/peterborough-exit-.*\/exports\/wave-1\/gis-db\/parquet\/ \(Parquet\)/,
    );
    // Again: the state says completed; nothing new is started.
    await run('--database', 'gis-db', '--bucket', BUCKET);
    expect(fakeRds.count('StartExportTask')).toBe(1);
  });

  test('a failed export reports the failure cause', async () => {
    fakeRds.failWith = 'The export failed: table has a column name with a space';
    const { code, err } = await run('--database', 'web-db', '--bucket', BUCKET);
    expect(code).toBe(1);
    expect(err).toMatch(
      /^web-db: export task exit-web-db-\d+ failed: The export failed: table has a column name with a space\n$/,
    );
  });

  test('SQL Server has no snapshot export: one line, exit 2, nothing sent', async () => {
    const { code, err } = await run('--database', 'erp-db', '--bucket', BUCKET);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^exit export: database "erp-db" \(sqlserver-native-backup, bak\) cannot produce parquet/,
    );
    expect(fakeRds.requests).toEqual([]);
  });
});

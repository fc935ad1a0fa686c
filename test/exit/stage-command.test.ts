/**
 * `estate exit stage` then `estate exit export` through the CLI, as a new user would, against local
 * EC2, SSM and S3 endpoints that follow the services' documented behaviour: a wave whose volumes
 * are encrypted goes from "not staged" to exported with a manifest, and nothing temporary is left.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { runCli } from '../../lib/cli';
import { exitExportCommandWith, exitStageCommandWith } from '../../lib/cli/exit';
import { nodeExitFiles } from '../../lib/cli/exit/private/files';
import type { ExportManifest } from '../../lib/exit/export';
import type { StageRunState } from '../../lib/exit/stage';
import { captureIo } from '../cli/capture-io';
import { FakeEc2Staging } from '../support/fake-ec2-staging';
import { startFakeRunCommand, type FakeRunCommand } from '../support/fake-ssm-run-command';

const EXAMPLE = resolve(__dirname, '../../migration-plans/peterborough');
const BUCKET = 'peterborough-exit-123456789012-eu-west-2';
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const WAVE_1 = ['pcc-mon-01', 'pcc-sccm-01', 'pcc-web-01', 'pcc-web-02'];

let fake: FakeEc2Staging;
let ssm: FakeRunCommand;
let stateDir: string;
beforeEach(async () => {
  fake = await new FakeEc2Staging().start();
  fake.launchTemplates.set('peterborough-exit-staging-worker', {
    imageId: 'ami-0f3c9a1d7e5b2c480',
    subnetId: 'subnet-0exit',
    az: 'eu-west-2a',
    profile: 'peterborough-exit-staging-worker',
  });
  ssm = await startFakeRunCommand(fake);
  stateDir = mkdtempSync(join(tmpdir(), 'exit-stage-'));
});
afterEach(async () => {
  await fake.stop();
  await ssm.close();
});

const commands = () => [
  exitStageCommandWith({
    files: nodeExitFiles,
    clients: (region) => ({
      ec2: new EC2Client({ region, endpoint: fake.url, credentials }),
      ssm: new SSMClient({ region, endpoint: ssm.endpoint, credentials }),
    }),
    sleep: async () => {},
  }),
  exitExportCommandWith({
    files: nodeExitFiles,
    clients: (region) => ({
      ec2: new EC2Client({ region, endpoint: fake.url, credentials }),
      s3: new S3Client({ region, endpoint: fake.s3.url, credentials, forcePathStyle: true }),
      rds: new RDSClient({ region, endpoint: 'http://127.0.0.1:9', credentials }),
    }),
    sleep: async () => {},
  }),
];

async function run(...args: string[]) {
  const io = captureIo();
  const code = await runCli(['exit', ...args, '--plan', EXAMPLE, '--state-dir', stateDir], io, commands());
  return { code, out: io.out(), err: io.err() };
}

describe('bad input: one line, exit 2, nothing sent', () => {
  it.each([
    [['stage'], /^exit stage: give exactly one of --server <id> or --wave <id>\n$/],
    [['stage', '--wave', 'wave-9'], /^exit stage: unknown wave "wave-9" \(waves: /],
    [['stage', '--server', 'pcc-nope-01'], /^exit stage: unknown server "pcc-nope-01"/],
    [['stage', '--server', 'pcc-dc-01'], /^exit stage: server "pcc-dc-01" leaves by data-export/],
    [
      ['stage', '--wave', 'wave-1', '--worker-image', 'latest'],
      /^exit stage: --worker-image needs an AMI id/,
    ],
    [
      ['stage', '--wave', 'wave-1', '--dry-run', '--abort'],
      /^exit stage: give --dry-run or --abort, not both\n$/,
    ],
    [['stage', '--wave', 'wave-1', '--abort'], /^exit stage: nothing to abort: no staging run at /],
  ])('%j', async (args, message) => {
    const { code, err, out } = await run(...args);
    expect(code).toBe(2);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
    expect(out).toBe('');
    expect(fake.requests).toEqual([]);
  });
});

test('--help exits 0', async () => {
  const io = captureIo();
  expect(await runCli(['exit', 'stage', '--help'], io, commands())).toBe(0);
  expect(io.out()).toContain('Usage: npm run estate -- exit stage');
});

test('a wave with encrypted volumes: not staged -> staged -> exported with a manifest; nothing temporary left', async () => {
  for (const id of WAVE_1)
    fake.addServer(id, {
      volumes: [
        { device: '/dev/xvda', sizeGiB: 40, encrypted: true },
        { device: '/dev/sdf', sizeGiB: 100, encrypted: true },
      ],
    });
  const before = await run('export', '--wave', 'wave-1', '--bucket', BUCKET, '--dry-run');
  expect(before.code).toBe(1);
  expect(before.out).toContain('pcc-web-01: DescribeImages tag:ExitStagedFor: not staged yet');

  const dry = await run('stage', '--wave', 'wave-1', '--dry-run');
  expect(dry.out).toContain(
    'pcc-web-01: would stage 2 volume(s), 140 GiB (/dev/xvda 40 GiB, /dev/sdf 100 GiB)',
  );
  expect(dry.code).toBe(0);
  expect(fake.mutations().every((r) => r.params.DryRun === 'true')).toBe(true);

  const staged = await run('stage', '--wave', 'wave-1');
  expect(staged.err).toBe('');
  expect(staged.code).toBe(0);
  expect(staged.out).toContain(
    '4 staged, 0 need no staging, 0 data only, 0 failed. Next: npm run estate -- exit export --wave wave-1',
  );
  const state = JSON.parse(readFileSync(join(stateDir, 'wave-1', 'state.json'), 'utf8')) as StageRunState;
  expect(state.servers.every((s) => s.phase === 'staged')).toBe(true);

  const exported = await run('export', '--wave', 'wave-1', '--bucket', BUCKET);
  expect(exported.err).toBe('');
  expect(exported.code).toBe(0);
  const manifest = JSON.parse(
    readFileSync(join(stateDir, 'wave-1-vmdk', 'manifest.json'), 'utf8'),
  ) as ExportManifest;
  expect(manifest.items.map((i) => i.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
  expect(manifest.items.every((i) => /^[0-9a-f]{64}$/.test(i.checksumSha256 ?? ''))).toBe(true);
  expect(fake.leftovers()).toEqual([]);

  // Running stage again resumes the finished run: nothing new is made.
  const mutations = fake.mutations().length;
  const again = await run('stage', '--wave', 'wave-1');
  expect(again.code).toBe(0);
  expect(again.out).toContain('Resuming the staging run started');
  expect(fake.mutations().length).toBe(mutations);
});

/**
 * `estate exit rehearse` through the CLI against local EC2, SSM and S3 endpoints that follow the
 * services' documented behaviour: the report (JSON and HTML) with per-server step times from the
 * injected clock, bytes, costs and the estate extrapolation; every exported object checked; bad
 * input exits 2 with one line and sends nothing; then `exit plan` uses the measured figures.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { runCli } from '../../lib/cli';
import { exitPlanCommand, exitRehearseCommandWith } from '../../lib/cli/exit';
import { nodeExitFiles } from '../../lib/cli/exit/private/files';
import type { RehearsalReport } from '../../lib/exit/rehearse';
import { captureIo } from '../cli/capture-io';
import { FakeEc2Staging } from '../support/fake-ec2-staging';
import { startFakeRunCommand, type FakeRunCommand } from '../support/fake-ssm-run-command';

const EXAMPLE = resolve(__dirname, '../../migration-plans/peterborough');
const BUCKET = 'peterborough-exit-123456789012-eu-west-2';
const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};

let fake: FakeEc2Staging;
let ssm: FakeRunCommand;
let cwd: string;
beforeEach(async () => {
  fake = await new FakeEc2Staging().start();
  fake.launchTemplates.set('peterborough-exit-staging-worker', {
    imageId: 'ami-0f3c9a1d7e5b2c480',
    subnetId: 'subnet-0exit',
    az: 'eu-west-2a',
    profile: 'peterborough-exit-staging-worker',
  });
  ssm = await startFakeRunCommand(fake);
  cwd = mkdtempSync(join(tmpdir(), 'exit-rehearse-'));
});
afterEach(async () => {
  await fake.stop();
  await ssm.close();
});

const rehearse = exitRehearseCommandWith({
  files: nodeExitFiles,
  clients: (region) => ({
    ec2: new EC2Client({ region, endpoint: fake.url, credentials }),
    ssm: new SSMClient({ region, endpoint: ssm.endpoint, credentials }),
    s3: new S3Client({ region, endpoint: fake.s3.url, credentials, forcePathStyle: true }),
  }),
  sleep: async () => {},
});

/** A CLI io whose clock moves on a minute at every reading (the runs read it at every step). */
function clockIo() {
  const io = captureIo(cwd);
  let t = Date.parse('2027-01-15T09:00:00Z');
  return { ...io, now: () => new Date((t += 60_000)) };
}

async function run(...args: string[]) {
  const io = clockIo();
  const code = await runCli(['exit', ...args, '--plan', EXAMPLE], io, [rehearse, exitPlanCommand]);
  return { code, out: io.out(), err: io.err() };
}

describe('bad input: one line, exit 2, nothing sent', () => {
  it.each([
    [['rehearse', '--bucket', BUCKET], /^exit rehearse: give --wave <id>\n$/],
    [['rehearse', '--wave', 'wave-9', '--bucket', BUCKET], /^exit rehearse: unknown wave "wave-9" \(waves: /],
    [
      ['rehearse', '--wave', 'wave-1'],
      /^exit rehearse: no exit bucket; deploy the Exit stack and pass --bucket /,
    ],
    [
      ['rehearse', '--wave', 'wave-1', '--bucket', BUCKET, '--format', 'qcow2'],
      /^exit rehearse: --format qcow2 is not an image format/,
    ],
    [
      ['rehearse', '--wave', 'wave-1', '--bucket', BUCKET, '--max-concurrent', 'two'],
      /^exit rehearse: --max-concurrent needs a whole number/,
    ],
  ])('%j', async (args, message) => {
    const { code, err, out } = await run(...args);
    expect(code).toBe(2);
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
    expect(out).toBe('');
    expect(fake.requests).toEqual([]);
    expect(ssm.targets).toEqual([]);
    expect(fake.s3.requests).toEqual([]);
  });
});

test('a wave rehearsed: staged, exported, every object checked, report written and extrapolated; the exit plan then uses it', async () => {
  fake.addServer('pcc-mon-01', { volumes: [{ device: '/dev/xvda', sizeGiB: 60, encrypted: true }] });
  fake.addServer('pcc-sccm-01', {
    volumes: [
      { device: '/dev/sda1', sizeGiB: 100, encrypted: true },
      { device: '/dev/sdf', sizeGiB: 1000, encrypted: true },
      { device: '/dev/sdg', sizeGiB: 300, encrypted: true },
    ],
  });
  fake.addServer('pcc-web-01', { volumes: [{ device: '/dev/xvda', sizeGiB: 40, encrypted: true }] });
  // Not encrypted after all: exported without staging.
  fake.addServer('pcc-web-02', { volumes: [{ device: '/dev/xvda', sizeGiB: 40 }] });

  const { code, out, err } = await run('rehearse', '--wave', 'wave-1', '--bucket', BUCKET);
  expect(err).toBe('');
  expect(code).toBe(0);
  const dir = join(cwd, 'reports', 'exit', 'rehearsals', 'wave-1');
  const report = JSON.parse(readFileSync(join(dir, 'rehearsal.json'), 'utf8')) as RehearsalReport;
  expect(report.totals).toMatchObject({ servers: 4, exported: 4, gib: 1540 });
  expect(report.objects.map((o) => o.status)).toEqual(['verified', 'verified', 'verified', 'verified']);
  expect(report.objects.every((o) => o.key.startsWith('exports/rehearsals/wave-1/'))).toBe(true);
  const sccm = report.servers.find((s) => s.server === 'pcc-sccm-01')!;
  expect(sccm).toMatchObject({
    outcome: 'exported',
    route: 'staged-export',
    volumeGiB: 1400,
    copiedBytes: 1400 * 1024 ** 3,
    verified: true,
  });
  expect(sccm.steps.map((s) => s.name)).toEqual([
    'stage: snapshotting',
    'stage: creating-volumes',
    'stage: launching',
    'stage: attaching',
    'stage: copying',
    'stage: snapshotting-targets',
    'stage: registering',
    'stage: cleaning',
    'export: image',
    'export: task and checks',
  ]);
  expect(sccm.steps.every((s) => (s.seconds ?? 0) > 0)).toBe(true);
  expect(Number(sccm.costUsd)).toBeGreaterThan(0);
  const web2 = report.servers.find((s) => s.server === 'pcc-web-02')!;
  expect(web2).toMatchObject({
    outcome: 'exported',
    route: 'image-export',
    stageSeconds: 0,
    costUsd: expect.any(String),
  });
  expect(report.measured.stagingCopyGiBPerHour).toBeGreaterThan(0);
  expect(report.measured.imageExportGiBPerHour).toBeGreaterThan(0);
  expect(report.extrapolation.servers).toBeGreaterThan(4);
  expect(report.extrapolation.elapsedHours).toBeGreaterThan(0);
  expect(Number(report.extrapolation.costUsd)).toBeGreaterThan(Number(report.totals.costUsd));
  const html = readFileSync(join(dir, 'rehearsal.html'), 'utf8');
  expect(html).toContain('<h1>Exit rehearsal: peterborough, wave-1</h1>');
  expect(html).toContain('4 of 4 server(s) exported and verified');
  expect(out).toMatch(/4 of 4 exported and verified, \$\d+\.\d\d\. Whole estate \(\d+ servers, \d+ GiB\)/);
  // Nothing temporary is left (the rehearsal objects expire by the bucket's lifecycle rule).
  expect(fake.leftovers()).toEqual([]);

  const planned = await run('plan', '--out', join(cwd, 'exit'));
  expect(planned.code).toBe(0);
  expect(planned.out).toContain(`Durations use the figures measured in ${join(dir, 'rehearsal.json')}.`);
  const runbook = readFileSync(join(cwd, 'exit', 'runbook.md'), 'utf8');
  expect(runbook).toContain(
    `Measured in the rehearsal of wave-1 (peterborough) finished ${report.finishedAt}: staging copy ${report.measured.stagingCopyGiBPerHour} GiB/hour`,
  );
  expect(runbook).not.toContain('Throughputs are working assumptions');
});

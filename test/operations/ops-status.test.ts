/**
 * `estate ops status` against local CloudWatch (JSON 1.0, query-compatible) and Systems Manager
 * (JSON 1.1) endpoints: the real SDK clients walk both APIs' pages; one table per wave, `--json`;
 * bad input exits 2 with one line.
 */
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { buildEstateModel, type ServerDecision } from '../../lib/estate-model';
import {
  databaseAlarmName,
  DATABASE_ALARMS,
  serverAlarmName,
  SERVER_ALARMS,
  type OpsStatusReport,
} from '../../lib/operations';
import { loadPlan } from '../../lib/plan';
import { getsLandingZone } from '../../lib/plan/plan';
import { captureIo } from '../cli/capture-io';
import { startFakeCloudWatch, type FakeCloudWatch } from '../support/fake-cloudwatch';
import { startFakeSsm, type FakeSsm } from '../support/fake-ssm';

const PLAN = join(__dirname, '..', '..', 'migration-plans', 'peterborough');
const plan = loadPlan(PLAN);
const model = buildEstateModel(plan);
const built = model.servers.filter(
  (s): s is ServerDecision => s.landingZone && s.routes?.entry?.route !== 'mgn',
);
const databases = model.databases.filter((d) => d.landingZone);

let cw: FakeCloudWatch;
let ssm: FakeSsm;

beforeAll(async () => {
  cw = await startFakeCloudWatch();
  ssm = await startFakeSsm();
  cw.pageSize = 7; // several pages
  ssm.pageSize = 1;
  built.forEach((s, i) => {
    const instanceId = `i-${String(i).padStart(17, '0')}`;
    for (const kind of SERVER_ALARMS) {
      cw.metricAlarms.push({
        AlarmName: serverAlarmName('peterborough', s.id, kind),
        StateValue: i === 0 && kind === 'disk' ? 'ALARM' : 'OK',
        Dimensions: [{ Name: 'InstanceId', Value: instanceId }],
      });
    }
    const group = ssm.patchStates.get(s.operations.patchGroup) ?? [];
    if (i !== 2)
      group.push({
        InstanceId: instanceId,
        PatchGroup: s.operations.patchGroup,
        BaselineId: 'pb-0123456789abcdef0',
        Operation: 'Scan',
        MissingCount: i === 1 ? 3 : 0,
        FailedCount: i === 1 ? 1 : 0,
        InstalledCount: 12,
        OperationStartTime: 1_800_000_000,
        OperationEndTime: 1_800_000_600,
      });
    ssm.patchStates.set(s.operations.patchGroup, group);
  });
  for (const d of databases)
    for (const kind of DATABASE_ALARMS)
      cw.metricAlarms.push({
        AlarmName: databaseAlarmName('peterborough', d.id, kind),
        StateValue: d === databases[0] && kind === 'storage' ? 'ALARM' : 'OK',
        Dimensions: [{ Name: 'DBInstanceIdentifier', Value: `peterborough-${d.id}` }],
      });
  cw.compositeAlarms.push({
    AlarmName: `peterborough-application-${built[0]!.application}`,
    StateValue: 'ALARM',
    AlarmRule: 'ALARM("x")',
  });
  // Another estate's alarm is not read.
  cw.metricAlarms.push({ AlarmName: 'elsewhere-server-x-cpu', StateValue: 'ALARM' });
});

afterAll(async () => {
  await cw.close();
  await ssm.close();
});

async function run(argv: string[]) {
  const io = captureIo(process.cwd(), '2027-01-15T00:00:00Z', {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_ENDPOINT_URL_CLOUDWATCH: cw.endpoint,
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
  });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

test('prints one table per wave with alarms in ALARM and patch compliance', async () => {
  const { code, out, err } = await run(['ops', 'status', '--plan', PLAN]);
  expect(err).toBe('');
  expect(code).toBe(0);
  const waves = new Set(model.servers.filter((s) => s.landingZone).map((s) => s.wave));
  expect(out.match(/^Wave \d+ \(/gm)!.length).toBe(waves.size);
  const line = (id: string) => out.split('\n').find((l) => l.startsWith(`${id} `))!;
  expect(line(built[0]!.id)).toMatch(/ disk +compliant$/);
  expect(line(built[1]!.id)).toMatch(/non-compliant \(3 missing, 1 failed\)$/);
  expect(line(built[2]!.id)).toMatch(/not scanned$/);
  expect(line(databases[0]!.id)).toMatch(/ storage +not applicable$/);
  expect(out).toContain(`Applications in ALARM: ${built[0]!.application}`);
  // Windows Server 2016 servers are listed with the date their support ends (the lifecycle table).
  const w2016 = plan.servers.filter(
    (s) => getsLandingZone(s) && s.os.name === 'Windows Server' && s.os.version === '2016',
  );
  expect(w2016.length).toBeGreaterThan(0);
  for (const s of w2016)
    expect(out).toMatch(new RegExp(`^  2027-01-12  ${s.id}  Windows Server 2016: `, 'm'));
  // Real SDK requests: JSON 1.0 in query-compatible mode, paged.
  expect(cw.requests.length).toBeGreaterThan(3);
  expect(
    cw.requests.every(
      (r) => r.target === 'GraniteServiceVersion20100801.DescribeAlarms' && r.queryMode === 'true',
    ),
  ).toBe(true);
  expect(
    ssm.targets.filter((t) => t === 'AmazonSSM.DescribeInstancePatchStatesForPatchGroup').length,
  ).toBeGreaterThan(built.length - 1);
});

test('--wave limits the report to one wave; --json gives the report', async () => {
  const wave = built[0]!.wave;
  const { code, out } = await run(['ops', 'status', '--plan', PLAN, '--wave', wave, '--json']);
  expect(code).toBe(0);
  const report = JSON.parse(out) as OpsStatusReport;
  expect(report.waves.map((w) => w.wave)).toEqual([wave]);
  const row = report.waves[0]!.rows.find((r) => r.id === built[0]!.id)!;
  expect(row).toMatchObject({
    kind: 'server',
    inAlarm: ['disk'],
    patch: 'compliant',
    instanceId: 'i-00000000000000000',
  });
  // mgn servers not adopted yet have no instance to watch.
  const mgn = model.servers.find(
    (s) =>
      s.landingZone &&
      s.wave === wave &&
      s.routes?.entry?.route === 'mgn' &&
      !plan.adopted.some((a) => a.server === s.id),
  );
  if (mgn) expect(report.waves[0]!.rows.find((r) => r.id === mgn.id)!.patch).toBe('awaiting adoption');
});

test('bad input exits 2 with one line', async () => {
  const unknownWave = await run(['ops', 'status', '--plan', PLAN, '--wave', 'no-such-wave']);
  expect(unknownWave.code).toBe(2);
  expect(unknownWave.err.trim().split('\n')).toHaveLength(1);
  expect(unknownWave.err).toContain('--wave no-such-wave: no such wave in the plan');
  const missingPlan = await run(['ops', 'status', '--plan', join(PLAN, 'nope')]);
  expect(missingPlan.code).toBe(2);
});

test('--help exits 0', async () => {
  const { code, out } = await run(['ops', 'status', '--help']);
  expect(code).toBe(0);
  expect(out).toContain('Usage: npm run estate -- ops status');
});

test('an API error is reported plainly, exit 1', async () => {
  const io = captureIo(process.cwd(), '2027-01-15T00:00:00Z', {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_ENDPOINT_URL_CLOUDWATCH: ssm.endpoint, // the wrong service: InvalidAction
    AWS_ENDPOINT_URL_SSM: ssm.endpoint,
  });
  const code = await runCli(['ops', 'status', '--plan', PLAN], io);
  expect(code).toBe(1);
  expect(io.err()).toMatch(/^ops status: could not read the estate's state from AWS: /);
});

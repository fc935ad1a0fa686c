/**
 * `migrate --account`: one set of credentials reaches one workload account, so the commands act on
 * that account's servers only and name that account's Migration stack. Real @aws-sdk clients
 * (MGN, EC2, SSM) against the local endpoints, on Northvale, whose portal-test application is in
 * the separate non-production account (pilot wave: fleet-app-01 production, portal-test-01
 * non-production; core wave: production only).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { buildEstateModel, serverDecision } from '../../lib/estate-model';
import { mgnLaunchTargetParameterName } from '../../lib/migration';
import { runbookMarkdown, waveRunbook } from '../../lib/migration/runbook';
import { loadPlan } from '../../lib/plan';
import type { PlanServer } from '../../lib/plan/plan';
import { captureIo } from '../cli/capture-io';
import { FakeEc2 } from '../support/fake-ec2';
import { startFakeMgn, type FakeMgn } from '../support/fake-mgn';
import { startFakeSsm, type FakeSsm } from '../support/fake-ssm';

const PLAN = 'migration-plans/northvale';
const plan = loadPlan(PLAN);
const model = buildEstateModel(plan);
const server = (id: string): PlanServer => plan.servers.find((s) => s.id === id)!;
const FLEET = server('fleet-app-01');
const PORTAL_TEST = server('portal-test-01');
const NONPROD = plan.accounts.nonProduction;
/** `migrate configure` of the pilot wave in the non-production account. */
const CONFIGURE_PILOT_NON_PRODUCTION = [
  'migrate',
  'configure',
  '--plan',
  PLAN,
  '--wave',
  'pilot',
  '--account',
  'non-production',
];
const hex = (n: number) => n.toString(16).padStart(17, '0');

interface Account {
  readonly mgn: FakeMgn;
  readonly ec2: FakeEc2;
  readonly ssm: FakeSsm;
}
let account: Account;

/** One account's MGN, EC2 and SSM: its agents report only its servers; its wave stacks publish only theirs. */
async function accountWith(servers: readonly PlanServer[], named = true): Promise<Account> {
  const ec2 = await new FakeEc2().start();
  const ssm = await startFakeSsm(
    Object.fromEntries(
      servers.map((s) => [
        mgnLaunchTargetParameterName(plan.estate.id, s.id),
        JSON.stringify({
          subnetId: 'subnet-0aaaabbbbcccc0001',
          securityGroupIds: ['sg-0a1b2c3d4e5f60718'],
          instanceProfileArn: `arn:aws:iam::${NONPROD}:instance-profile/${s.id}-profile`,
          ebsKeyArn: `arn:aws:kms:eu-west-2:${NONPROD}:key/0000aaaa-bbbb-cccc-dddd-eeeeffff0000`,
        }),
      ]),
    ),
  );
  const mgn = await startFakeMgn({
    servers: servers.map((s, i) => ({
      sourceServerID: `s-${hex(i + 1)}`,
      hostname: s.hostname.toLowerCase(),
      tags: {},
      launch: {
        ec2LaunchTemplateID: ec2.addLaunchTemplate({
          InstanceType: 'm5.large',
          NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-0default000000', Groups: ['sg-0default'] }],
          BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: 60, VolumeType: 'gp3' } }],
        }),
      },
    })),
    applications: named
      ? [...new Set(servers.map((s) => s.application))].map((a, i) => ({
          applicationID: `app-${hex(i + 1)}`,
          name: a,
        }))
      : [],
    waves: named ? [{ waveID: `wave-${hex(1)}`, name: 'pilot' }] : [],
  });
  account = { mgn, ec2, ssm };
  return account;
}

async function close(): Promise<void> {
  await account.mgn.close();
  await account.ec2.stop();
  await account.ssm.close();
}

async function run(argv: string[]) {
  const io = captureIo(process.cwd(), '2027-01-15T00:00:00Z', {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_ENDPOINT_URL: account.mgn.endpoint,
    AWS_ENDPOINT_URL_EC2: account.ec2.url,
    AWS_ENDPOINT_URL_SSM: account.ssm.endpoint,
  });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

test('the estate model puts the pilot wave in both workload accounts', () => {
  expect(model.accounts.map((a) => a.role)).toEqual(['production', 'non-production']);
  expect(serverDecision(model, FLEET.id).account.role).toBe('production');
  expect(serverDecision(model, PORTAL_TEST.id).account.role).toBe('non-production');
});

describe('migrate configure --account', () => {
  afterEach(close);

  test("non-production: configures only that account's server, from that account's SSM parameter", async () => {
    const { mgn, ssm } = await accountWith([PORTAL_TEST]);
    const r = await run(CONFIGURE_PILOT_NON_PRODUCTION);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `Wave pilot, non-production account ${NONPROD}: 1 mgn server(s), 1 matched in MGN.`,
    );
    expect(r.out).toContain(`ok     ${PORTAL_TEST.id}:`);
    expect(r.out).not.toContain(FLEET.id);
    expect(mgn.servers[0]!.applicationID).toBe(`app-${hex(1)}`);
    expect(mgn.servers[0]!.tags).toMatchObject({ ServerId: PORTAL_TEST.id });
    expect(ssm.targets).toEqual(['AmazonSSM.GetParameters']);
    const template = account.ec2.defaultData(String(mgn.servers[0]!.launch.ec2LaunchTemplateID));
    expect(template.InstanceType).toBe(serverDecision(model, PORTAL_TEST.id).size.instanceType);
  });

  test('production (the default) leaves the non-production server alone', async () => {
    await accountWith([FLEET]);
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'pilot']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`ok     ${FLEET.id}:`);
    expect(r.out).not.toContain(PORTAL_TEST.id);
  });

  test("names that account's Migration stack when MGN has no application or wave yet", async () => {
    await accountWith([PORTAL_TEST], false);
    const nonProd = await run([...CONFIGURE_PILOT_NON_PRODUCTION, '--dry-run']);
    expect(nonProd.out).toContain(
      `! MGN has no wave named pilot: deploy Northvale-NonProduction-Migration (it owns the MGN applications and waves)`,
    );
    expect(nonProd.out).toContain(
      `! MGN has no application named ${PORTAL_TEST.application}: deploy Northvale-NonProduction-Migration`,
    );
    expect(nonProd.out).not.toContain(`application named ${FLEET.application}`);
    await close();
    await accountWith([FLEET], false);
    const prod = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'pilot', '--dry-run']);
    expect(prod.out).toContain('! MGN has no wave named pilot: deploy Northvale-Migration (it owns');
    expect(prod.out).not.toContain('NonProduction');
  });
});

describe('migrate status, adopt and export-csv --account non-production', () => {
  afterEach(close);

  test("status lists only that account's servers; MGN's other source servers are extras", async () => {
    await accountWith([PORTAL_TEST]);
    const r = await run(['migrate', 'status', '--plan', PLAN, '--account', 'non-production']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${PORTAL_TEST.id}  s-${hex(1)}`);
    // Production servers are not "missing from MGN": they are in another account's MGN.
    expect(r.out).not.toContain(FLEET.id);
    expect(r.out).not.toContain('lic-app-01');
  });

  test('adopt records only the non-production server and leaves its termination protection alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adopt-accounts-'));
    cpSync(PLAN, dir, { recursive: true });
    const { mgn } = await accountWith([PORTAL_TEST]);
    try {
      mgn.servers[0]!.lifeCycleState = 'CUTOVER';
      mgn.servers[0]!.launchedInstanceId = 'i-0abc1234def567890';
      const r = await run([
        'migrate',
        'adopt',
        '--plan',
        dir,
        '--wave',
        'pilot',
        '--account',
        'non-production',
      ]);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`adopt  ${PORTAL_TEST.id}: i-0abc1234def567890`);
      expect(r.out).not.toContain(FLEET.id);
      expect(r.out).toContain(`protect ${PORTAL_TEST.id}: i-0abc1234def567890 not production`);
      expect(account.ec2.mutations()).toEqual([]);
      expect(loadPlan(dir).adopted.map((a) => a.server)).toEqual([PORTAL_TEST.id]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("export-csv writes only that account's mgn servers", async () => {
    await accountWith([]);
    const dir = mkdtempSync(join(tmpdir(), 'csv-accounts-'));
    try {
      const out = join(dir, 'nonprod.csv');
      const r = await run([
        'migrate',
        'export-csv',
        '--plan',
        PLAN,
        '--account',
        'non-production',
        '--out',
        out,
      ]);
      expect(r.code).toBe(0);
      expect(r.out).toContain('1 mgn server(s)');
      const csv = readFileSync(out, 'utf8');
      expect(csv).toContain(PORTAL_TEST.hostname);
      expect(csv).not.toContain(FLEET.hostname);
      const all = await run(['migrate', 'export-csv', '--plan', PLAN, '--out', join(dir, 'prod.csv')]);
      expect(all.out).toContain('2 mgn server(s)');
      expect(readFileSync(join(dir, 'prod.csv'), 'utf8')).not.toContain(PORTAL_TEST.hostname);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bad --account: one line, exit 2, nothing read', () => {
  beforeEach(async () => {
    await accountWith([PORTAL_TEST, FLEET]);
  });
  afterEach(close);

  test.each([
    [
      ['migrate', 'status', '--plan', PLAN, '--account', 'staging'],
      '--account staging: not a workload account of this plan (one of: production, non-production)',
    ],
    [
      ['migrate', 'configure', '--plan', PLAN, '--wave', 'core', '--account', 'non-production'],
      `--account non-production: wave core has no mgn servers in the non-production account (${NONPROD}); its mgn servers are in: production`,
    ],
    [
      [
        'migrate',
        'adopt',
        '--plan',
        'migration-plans/peterborough',
        '--wave',
        'wave-1',
        '--account',
        'non-production',
      ],
      '--account non-production: not a workload account of this plan (one of: production)',
    ],
  ])('%j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(account.mgn.requests).toEqual([]);
  });
});

test("the runbook's migrate commands name the account of each wave's mgn servers", () => {
  const pilot = runbookMarkdown(waveRunbook(buildEstateModel(plan), 'pilot'));
  for (const role of ['production', 'non-production']) {
    expect(pilot).toContain(`npm run estate -- migrate status --wave pilot --account ${role}`);
    expect(pilot).toContain(`npm run estate -- migrate configure --wave pilot --account ${role} --dry-run`);
    expect(pilot).toContain(`npm run estate -- migrate adopt --wave pilot --account ${role}`);
  }
  const core = runbookMarkdown(waveRunbook(buildEstateModel(plan), 'core'));
  expect(core).toContain('migrate adopt --wave core --account production');
  expect(core).not.toContain('--account non-production');
  // A plan with one workload account: the commands as before, no flag.
  const peterborough = loadPlan('migration-plans/peterborough');
  expect(runbookMarkdown(waveRunbook(buildEstateModel(peterborough), 'wave-1'))).not.toContain('--account');
});

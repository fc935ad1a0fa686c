/**
 * Issue 17's acceptance: the bundled wave 1 runbook's `estate` commands, run in the order the
 * runbook gives them, against local endpoints (fake-mgn.ts following MGN's documented life cycle
 * and refusing out-of-order calls with ConflictException; fake-ec2.ts; fake-ssm.ts) with the real
 * SDK clients. The wave ends with every MGN server in migration-state.yaml, termination protection
 * on and no test instance left running. And the guards: adopt before finalize exits non-zero,
 * cut-over with lag > 0 is refused, an uninitialised account is named plainly.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { serverEntry } from '../../lib/estate-model/routes/entry-route';
import {
  mgnLaunchTargetParameterName,
  mgnTestLaunchParameterName,
  type MgnLaunchTarget,
} from '../../lib/migration';
import { waveRunbook, type RunbookStep } from '../../lib/migration/runbook/wave-runbook';
import { loadPlan } from '../../lib/plan';
import { captureIo } from '../cli/capture-io';
import { FakeEc2 } from '../support/fake-ec2';
import { startFakeMgn, type FakeMgn } from '../support/fake-mgn';
import { startFakeSsm, type FakeSsm } from '../support/fake-ssm';
import { buildEstateModel } from '../../lib/estate-model';

const PLAN = 'migration-plans/peterborough';
const plan = loadPlan(PLAN);
const wave1 = plan.servers.filter((s) => s.wave === 'wave-1' && serverEntry(s).route === 'mgn');
const hex = (n: number) => n.toString(16).padStart(17, '0');
const KEY = 'arn:aws:kms:eu-west-2:123456789012:key/0000aaaa-bbbb-cccc-dddd-eeeeffff0000';
const PROD_SG = 'sg-0a1b2c3d4e5f60718';
const TEST_SG = 'sg-0test00000000isol';

function targetOf(i: number): MgnLaunchTarget {
  return {
    subnetId: `subnet-0${hex(i + 1)}`,
    securityGroupIds: [PROD_SG],
    instanceProfileArn: `arn:aws:iam::123456789012:instance-profile/server-${i}`,
    ebsKeyArn: KEY,
  };
}

interface World {
  readonly dir: string;
  readonly mgn: FakeMgn;
  readonly ec2: FakeEc2;
  readonly ssm: FakeSsm;
  readonly templateIds: string[];
  close(): Promise<void>;
}

async function world(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'wave-lifecycle-'));
  cpSync(PLAN, dir, { recursive: true });
  const ec2 = await new FakeEc2().start();
  const ssm = await startFakeSsm({
    ...Object.fromEntries(
      wave1.map((s, i) => [mgnLaunchTargetParameterName(plan.estate.id, s.id), JSON.stringify(targetOf(i))]),
    ),
    [mgnTestLaunchParameterName(plan.estate.id)]: JSON.stringify({ securityGroupIds: [TEST_SG] }),
  });
  const templateIds = wave1.map((s) =>
    ec2.addLaunchTemplate({
      InstanceType: 'm5.large',
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: 'subnet-0default000000', Groups: ['sg-0default'] }],
      BlockDeviceMappings: [{ DeviceName: '/dev/sda1', Ebs: { VolumeSize: 100, VolumeType: 'gp3' } }],
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: s.hostname }] }],
    }),
  );
  const mgn = await startFakeMgn({
    // A new account: nothing works until `migrate init`.
    initialized: false,
    servers: wave1.map((s, i) => ({
      sourceServerID: `s-${hex(i + 1)}`,
      hostname: s.hostname.toLowerCase(),
      tags: {},
      replicationState: 'CONTINUOUS',
      lifeCycleState: 'READY_FOR_TEST',
      lagDuration: 'PT5S',
      backloggedStorageBytes: 1048576,
      launch: { ec2LaunchTemplateID: templateIds[i] },
    })),
    // The Migration stack created an MGN application per application and a wave per wave.
    applications: [...new Set(wave1.map((s) => s.application))]
      .sort()
      .map((a, i) => ({ applicationID: `app-${hex(i + 1)}`, name: a })),
    waves: [{ waveID: `wave-${hex(1)}`, name: 'wave-1' }],
    // MGN launches instances with termination protection off.
    onLaunch: (launched) => void ec2.terminationProtection.set(launched.instanceId, false),
  });
  return {
    dir,
    mgn,
    ec2,
    ssm,
    templateIds,
    close: async () => {
      await mgn.close();
      await ec2.stop();
      await ssm.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function estate(w: World, command: string, now = '2026-05-20T09:00:00Z') {
  const io = captureIo(process.cwd(), now, {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_ENDPOINT_URL: w.mgn.endpoint,
    AWS_ENDPOINT_URL_EC2: w.ec2.url,
    AWS_ENDPOINT_URL_SSM: w.ssm.endpoint,
  });
  const argv = [...command.replace(/^npm run estate -- /, '').split(' '), '--plan', w.dir];
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const groupsOf = (w: World, i: number) =>
  (w.ec2.defaultData(w.templateIds[i]!).NetworkInterfaces as { Groups: string[] }[])[0]!.Groups;

test('the bundled wave 1 runbook, run as written, moves every MGN server and adopts it', async () => {
  expect(wave1.length).toBeGreaterThanOrEqual(2);
  const w = await world();
  try {
    const steps: RunbookStep[] = waveRunbook(buildEstateModel(plan), 'wave-1').sections.flatMap(
      (s) => s.steps,
    );
    const ran: string[] = [];
    for (const step of steps) {
      if (step.when === 'if-needed') continue;
      // The people's steps the commands depend on.
      if (step.text.startsWith('Final sync: stop')) {
        // Services stopped: MGN drains the backlog and the lag falls to zero.
        for (const s of w.mgn.servers) Object.assign(s, { lagDuration: 'PT0S', backloggedStorageBytes: 0 });
      }
      if (!step.command?.startsWith('npm run estate -- ')) continue;
      // Archiving is for after the decommission month: the runbook says so, the clock says so.
      const now = step.command.includes('migrate archive') ? '2026-09-01T09:00:00Z' : undefined;
      const r = await estate(w, step.command, now);
      ran.push(step.command);
      expect({ command: step.command, code: r.code, err: r.err }).toEqual({
        command: step.command,
        code: 0,
        err: '',
      });
      if (step.command.includes('migrate test ')) {
        // Test instances launch with the isolated test security group, never the production one.
        for (let i = 0; i < wave1.length; i++) expect(groupsOf(w, i)).toEqual([TEST_SG]);
        expect(w.mgn.instances.filter((x) => x.kind === 'test' && x.state === 'running')).toHaveLength(
          wave1.length,
        );
      }
    }
    // The commands the runbook gave, in its order.
    expect(ran.map((c) => c.split(' ').slice(4, 6).join(' '))).toEqual([
      'migrate init',
      'migrate configure',
      'migrate test',
      'migrate mark-ready',
      'migrate status',
      'migrate configure',
      'migrate status',
      'migrate cutover',
      'migrate finalize',
      'migrate adopt',
      'migrate archive',
    ]);
    const final = loadPlan(w.dir);
    expect(final.adopted.map((a) => a.server).sort()).toEqual(wave1.map((s) => s.id).sort());
    const cutover = w.mgn.instances.filter((x) => x.kind === 'cutover');
    expect(cutover.map((x) => x.instanceId).sort()).toEqual(final.adopted.map((a) => a.instanceId).sort());
    for (const a of final.adopted) expect(w.ec2.terminationProtection.get(a.instanceId)).toBe(true);
    expect(w.mgn.instances.filter((x) => x.kind === 'test' && x.state === 'running')).toEqual([]);
    expect(w.mgn.servers.map((s) => [s.lifeCycleState, s.isArchived])).toEqual(
      wave1.map(() => ['CUTOVER', true]),
    );
    // Cut-over launched with the production placement back in every launch template.
    for (let i = 0; i < wave1.length; i++) expect(groupsOf(w, i)).toEqual([PROD_SG]);
  } finally {
    await w.close();
  }
}, 60_000);

describe('the guards', () => {
  let w: World;
  beforeEach(async () => {
    w = await world();
    w.mgn.initialized = true;
  });
  afterEach(() => w.close());

  test('an uninitialised account is named plainly, and migrate init fixes it (a re-run is harmless)', async () => {
    w.mgn.initialized = false;
    const status = await estate(w, 'migrate status --wave wave-1');
    expect(status.code).toBe(1);
    expect(status.err).toContain(
      'AWS MGN is not initialised in this account (UninitializedAccountException)',
    );
    expect(status.err).toContain('npm run estate -- migrate init');
    expect((await estate(w, 'migrate init')).code).toBe(0);
    expect((await estate(w, 'migrate init')).code).toBe(0);
    expect((await estate(w, 'migrate status --wave wave-1')).code).toBe(0);
  });

  test('status names a stalled server with the error, lag, backlog and ETA MGN reports', async () => {
    Object.assign(w.mgn.servers[0]!, {
      replicationState: 'STALLED',
      dataReplicationError: { error: 'FAILED_TO_CONNECT_AGENT_TO_REPLICATION_SERVER', rawError: 'port 1500' },
      backloggedStorageBytes: 5368709120,
      etaDateTime: '2026-05-21T10:00:00Z',
    });
    const r = await estate(w, 'migrate status --wave wave-1');
    expect(r.out).toContain(
      `STALLED ${wave1[0]!.id}: replication STALLED, error FAILED_TO_CONNECT_AGENT_TO_REPLICATION_SERVER: port 1500, lag PT5S, backlog 5368709120 bytes, ETA 2026-05-21T10:00:00Z`,
    );
  });

  test('cut-over with lag > 0 is refused, per server; without --source-stopped it is a usage error', async () => {
    for (const s of w.mgn.servers) s.lifeCycleState = 'READY_FOR_CUTOVER';
    Object.assign(w.mgn.servers[1]!, { lagDuration: 'PT0S', backloggedStorageBytes: 0 });
    const noFlag = await estate(w, 'migrate cutover --wave wave-1');
    expect(noFlag.code).toBe(2);
    expect(noFlag.err).toContain('--source-stopped');
    const r = await estate(w, 'migrate cutover --wave wave-1 --source-stopped');
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      `REFUSED ${wave1[0]!.id}: final sync not complete: replication CONTINUOUS, lag PT5S`,
    );
    // The other server was ready: it cut over; the refused one was never sent to MGN.
    expect(r.out).toContain(`done    ${wave1[1]!.id}:`);
    expect(w.mgn.requests.filter((q) => q.op === 'StartCutover').map((q) => q.body.sourceServerIDs)).toEqual([
      [`s-${hex(2)}`],
    ]);
  });

  test('adopt before finalize exits non-zero and adopts nothing; after finalize it adopts', async () => {
    for (const s of w.mgn.servers)
      Object.assign(s, {
        lifeCycleState: 'READY_FOR_CUTOVER',
        lagDuration: 'PT0S',
        backloggedStorageBytes: 0,
      });
    expect((await estate(w, 'migrate cutover --wave wave-1 --source-stopped')).code).toBe(0);
    const early = await estate(w, 'migrate adopt --wave wave-1 --wait');
    expect(early.code).toBe(1);
    expect(early.out).toContain('still cutting over: not adopted. Finalize first');
    expect(loadPlan(w.dir).adopted).toEqual([]);
    expect((await estate(w, 'migrate finalize --wave wave-1')).code).toBe(0);
    expect((await estate(w, 'migrate adopt --wave wave-1 --wait')).code).toBe(0);
    expect(loadPlan(w.dir).adopted).toHaveLength(wave1.length);
  });

  test('MGN refuses out-of-order calls with ConflictException: finalize before cut-over is refused by us first', async () => {
    const r = await estate(w, 'migrate finalize --wave wave-1');
    expect(r.code).toBe(1);
    expect(r.out).toContain('REFUSED');
    expect(w.mgn.requests.some((q) => q.op === 'FinalizeCutover')).toBe(false);
    // And the fake itself answers as MGN does when a call arrives out of order.
    const { FinalizeCutoverCommand, MgnClient } = await import('@aws-sdk/client-mgn');
    const client = new MgnClient({
      region: 'eu-west-2',
      endpoint: w.mgn.endpoint,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' },
    });
    await expect(
      client.send(new FinalizeCutoverCommand({ sourceServerID: `s-${hex(1)}` })),
    ).rejects.toMatchObject({
      name: 'ConflictException',
    });
    client.destroy();
  });

  test('a failed test is reverted: test instances terminated, servers ready for testing, production placement back', async () => {
    expect((await estate(w, 'migrate test --wave wave-1')).code).toBe(0);
    const again = await estate(w, 'migrate test --wave wave-1');
    expect(again.code).toBe(0);
    expect(again.out).toContain('ok      ');
    expect(w.mgn.requests.filter((q) => q.op === 'StartTest')).toHaveLength(wave1.length);
    const r = await estate(w, 'migrate revert --wave wave-1');
    expect({ code: r.code, out: r.out }).toEqual({ code: 0, out: expect.stringContaining('done') });
    expect(w.mgn.instances.filter((x) => x.state === 'running')).toEqual([]);
    expect(w.mgn.servers.map((s) => s.lifeCycleState)).toEqual(wave1.map(() => 'READY_FOR_TEST'));
    expect(groupsOf(w, 0)).toEqual([PROD_SG]);
  });

  test("one server's failure never stops the others; --dry-run calls nothing", async () => {
    const dry = await estate(w, 'migrate test --wave wave-1 --dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('would');
    expect(w.mgn.mutations()).toEqual([]);
    w.mgn.servers[0]!.lifeCycleState = 'NOT_READY';
    const r = await estate(w, 'migrate test --wave wave-1');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`REFUSED ${wave1[0]!.id}: not ready for a test launch (MGN state NOT_READY`);
    expect(r.out).toContain(`done    ${wave1[1]!.id}:`);
  });

  test('archive is refused before the decommission month has passed', async () => {
    for (const s of w.mgn.servers) s.lifeCycleState = 'CUTOVER';
    const r = await estate(w, 'migrate archive --wave wave-1', '2026-08-31T23:00:00Z');
    expect(r.code).toBe(1);
    expect(r.out).toContain("the wave's decommission month 2026-08 has not passed");
    expect(w.mgn.requests.some((q) => q.op === 'MarkAsArchived')).toBe(false);
  });

  test('every new command has --help (exit 0)', async () => {
    for (const c of ['init', 'test', 'mark-ready', 'revert', 'cutover', 'finalize', 'archive', 'adopt']) {
      const io = captureIo();
      expect(await runCli(['migrate', c, '--help'], io)).toBe(0);
      expect(io.out()).toContain(`migrate ${c}`);
    }
  });
});

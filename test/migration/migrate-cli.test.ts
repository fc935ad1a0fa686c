/**
 * `migrate configure / status / adopt` with the real @aws-sdk/client-mgn against a local MGN
 * endpoint (test/support/fake-mgn.ts), on the bundled Peterborough plan's wave 1.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { serverEntry } from '../../lib/estate-model/routes/entry-route';
import { loadPlan } from '../../lib/plan';
import { captureIo } from '../cli/capture-io';
import { startFakeMgn, type FakeMgn, type FakeSourceServer } from '../support/fake-mgn';

const PLAN = 'migration-plans/peterborough';
const plan = loadPlan(PLAN);
const wave1 = plan.servers.filter((s) => s.wave === 'wave-1' && serverEntry(s).route === 'mgn');
const apps = [...new Set(wave1.map((s) => s.application))].sort();
const hex = (n: number) => n.toString(16).padStart(17, '0');

function env(mgn: FakeMgn) {
  return { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL: mgn.endpoint };
}

async function freshMgn(extra: Partial<FakeSourceServer>[] = [], named = true): Promise<FakeMgn> {
  return startFakeMgn({
    servers: [
      ...wave1.map((s, i) => ({
        sourceServerID: `s-${hex(i + 1)}`,
        // MGN reports what the agent saw: lower-case and fully qualified here.
        hostname: `${s.hostname.toLowerCase()}.council.local`,
        tags: {},
        launch: {
          copyTags: false,
          targetInstanceTypeRightSizingMethod: 'BASIC',
          launchDisposition: 'STARTED',
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
    applications: named ? apps.map((a, i) => ({ applicationID: `app-${hex(i + 1)}`, name: a })) : [],
    waves: named ? [{ waveID: `wave-${hex(1)}`, name: 'wave-1' }] : [],
  });
}

async function run(argv: string[], mgn: FakeMgn) {
  const io = captureIo(process.cwd(), '2027-01-15T00:00:00Z', env(mgn));
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('migrate configure --wave wave-1', () => {
  let mgn: FakeMgn;
  beforeEach(async () => {
    mgn = await freshMgn([{}]);
  });
  afterEach(() => mgn.close());

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

    const before = mgn.mutations().length;
    const second = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(second.code).toBe(0);
    expect(second.out).toContain('Nothing to change.');
    expect(mgn.mutations().length).toBe(before);
  });

  test('--dry-run lists the changes and changes nothing', async () => {
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1', '--dry-run'], mgn);
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      `would change ${wave1[0]!.id}: AssociateSourceServers, UpdateLaunchConfiguration, TagResource`,
    );
    expect(r.out).toContain('Dry run: nothing was changed.');
    expect(mgn.mutations()).toEqual([]);
  });

  test('throttling is retried by the client', async () => {
    mgn.throttle('UpdateLaunchConfiguration', 2);
    mgn.throttle('DescribeSourceServers', 1);
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(r.code).toBe(0);
    expect(mgn.requests.filter((q) => q.op === 'DescribeSourceServers').length).toBe(2);
    expect(mgn.servers.every((s) => s.hostname === 'UNPLANNED01' || s.launch.copyTags === true)).toBe(true);
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

test('creates the MGN wave and applications when MGN has none, then configures; re-run is a no-op', async () => {
  const mgn = await freshMgn([], false);
  try {
    const dry = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1', '--dry-run'], mgn);
    expect(dry.out).toContain('would create MGN wave wave-1');
    expect(mgn.mutations()).toEqual([]);
    const r = await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(r.code).toBe(0);
    expect(mgn.waves.map((w) => w.name)).toEqual(['wave-1']);
    expect(mgn.applications.map((a) => a.name).sort()).toEqual(apps);
    for (const a of mgn.applications) expect(a.waveID).toBe(mgn.waves[0]!.waveID);
    const before = mgn.mutations().length;
    await run(['migrate', 'configure', '--plan', PLAN, '--wave', 'wave-1'], mgn);
    expect(mgn.mutations().length).toBe(before);
  } finally {
    await mgn.close();
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
      await mgn.close();
    }
  });

  test('adopt records cut-over instances atomically; the next run adds nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'adopt-'));
    cpSync(PLAN, dir, { recursive: true });
    const mgn = await freshMgn();
    try {
      mgn.servers[0]!.lifeCycleState = 'CUTOVER';
      mgn.servers[0]!.launchedInstanceId = 'i-0abc1234def567890';
      const r = await run(['migrate', 'adopt', '--plan', dir, '--wave', 'wave-1'], mgn);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`adopt  ${wave1[0]!.id}: i-0abc1234def567890`);
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
      expect(again.out).toContain('Nothing new to adopt.');
    } finally {
      await mgn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * `estate migrate db start|status|stop --wave` through the real DMS client against a local DMS
 * endpoint that follows DMS Serverless's documented replication states: each replication of the
 * wave is started once (a re-run calls nothing), status reports each, stop stops the running ones.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { dmsDatabasesOf } from '../../lib/migration/dms/db-plan';
import { dmsReplicationConfigId } from '../../lib/migration/dms/replication-id';
import { loadPlan } from '../../lib/plan';
import { captureIo } from '../cli/capture-io';
import { dmsConfigArn, startFakeDms, type FakeDms } from '../support/fake-dms';
import { buildEstateModel } from '../../lib/estate-model';

// The bundled plan, with wave 3's two SQL Server databases both moving with DMS (and a PostgreSQL
// one that does not): a wave with several replications.
const PLAN = mkdtempSync(join(tmpdir(), 'migrate-db-'));
cpSync('migration-plans/peterborough', PLAN, { recursive: true });
const dbFile = join(PLAN, 'databases.yaml');
writeFileSync(
  dbFile,
  readFileSync(dbFile, 'utf8').replace(
    /(  - id: hr-db\n(?: {4}.*\n)*? {4}strategy: replatform\n)/,
    '$1    entryRoute: dms\n',
  ),
);
const plan = loadPlan(PLAN);
const wave = plan.waves.find((w) => dmsDatabasesOf(buildEstateModel(plan), w).length > 0)!;
const ids = dmsDatabasesOf(buildEstateModel(plan), wave).map((d) => dmsReplicationConfigId(d.id));

let dms: FakeDms;
beforeEach(async () => {
  dms = await startFakeDms(ids);
});
afterEach(() => dms.close());

async function run(...argv: string[]) {
  const io = captureIo(process.cwd(), '2027-01-15T00:00:00Z', {
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE: dms.endpoint,
  });
  const code = await runCli(['migrate', 'db', ...argv, '--plan', PLAN, '--wave', wave.id], io);
  return { code, out: io.out(), err: io.err() };
}

const starts = () => dms.calls.filter((c) => c.op === 'StartReplication');

test('the bundled plan has a wave with several DMS databases', () => {
  expect(ids.length).toBeGreaterThanOrEqual(2);
});

test("db start starts each of the wave's replications once; a re-run is a no-op", async () => {
  const first = await run('start');
  expect(first.code).toBe(0);
  expect(starts().map((c) => c.body)).toEqual(
    ids.map((id) => ({ ReplicationConfigArn: dmsConfigArn(id), StartReplicationType: 'start-replication' })),
  );
  const again = await run('start');
  expect(again.code).toBe(0);
  expect(starts()).toHaveLength(ids.length);
  expect(again.out).toMatch(/ok {6}\S+: already initializing|ok {6}\S+: already \w+/);
  // Status walks the documented states until running; start is still a no-op once running.
  let status = await run('status');
  for (let i = 0; i < 10 && !/running/.test(status.out); i++) status = await run('status');
  expect(status.code).toBe(0);
  for (const db of dmsDatabasesOf(buildEstateModel(plan), wave))
    expect(status.out).toMatch(new RegExp(`${db.id} .* running`));
  await run('start');
  expect(starts()).toHaveLength(ids.length);
});

test('dry run calls nothing', async () => {
  const r = await run('start', '--dry-run');
  expect(r.code).toBe(0);
  expect(r.out).toContain('would');
  expect(starts()).toHaveLength(0);
});

test('stop stops the running ones; a stopped replication is resumed, not reloaded', async () => {
  for (const id of ids) dms.status.set(id, 'running');
  const stop = await run('stop');
  expect(stop.code).toBe(0);
  expect(dms.calls.filter((c) => c.op === 'StopReplication')).toHaveLength(ids.length);
  await run('status'); // stopping -> stopped
  const again = await run('stop');
  expect(again.code).toBe(0);
  expect(dms.calls.filter((c) => c.op === 'StopReplication')).toHaveLength(ids.length);
  await run('start');
  expect(starts().map((c) => c.body.StartReplicationType)).toEqual(ids.map(() => 'resume-processing'));
});

test("one database's failure is reported and the others still start; exit 1", async () => {
  dms.failStart(ids[0]!, 'AccessDeniedFault');
  const r = await run('start');
  expect(r.code).toBe(1);
  expect(r.out).toContain(
    `FAILED  ${dmsDatabasesOf(buildEstateModel(plan), wave)[0]!.id}: StartReplication (start-replication): AccessDeniedFault`,
  );
  expect(starts()).toHaveLength(ids.length);
});

test('a replication config DMS does not know is reported: deploy the wave stack first', async () => {
  await dms.close();
  dms = await startFakeDms(ids.slice(1));
  const r = await run('start');
  expect(r.code).toBe(1);
  expect(r.out).toContain('MISSING');
  expect(r.out).toContain('deploy the wave stack first');
});

test('--help exits 0 for each db command', async () => {
  for (const verb of ['start', 'status', 'stop']) {
    const io = captureIo();
    expect(await runCli(['migrate', 'db', verb, '--help'], io)).toBe(0);
    expect(io.out()).toContain(`migrate db ${verb} --wave ID`);
  }
});

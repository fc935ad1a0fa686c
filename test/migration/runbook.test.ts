/** Wave runbooks for the bundled plan: every item of each wave, the commands of each route. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../lib/cli';
import { databaseEntry, serverEntry } from '../../lib/estate-model/routes/entry-route';
import { runbookHtml, waveRunbook } from '../../lib/migration/runbook';
import { loadPlan } from '../../lib/plan';
import { captureIo } from '../cli/capture-io';
import { buildPlan, separateNonProductionInput } from '../support/plan-builder';
import { buildEstateModel } from '../../lib/estate-model';

const PLAN = 'migration-plans/peterborough';
const plan = loadPlan(PLAN);

test('the bundled example exercises every entry route at least once', () => {
  const servers = new Set(plan.servers.map((s) => serverEntry(s).route));
  const databases = new Set(plan.databases.map((d) => databaseEntry(d).route));
  for (const r of ['mgn', 'vm-import', 'rebuild']) expect(servers).toContain(r);
  for (const r of ['dms', 'native-backup', 'dump-restore']) expect(databases).toContain(r);
});

describe('migrate runbook writes every wave', () => {
  const out = mkdtempSync(join(tmpdir(), 'runbooks-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  test('Markdown and HTML per wave, listing every server and database of the wave', async () => {
    const io = captureIo();
    expect(await runCli(['migrate', 'runbook', '--plan', PLAN, '--out', out], io)).toBe(0);
    for (const wave of plan.waves) {
      const md = readFileSync(join(out, `${wave.id}.md`), 'utf8');
      const html = readFileSync(join(out, `${wave.id}.html`), 'utf8');
      const items = [
        ...plan.servers.filter((s) => s.wave === wave.id).map((s) => [s.id, serverEntry(s).route]),
        ...plan.databases.filter((d) => d.wave === wave.id).map((d) => [d.id, databaseEntry(d).route]),
      ];
      expect(items.length).toBeGreaterThan(0);
      for (const [id, route] of items) {
        expect(md).toMatch(new RegExp(`\\| ${id} \\|[^\\n]*\\| ${route} \\|`));
        expect(html).toContain(`<td>${id}</td>`);
      }
    }
  });
});

test('each database route gets its own exact commands', () => {
  const all = plan.waves
    .map((w) => JSON.stringify(waveRunbook(buildEstateModel(plan), w.id).sections))
    .join('\n');
  expect(all).toContain('npm run estate -- migrate db stop --wave');
  expect(all).toContain('msdb.dbo.rds_restore_database');
  expect(all).toContain('rdsadmin.rdsadmin_s3_tasks.download_from_s3');
  expect(all).toContain('pg_dump -Fc');
  expect(all).toContain('mysqldump --single-transaction');
  expect(all).toContain('npm run estate -- migrate cutover --wave');
  expect(all).not.toMatch(/aws (mgn|dms) /);
});

test("each dms database's runbook has the DBA create its source secret by name, with the estate secrets key", () => {
  const dms = plan.databases.filter((d) => databaseEntry(d).route === 'dms');
  expect(dms.length).toBeGreaterThan(0);
  for (const d of dms) {
    const steps = waveRunbook(buildEstateModel(plan), d.wave).sections.flatMap((s) => s.steps);
    const create = steps.find((s) => s.command?.startsWith('aws secretsmanager create-secret'));
    expect(create?.command).toContain(
      `--name peterborough/dms-source/${d.id} --kms-key-id alias/peterborough/secrets`,
    );
    expect(create?.text).toContain('before the wave stack is deployed');
  }
});

test('HTML escapes plan text', () => {
  const html = runbookHtml(waveRunbook(buildEstateModel(plan), 'wave-1'));
  expect(html).not.toMatch(/<the wave stacks/);
  expect(html).toContain('npx cdk deploy &lt;the wave stacks of this wave&gt;');
});

test('migrate export-csv writes one MGN import row per mgn server, with the planned instance type', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mgn-csv-'));
  try {
    const io = captureIo();
    const file = join(dir, 'import.csv');
    expect(await runCli(['migrate', 'export-csv', '--plan', PLAN, '--out', file], io)).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'mgn:app:name,mgn:wave:name,mgn:server:user-provided-id,mgn:server:fqdn-for-action-framework,mgn:server:platform,mgn:launch:instance-type',
    );
    const shown = JSON.parse(await showJson()) as { servers: { id: string; instanceType: string | null }[] };
    const mgn = plan.servers.filter((s) => serverEntry(s).route === 'mgn');
    expect(lines.slice(1)).toEqual(
      mgn.map((s) =>
        [
          s.application,
          s.wave,
          s.id,
          s.hostname,
          s.os.family === 'windows' ? 'WINDOWS' : 'LINUX',
          shown.servers.find((x) => x.id === s.id)!.instanceType,
        ].join(','),
      ),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function showJson(): Promise<string> {
  const io = captureIo();
  expect(await runCli(['plan', 'show', '--plan', PLAN, '--json'], io)).toBe(0);
  return io.out();
}

test('with a separate non-production account, each wave deploys its stacks in their own account', () => {
  const input = separateNonProductionInput();
  const separate = buildPlan(input);
  const deploys = (wave: string) =>
    waveRunbook(buildEstateModel(separate), wave)
      .sections.flatMap((s) => s.steps)
      .filter((s) => s.command?.startsWith('npx cdk deploy'))
      .map((s) => s.command);
  expect(deploys('wave-1')).toEqual([
    "npx cdk deploy 'Testshire-NonProduction-Wave01-*' --profile <non-production account profile>",
  ]);
  expect(deploys('wave-2')).toEqual([
    "npx cdk deploy 'Testshire-Wave02-*' --profile <production account profile>",
  ]);
  // One account: the command is unchanged.
  expect(
    waveRunbook(buildEstateModel(buildPlan()), 'wave-2')
      .sections.flatMap((s) => s.steps)
      .filter((s) => s.command?.startsWith('npx cdk deploy'))
      .map((s) => s.command),
  ).toEqual(["npx cdk deploy 'Testshire-Wave02-*'"]);
});

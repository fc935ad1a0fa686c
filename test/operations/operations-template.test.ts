/**
 * The bundled example (migration-plans/peterborough), synthesized once: every EC2 instance has CPU,
 * memory and disk alarms and every RDS instance CPU, storage, memory and connection alarms, each
 * telling its application's topic; every server is in exactly one patch group and one maintenance
 * window that exist; no redundant pair shares a window; no window overlaps a backup window.
 */
import { join } from 'node:path';
import { buildEstateModel, type ServerDecision } from '../../lib/estate-model';
import { instanceIdentifierFor } from '../../lib/database';
import { backupOverlapsOf, PATCH_OPERATING_SYSTEM, rdsBackupOverlapsOf } from '../../lib/operations';
import { loadPlan } from '../../lib/plan';
import { bundledEstateStacks } from '../landing-zone/support/estate';

type Json = Record<string, unknown>;
interface Resource {
  readonly Type: string;
  readonly Properties: Json;
}

const plan = loadPlan(join(__dirname, '..', '..', 'migration-plans', 'peterborough'));
const model = buildEstateModel(plan);
// Templates only: read from the bundled example's assembly every test file shares.
const templates = bundledEstateStacks('peterborough').map((s) => ({
  stack: s.stackName,
  resources: s.template.Resources as Record<string, Resource>,
}));
const all = templates.flatMap((t) =>
  Object.entries(t.resources).map(([id, r]) => ({ stack: t.stack, id, ...r })),
);
const alarms = all.filter((r) => r.Type === 'AWS::CloudWatch::Alarm');

function tag(r: { Properties: Json }, key: string): string[] {
  return ((r.Properties.Tags ?? []) as { Key: string; Value: string }[])
    .filter((t) => t.Key === key)
    .map((t) => t.Value);
}

/** The topic name an alarm action points at (`arn:...:sns:region:account:<name>`, possibly a join). */
function topicNames(actions: unknown): string[] {
  return ((actions ?? []) as unknown[]).map((a) => {
    const text = JSON.stringify(a);
    const m =
      /:sns:[^"]*?:(?:\d{12}|")?:?([A-Za-z0-9_-]+)"/.exec(text) ??
      /([A-Za-z0-9-]+-alerts-[a-z0-9-]+)/.exec(text);
    return m ? m[1]! : text;
  });
}

function dimension(alarm: { Properties: Json }, name: string): unknown {
  return ((alarm.Properties.Dimensions ?? []) as { Name: string; Value: unknown }[]).find(
    (d) => d.Name === name,
  )?.Value;
}

const instances = all.filter((r) => r.Type === 'AWS::EC2::Instance');
const databases = all.filter((r) => r.Type === 'AWS::RDS::DBInstance');

test('the example has servers and databases to check', () => {
  expect(instances.length).toBeGreaterThan(5);
  expect(databases.length).toBeGreaterThan(5);
});

test('every EC2 instance has CPU, memory and disk alarms to its application topic', () => {
  const missing: string[] = [];
  for (const instance of instances) {
    const app = tag(instance, 'Application')[0]!;
    const mine = alarms.filter(
      (a) =>
        a.stack === instance.stack &&
        JSON.stringify(dimension(a, 'InstanceId')) === JSON.stringify({ Ref: instance.id }),
    );
    const metrics = mine.map((a) => a.Properties.MetricName).sort();
    const wanted = ['CPUUtilization', 'mem_used_percent'];
    for (const w of wanted) if (!metrics.includes(w)) missing.push(`${instance.id}: no ${w} alarm`);
    if (!metrics.some((m) => m === 'disk_used_percent' || m === 'disk_free_percent'))
      missing.push(`${instance.id}: no disk alarm`);
    for (const a of mine.filter(
      (x) =>
        x.Properties.MetricName !== 'StatusCheckFailed_System' &&
        x.Properties.MetricName !== 'StatusCheckFailed_Instance',
    )) {
      const topics = topicNames(a.Properties.AlarmActions);
      if (topics.length !== 1 || topics[0] !== `peterborough-alerts-${app}`)
        missing.push(`${a.id}: tells ${topics.join(', ')}, not ${app}'s topic`);
    }
  }
  expect(missing).toEqual([]);
});

test('every RDS instance has CPU, storage, memory and connection alarms to its application topic', () => {
  const missing: string[] = [];
  for (const db of databases) {
    const app = tag(db, 'Application')[0]!;
    const identifier = db.Properties.DBInstanceIdentifier;
    const mine = alarms.filter((a) => dimension(a, 'DBInstanceIdentifier') === identifier);
    const metrics = mine.map((a) => a.Properties.MetricName).sort();
    expect(metrics).toEqual(['CPUUtilization', 'DatabaseConnections', 'FreeStorageSpace', 'FreeableMemory']);
    for (const a of mine) {
      const topics = topicNames(a.Properties.AlarmActions);
      if (topics.length !== 1 || topics[0] !== `peterborough-alerts-${app}`)
        missing.push(`${a.id}: tells ${topics.join(', ')}`);
    }
  }
  expect(missing).toEqual([]);
  // The identifiers alarmed are the ones the estate model's databases get.
  const ids = model.databases
    .filter((d) => d.landingZone)
    .map((d) => instanceIdentifierFor('peterborough', d.id));
  expect(databases.map((d) => d.Properties.DBInstanceIdentifier).sort()).toEqual([...ids].sort());
});

test("each application's topic exists, KMS-encrypted, in the Operations stack", () => {
  const topics = all.filter((r) => r.Type === 'AWS::SNS::Topic' && r.stack === 'Peterborough-Operations');
  for (const app of plan.applications) {
    const topic = topics.find((t) => t.Properties.TopicName === `peterborough-alerts-${app.id}`);
    expect(topic).toBeDefined();
    expect(topic!.Properties.KmsMasterKeyId).toBeDefined();
  }
  const subscriptions = all.filter((r) => r.Type === 'AWS::SNS::Subscription');
  expect(
    subscriptions.some(
      (s) => s.Properties.Endpoint === 'ict-infrastructure-oncall@peterborough-council.example',
    ),
  ).toBe(true);
});

const baselines = all.filter((r) => r.Type === 'AWS::SSM::PatchBaseline');
const windows = all.filter((r) => r.Type === 'AWS::SSM::MaintenanceWindow');
const windowTargets = all.filter((r) => r.Type === 'AWS::SSM::MaintenanceWindowTarget');

test('every server is in exactly one patch group and one maintenance window, both of which exist', () => {
  const groups = new Set(baselines.flatMap((b) => b.Properties.PatchGroups as string[]));
  const targeted = new Set(
    windowTargets.flatMap((t) =>
      (t.Properties.Targets as { Key: string; Values: string[] }[])
        .filter((x) => x.Key === 'tag:MaintenanceWindow')
        .flatMap((x) => x.Values),
    ),
  );
  const names = new Set(windows.map((w) => w.Properties.Name as string));
  const problems: string[] = [];
  for (const instance of instances) {
    const g = tag(instance, 'PatchGroup');
    const w = tag(instance, 'MaintenanceWindow');
    if (g.length !== 1 || !groups.has(g[0]!)) problems.push(`${instance.id}: patch groups ${g.join(', ')}`);
    if (w.length !== 1 || !names.has(w[0]!) || !targeted.has(w[0]!))
      problems.push(`${instance.id}: windows ${w.join(', ')}`);
  }
  expect(problems).toEqual([]);
  // Each baseline serves one patch group, and each group has one baseline.
  expect(baselines.every((b) => (b.Properties.PatchGroups as string[]).length === 1)).toBe(true);
  expect(groups.size).toBe(baselines.length);
  // One baseline per OS family present among the estate's servers, no other.
  const present = model.servers
    .filter((s): s is ServerDecision => s.landingZone)
    .map((s) => PATCH_OPERATING_SYSTEM[s.operations.patchFamily]);
  expect(new Set(baselines.map((b) => b.Properties.OperatingSystem))).toEqual(new Set(present));
  expect(new Set(present).size).toBeGreaterThanOrEqual(3);
});

test('non-production servers get patches first, gold last', () => {
  const delay = (name: string) =>
    (
      (
        baselines.find((b) => (b.Properties.PatchGroups as string[])[0] === name)!.Properties
          .ApprovalRules as Json
      ).PatchRules as Json[]
    )[0]!.ApproveAfterDays as number;
  const windowsGroups = baselines
    .map((b) => (b.Properties.PatchGroups as string[])[0]!)
    .filter((n) => n.includes('-windows-server-'));
  const byClass = Object.fromEntries(
    windowsGroups.map((n) => [n.replace('peterborough-windows-server-', ''), delay(n)]),
  );
  expect(byClass['gold']).toBeGreaterThan(byClass['bronze'] ?? -1);
  if (byClass['non-production'] !== undefined)
    expect(byClass['non-production']).toBeLessThan(byClass['gold']!);
});

test('no two servers of a redundant pair (one role, different zones) share a maintenance window', () => {
  const servers = model.servers.filter((s): s is ServerDecision => s.landingZone);
  const windowOf = new Map(instances.map((i) => [tag(i, 'ServerId')[0]!, tag(i, 'MaintenanceWindow')[0]!]));
  let pairs = 0;
  const clashes: string[] = [];
  for (const a of servers) {
    for (const b of servers) {
      if (a.id >= b.id || a.placement.group !== b.placement.group) continue;
      if (a.placement.availabilityZone === b.placement.availabilityZone) continue;
      pairs++;
      const wa = windowOf.get(a.id) ?? a.operations.maintenanceWindow.name;
      const wb = windowOf.get(b.id) ?? b.operations.maintenanceWindow.name;
      if (wa === wb) clashes.push(`${a.id} and ${b.id} share ${wa}`);
    }
  }
  expect(pairs).toBeGreaterThan(3);
  expect(clashes).toEqual([]);
});

test('no maintenance window overlaps a backup window (servers and RDS)', () => {
  const days = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
  const overlaps: string[] = [];
  for (const w of windows) {
    const m = /^cron\(0 (\d+) \? \* ([A-Z]{3}) \*\)$/.exec(w.Properties.Schedule as string)!;
    expect(w.Properties.ScheduleTimezone).toBe('Etc/UTC');
    const decision = {
      dayOfWeek: days.indexOf(m[2]!),
      startHour: Number(m[1]),
      durationHours: w.Properties.Duration as number,
    };
    const found = backupOverlapsOf(decision as never);
    if (found.length > 0) overlaps.push(`${w.Properties.Name as string}: ${found.join(', ')}`);
  }
  for (const db of databases) {
    const found = rdsBackupOverlapsOf(
      db.Properties.PreferredMaintenanceWindow as string,
      db.Properties.PreferredBackupWindow as string,
    );
    if (found.length > 0)
      overlaps.push(`${db.Properties.DBInstanceIdentifier as string}: ${found.join(', ')}`);
    expect(db.Properties.AutoMinorVersionUpgrade).toBe(true);
  }
  expect(windows.length).toBeGreaterThan(3);
  expect(overlaps).toEqual([]);
});

test('the overlap check finds an overlap when there is one', () => {
  expect(backupOverlapsOf({ dayOfWeek: 3, startHour: 2, durationHours: 2 } as never)).toContain(
    'gold Daily backups',
  );
  expect(backupOverlapsOf({ dayOfWeek: 3, startHour: 23, durationHours: 3 } as never)).toContain(
    'gold Daily backups',
  );
  expect(rdsBackupOverlapsOf('wed:00:10-wed:00:40', '00:00-00:30')).toEqual(['RDS automated backups']);
});

test('the CloudWatch agent configuration is applied by tag, never by instance id', () => {
  const associations = all.filter((r) => r.Type === 'AWS::SSM::Association');
  const agent = associations.filter((a) => a.Properties.Name === 'AmazonCloudWatch-ManageAgent');
  expect(agent.map((a) => (a.Properties.Parameters as Json).optionalConfigurationLocation).sort()).toEqual([
    ['/estate/peterborough/operations/cloudwatch-agent/linux'],
    ['/estate/peterborough/operations/cloudwatch-agent/windows'],
  ]);
  const ours = associations.filter((a) =>
    /^peterborough-(cloudwatch-agent-|patch-scan)/.test(String(a.Properties.AssociationName)),
  );
  expect(ours.length).toBe(4);
  for (const a of ours) {
    for (const t of (a.Properties.Targets ?? []) as { Key: string; Values: string[] }[]) {
      expect(t.Key).not.toBe('InstanceIds');
      expect(t.Values.length).toBeLessThanOrEqual(50);
    }
  }
});

test('a composite alarm per application, a dashboard per wave and one for the estate', () => {
  const composites = all.filter((r) => r.Type === 'AWS::CloudWatch::CompositeAlarm');
  const apps = new Set(instances.concat(databases).map((r) => tag(r, 'Application')[0]!));
  for (const app of apps)
    expect(composites.some((c) => c.Properties.AlarmName === `peterborough-application-${app}`)).toBe(true);
  const dashboards = all
    .filter((r) => r.Type === 'AWS::CloudWatch::Dashboard')
    .map((d) => d.Properties.DashboardName as string);
  expect(dashboards).toContain('peterborough-estate');
  const waves = new Set(model.servers.filter((s) => s.landingZone).map((s) => s.wave));
  expect(dashboards.length).toBe(waves.size + 1);
});

test('backup job failures of every server and database reach the application topic', () => {
  const rules = all.filter(
    (r) =>
      r.Type === 'AWS::Events::Rule' &&
      JSON.stringify(r.Properties.EventPattern).includes('Backup Job State Change'),
  );
  for (const rule of rules) expect(JSON.stringify(rule.Properties.EventPattern).length).toBeLessThan(2048);
  const listed = rules.reduce(
    (n, r) => n + (((r.Properties.EventPattern as Json).detail as Json).resourceArn as unknown[]).length,
    0,
  );
  expect(listed).toBe(instances.length + databases.length + plan.adopted.length);
});

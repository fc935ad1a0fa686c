/**
 * `estate plan show [dir] [--json]`: the plan as tables (waves, servers with their right-sized
 * EC2 type and why, databases with their RDS class and why), or the same as JSON.
 */
import { EXIT, type Command } from './command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from './plan-dir';
import { loadPlanForCli } from './plan-load';
import { formatTable } from './plan-table';
import { planShowModel, type PlanShowModel } from './plan-show-model';

export * from './plan-show-model';

function mark(type: string | null, overridden: boolean): string {
  return type === null ? '-' : overridden ? `${type} (set)` : type;
}

function wavesTable(m: PlanShowModel): string[] {
  return [
    `Waves (${m.waves.length})`,
    ...formatTable(
      ['ORDER', 'ID', 'NAME', 'CUTOVER', 'DECOMMISSION', 'SERVERS', 'DATABASES'],
      m.waves.map((w) => [
        String(w.order),
        w.id,
        w.name,
        w.cutover,
        w.decommission,
        String(w.servers),
        String(w.databases),
      ]),
    ),
  ];
}

const SERVER_COLUMNS = [
  'ID',
  'HOSTNAME',
  'APPLICATION',
  'WAVE',
  'STRATEGY',
  'ROUTE',
  'VCPU',
  'MEM GIB',
  'DISK GIB',
  'INSTANCE TYPE',
  'AZ',
  'ACCOUNT',
  'REASON',
];

function serversTable(m: PlanShowModel): string[] {
  return [
    `Servers (${m.servers.length})`,
    ...formatTable(
      SERVER_COLUMNS,
      m.servers.map((s) => [
        s.id,
        s.hostname,
        s.application,
        s.wave,
        s.strategy,
        s.entryRoute,
        String(s.vcpu),
        String(s.memoryGiB),
        String(s.diskGiB),
        mark(s.instanceType, s.overridden),
        s.availabilityZone ?? '-',
        s.account ?? '-',
        s.reason,
      ]),
    ),
  ];
}

const DATABASE_COLUMNS = [
  'ID',
  'APPLICATION',
  'WAVE',
  'ENGINE',
  'EDITION',
  'VERSION',
  'SIZE GIB',
  'HA',
  'STRATEGY',
  'ROUTE',
  'INSTANCE CLASS',
  'ACCOUNT',
  'REASON',
];

function databasesTable(m: PlanShowModel): string[] {
  return [
    `Databases (${m.databases.length})`,
    ...formatTable(
      DATABASE_COLUMNS,
      m.databases.map((d) => [
        d.id,
        d.application,
        d.wave,
        d.engine,
        d.edition ?? '-',
        d.version,
        String(d.sizeGiB),
        d.highAvailability ? 'yes' : 'no',
        d.strategy,
        d.entryRoute,
        mark(d.instanceClass, d.overridden),
        d.account ?? '-',
        d.reason,
      ]),
    ),
  ];
}

function accountsTable(m: PlanShowModel): string[] {
  return [
    `Accounts (${m.accounts.length})`,
    ...formatTable(
      ['ROLE', 'ACCOUNT', 'STACKS', 'VPC', 'APPLICATIONS'],
      m.accounts.map((a) => [
        a.role,
        a.account,
        a.stacks,
        a.vpcCidr ?? '-',
        a.applications.length > 0 ? a.applications.join(', ') : '-',
      ]),
    ),
  ];
}

function warningsSection(m: PlanShowModel): string[] {
  return m.warnings.length > 0
    ? ['', `Warnings (${m.warnings.length})`, ...m.warnings.map((w) => `  ${w}`)]
    : [];
}

/** Pure: the text tables. */
export function formatPlanShow(m: PlanShowModel): string {
  const lines = [
    `Plan ${m.plan}: ${m.estate.name} (${m.estate.id}), account ${m.estate.account}, ${m.estate.region}`,
    '',
    ...wavesTable(m),
    '',
    ...serversTable(m),
    '',
    ...databasesTable(m),
    '',
    ...accountsTable(m),
    ...warningsSection(m),
  ];
  return `${lines.join('\n')}\n`;
}

export const planShowCommand: Command = {
  path: ['plan', 'show'],
  summary: 'Show waves, servers (with right-sized EC2 types) and databases of a plan',
  usage: [
    'Usage: npm run estate -- plan show [--plan DIR | DIR] [--json]',
    '',
    'Prints the plan as aligned tables: waves; servers with the EC2 instance type chosen by',
    'right-sizing, the availability zone and a one-line reason ("(set)" marks a type fixed in the',
    "plan); databases with the RDS instance class, Multi-AZ (HA) and the reasons; then the plan's",
    'warnings (software leaving support with its date and source, VPC-wide flow sources, quotas).',
    "Every figure is the estate model's decision, the same one the stacks and the cost estimate use.",
    'ACCOUNT is the workload account a server or database is deployed to; the Accounts table lists',
    "each account's stacks (a `cdk deploy` pattern), VPC and applications, then the backup account.",
    '',
    'Options:',
    planOptionHelp(),
    '                  (or give it as the one argument: plan show DIR)',
    '  --json          print the same as JSON, with the estate model\'s decisions under "model"',
    '',
    'Exit codes: 0 shown, 2 the plan has problems (each printed on its own line).',
  ].join('\n'),
  options: { ...PLAN_OPTION, json: { type: 'boolean' } },
  async run(args, io) {
    const dir = resolvePlanDir(args, io, { positional: true });
    const plan = loadPlanForCli(dir, io);
    if (!plan) return EXIT.badInput;
    const model = planShowModel(plan, dir.shown);
    io.stdout(args.values.json === true ? `${JSON.stringify(model, null, 2)}\n` : formatPlanShow(model));
    return EXIT.ok;
  },
};

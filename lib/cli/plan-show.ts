/**
 * `estate plan show [dir] [--json]`: the plan as tables (waves, servers with their right-sized
 * EC2 type and why, databases with their RDS class and why), or the same as JSON.
 */
import { databaseEntry, serverEntry } from '../estate-model/routes/entry-route';
import { buildEstateModel, type EstateModel } from '../estate-model';
import { formatProblem, type Plan } from '../plan';
import { EXIT, type Command } from './command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from './plan-dir';
import { loadPlanForCli } from './plan-load';
import { formatTable } from './plan-table';
import { estateStackName } from '../shared/naming';

export interface ShownWave {
  readonly order: number;
  readonly id: string;
  readonly name: string;
  readonly cutover: string;
  readonly decommission: string;
  readonly servers: number;
  readonly databases: number;
}

export interface ShownServer {
  readonly id: string;
  readonly hostname: string;
  readonly application: string;
  readonly wave: string;
  readonly strategy: string;
  /** How it arrives (lib/estate-model/routes/entry-route.ts); `none` when it gets no landing zone. */
  readonly entryRoute: string;
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly diskGiB: number;
  /** Right-sized (or overridden) EC2 type; null when no instance is built. */
  readonly instanceType: string | null;
  readonly overridden: boolean;
  /** Availability zone the estate model placed it in; null when no instance is built. */
  readonly availabilityZone: string | null;
  /** Workload account its stack goes to (the estate model's decision); null when nothing is built. */
  readonly account: string | null;
  readonly reason: string;
}

export interface ShownDatabase {
  readonly id: string;
  readonly application: string;
  readonly wave: string;
  readonly engine: string;
  readonly edition: string | null;
  readonly version: string;
  readonly sizeGiB: number;
  /** Multi-AZ as the estate model's rule decided it (false when no instance is built). */
  readonly highAvailability: boolean;
  readonly strategy: string;
  /** How its data arrives; `none` when it gets no landing zone. */
  readonly entryRoute: string;
  readonly instanceClass: string | null;
  readonly overridden: boolean;
  /** Workload account its stack goes to (the estate model's decision); null when nothing is built. */
  readonly account: string | null;
  readonly reason: string;
}

/** One account of the estate and what goes there. */
export interface ShownAccount {
  /** `production`, `non-production` (workload accounts that get stacks) or `backup`. */
  readonly role: string;
  readonly account: string;
  /** Stack names deployed there, as a `cdk deploy` pattern, e.g. `Northvale-NonProduction-*`. */
  readonly stacks: string;
  /** VPC CIDR of a workload account; null for the backup account. */
  readonly vpcCidr: string | null;
  /** Applications placed there (workload accounts). */
  readonly applications: readonly string[];
}

export interface PlanShowModel {
  readonly plan: string;
  readonly estate: {
    readonly id: string;
    readonly name: string;
    readonly account: string;
    readonly region: string;
  };
  readonly waves: readonly ShownWave[];
  /** The workload accounts that get stacks (the estate model's `accounts`), then the backup account. */
  readonly accounts: readonly ShownAccount[];
  readonly servers: readonly ShownServer[];
  readonly databases: readonly ShownDatabase[];
  /** The plan's warnings, one line each (`file:line:col path: message`). */
  readonly warnings: readonly string[];
  /** The estate model itself: every decision for every server and database (lib/estate-model). */
  readonly model: EstateModel;
}

/** Pure: what `plan show` displays, read from the estate model (nothing is decided here). */
export function planShowModel(plan: Plan, shownDir: string): PlanShowModel {
  const model = buildEstateModel(plan);
  const serverModels = new Map(model.servers.map((s) => [s.id, s]));
  const databaseModels = new Map(model.databases.map((d) => [d.id, d]));
  const waveOrder = new Map(plan.waves.map((w) => [w.id, w.order]));
  const byWave = <T extends { readonly wave: string; readonly id: string }>(items: readonly T[]): T[] =>
    [...items].sort(
      (a, b) => (waveOrder.get(a.wave) ?? 0) - (waveOrder.get(b.wave) ?? 0) || a.id.localeCompare(b.id),
    );
  return {
    plan: shownDir,
    estate: {
      id: plan.estate.id,
      name: plan.estate.name,
      account: plan.estate.account,
      region: plan.estate.region,
    },
    waves: plan.waves.map((w) => ({
      order: w.order,
      id: w.id,
      name: w.name,
      cutover: w.cutover,
      decommission: w.decommission,
      servers: plan.servers.filter((s) => s.wave === w.id).length,
      databases: plan.databases.filter((d) => d.wave === w.id).length,
    })),
    accounts: shownAccounts(plan, model),
    servers: byWave(plan.servers).map((s) => {
      const m = serverModels.get(s.id)!;
      return {
        id: s.id,
        hostname: s.hostname,
        application: s.application,
        wave: s.wave,
        strategy: s.strategy,
        entryRoute: serverEntry(s).route,
        vcpu: s.vcpu,
        memoryGiB: s.memoryGiB,
        diskGiB: s.disks.reduce((sum, d) => sum + d.sizeGiB, 0),
        instanceType: m.landingZone ? m.size.instanceType : null,
        overridden: m.landingZone ? m.size.overridden : false,
        availabilityZone: m.landingZone ? m.placement.availabilityZone : null,
        account: m.landingZone ? m.stack.account.account : null,
        reason: m.landingZone ? m.size.reason : m.reason,
      };
    }),
    databases: byWave(plan.databases).map((d) => {
      const m = databaseModels.get(d.id)!;
      return {
        id: d.id,
        application: d.application,
        wave: d.wave,
        engine: d.engine,
        edition: 'edition' in d ? d.edition : null,
        version: d.version,
        sizeGiB: d.sizeGiB,
        highAvailability: m.landingZone ? m.highAvailability.multiAz : false,
        strategy: d.strategy,
        entryRoute: databaseEntry(d).route,
        instanceClass: m.landingZone ? m.size.instanceClass : null,
        overridden: m.landingZone ? m.size.overridden : false,
        account: m.landingZone ? m.stack.account.account : null,
        reason: m.landingZone ? `${m.size.reason}; ${m.highAvailability.reason}` : m.reason,
      };
    }),
    warnings: plan.warnings.map(formatProblem),
    model,
  };
}

/**
 * The accounts and the `cdk deploy` pattern of each one's stacks. The production account's stacks
 * have no prefix, so its pattern names the other accounts' patterns it excludes.
 */
function shownAccounts(plan: Plan, model: EstateModel): ShownAccount[] {
  const pattern = (prefix: string): string => `${estateStackName(plan.estate.id, prefix)}*`;
  const backup = pattern('RecoveryVault');
  const elsewhere = [
    ...model.accounts
      .filter((a) => a.account !== plan.accounts.production)
      .map((a) => pattern(a.stackPrefix)),
    ...(plan.accounts.backup !== plan.accounts.production ? [backup] : []),
  ];
  return [
    ...model.accounts.map((a) => ({
      role: a.role,
      account: a.account,
      stacks:
        a.stackPrefix === '' && elsewhere.length > 0
          ? `${pattern('')} except ${elsewhere.join(', ')}`
          : pattern(a.stackPrefix),
      vpcCidr: a.vpcCidr,
      applications: a.applications,
    })),
    { role: 'backup', account: plan.accounts.backup, stacks: backup, vpcCidr: null, applications: [] },
  ];
}

/** Pure: the text tables. */
export function formatPlanShow(m: PlanShowModel): string {
  const mark = (type: string | null, overridden: boolean): string =>
    type === null ? '-' : overridden ? `${type} (set)` : type;
  const lines = [
    `Plan ${m.plan}: ${m.estate.name} (${m.estate.id}), account ${m.estate.account}, ${m.estate.region}`,
    '',
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
    '',
    `Servers (${m.servers.length})`,
    ...formatTable(
      [
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
      ],
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
    '',
    `Databases (${m.databases.length})`,
    ...formatTable(
      [
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
      ],
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
    '',
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
    ...(m.warnings.length > 0
      ? ['', `Warnings (${m.warnings.length})`, ...m.warnings.map((w) => `  ${w}`)]
      : []),
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
    '  --json          print the same as JSON, with the whole estate model under "model"',
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

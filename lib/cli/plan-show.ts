/**
 * `estate plan show [dir] [--json]`: the plan as tables (waves, servers with their right-sized
 * EC2 type and why, databases with their RDS class and why), or the same as JSON.
 */
import { getsLandingZone, applicationOf, type Plan } from '../plan';
import { rightSizeDatabase, rightSizeServer, SizingError } from '../sizing';
import { EXIT, type Command } from './command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from './plan-dir';
import { loadPlanForCli } from './plan-load';
import { formatTable } from './plan-table';

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
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly diskGiB: number;
  /** Right-sized (or overridden) EC2 type; null when no instance is built or none fits. */
  readonly instanceType: string | null;
  readonly overridden: boolean;
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
  readonly highAvailability: boolean;
  readonly strategy: string;
  readonly instanceClass: string | null;
  readonly overridden: boolean;
  readonly reason: string;
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
  readonly servers: readonly ShownServer[];
  readonly databases: readonly ShownDatabase[];
}

const NOT_BUILT = (strategy: string, what: string): string => `strategy ${strategy}: no ${what} is built`;

/** Pure: what `plan show` displays. */
export function planShowModel(plan: Plan, shownDir: string): PlanShowModel {
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
    servers: byWave(plan.servers).map((s) => {
      let sized: { instanceType: string | null; overridden: boolean; reason: string };
      if (!getsLandingZone(s)) {
        sized = { instanceType: null, overridden: false, reason: NOT_BUILT(s.strategy, 'EC2 instance') };
      } else {
        try {
          const d = rightSizeServer(s, applicationOf(plan, s.application));
          sized = { instanceType: d.instanceType, overridden: d.overridden, reason: d.reason };
        } catch (e) {
          if (!(e instanceof SizingError)) throw e;
          sized = { instanceType: null, overridden: false, reason: e.message };
        }
      }
      return {
        id: s.id,
        hostname: s.hostname,
        application: s.application,
        wave: s.wave,
        strategy: s.strategy,
        vcpu: s.vcpu,
        memoryGiB: s.memoryGiB,
        diskGiB: s.disks.reduce((sum, d) => sum + d.sizeGiB, 0),
        ...sized,
      };
    }),
    databases: byWave(plan.databases).map((d) => {
      let sized: { instanceClass: string | null; overridden: boolean; reason: string };
      if (!getsLandingZone(d)) {
        sized = { instanceClass: null, overridden: false, reason: NOT_BUILT(d.strategy, 'RDS instance') };
      } else {
        try {
          const r = rightSizeDatabase(d, applicationOf(plan, d.application));
          sized = { instanceClass: r.instanceClass, overridden: r.overridden, reason: r.reason };
        } catch (e) {
          if (!(e instanceof SizingError)) throw e;
          sized = { instanceClass: null, overridden: false, reason: e.message };
        }
      }
      return {
        id: d.id,
        application: d.application,
        wave: d.wave,
        engine: d.engine,
        edition: 'edition' in d ? d.edition : null,
        version: d.version,
        sizeGiB: d.sizeGiB,
        highAvailability: d.highAvailability,
        strategy: d.strategy,
        ...sized,
      };
    }),
  };
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
        'VCPU',
        'MEM GIB',
        'DISK GIB',
        'INSTANCE TYPE',
        'REASON',
      ],
      m.servers.map((s) => [
        s.id,
        s.hostname,
        s.application,
        s.wave,
        s.strategy,
        String(s.vcpu),
        String(s.memoryGiB),
        String(s.diskGiB),
        mark(s.instanceType, s.overridden),
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
        'INSTANCE CLASS',
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
        mark(d.instanceClass, d.overridden),
        d.reason,
      ]),
    ),
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
    'right-sizing and a one-line reason ("(set)" marks a type fixed in the plan); databases with',
    'the RDS instance class and reason.',
    '',
    'Options:',
    planOptionHelp(),
    '                  (or give it as the one argument: plan show DIR)',
    '  --json          print the same as JSON',
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

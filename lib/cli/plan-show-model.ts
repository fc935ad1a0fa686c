/**
 * What `estate plan show` displays (and prints with `--json`), read from the estate model: nothing
 * is decided here.
 */
import { buildEstateModel, type DatabaseModel, type EstateModel, type ServerModel } from '../estate-model';
import { formatProblem, type Plan } from '../plan';
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
  /** `default`, or `host` (a Dedicated Host for bring-your-own Windows); null when nothing is built. */
  readonly tenancy: 'default' | 'host' | null;
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
  /** RDS storage allocated (planned size + headroom); null when no instance is built. */
  readonly allocatedStorageGiB: number | null;
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
  /** NAT gateways in each workload account's VPC (the estate model's count). */
  readonly natGatewaysPerVpc: number;
  /** The plan's warnings, one line each (`file:line:col path: message`). */
  readonly warnings: readonly string[];
  /**
   * The estate model itself: every decision for every server and database (lib/estate-model),
   * without the plan sections it carries for the stacks (`settings`, `planned`: the plan as read).
   */
  readonly model: Omit<EstateModel, 'settings' | 'planned'>;
}

type PlanServer = Plan['servers'][number];
type PlanDatabase = Plan['databases'][number];

function shownServer(s: PlanServer, m: ServerModel): ShownServer {
  const built = m.landingZone ? m : undefined;
  return {
    id: s.id,
    hostname: s.hostname,
    application: s.application,
    wave: s.wave,
    strategy: s.strategy,
    entryRoute: m.routes.entry.route,
    vcpu: s.vcpu,
    memoryGiB: s.memoryGiB,
    diskGiB: s.disks.reduce((sum, d) => sum + d.sizeGiB, 0),
    instanceType: built?.size.instanceType ?? null,
    overridden: built?.size.overridden ?? false,
    availabilityZone: built?.placement.availabilityZone ?? null,
    account: built?.stack.account.account ?? null,
    tenancy: built?.licensing.tenancy ?? null,
    reason: m.landingZone ? m.size.reason : m.reason,
  };
}

function shownDatabase(d: PlanDatabase, m: DatabaseModel): ShownDatabase {
  const built = m.landingZone ? m : undefined;
  return {
    id: d.id,
    application: d.application,
    wave: d.wave,
    engine: d.engine,
    edition: 'edition' in d ? d.edition : null,
    version: d.version,
    sizeGiB: d.sizeGiB,
    allocatedStorageGiB: built?.storage.allocatedGiB ?? null,
    highAvailability: built?.highAvailability.multiAz ?? false,
    strategy: d.strategy,
    entryRoute: m.routes.entry.route,
    instanceClass: built?.size.instanceClass ?? null,
    overridden: built?.size.overridden ?? false,
    account: built?.stack.account.account ?? null,
    reason: m.landingZone ? `${m.size.reason}; ${m.highAvailability.reason}` : m.reason,
  };
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
      account: model.estate.account,
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
    servers: byWave(plan.servers).map((s) => shownServer(s, serverModels.get(s.id)!)),
    databases: byWave(plan.databases).map((d) => shownDatabase(d, databaseModels.get(d.id)!)),
    natGatewaysPerVpc: model.network.natGatewaysPerVpc,
    warnings: plan.warnings.map(formatProblem),
    model: decisionsOf(model),
  };
}
/** The model's decisions: the plan sections it carries (`settings`, `planned`) are not shown again. */
function decisionsOf(model: EstateModel): Omit<EstateModel, 'settings' | 'planned'> {
  const { settings: _settings, planned: _planned, ...decisions } = model;
  return decisions;
}

/**
 * The accounts and the `cdk deploy` pattern of each one's stacks. The production account's stacks
 * have no prefix, so its pattern names the other accounts' patterns it excludes.
 */
function shownAccounts(plan: Plan, model: EstateModel): ShownAccount[] {
  const pattern = (prefix: string): string => `${estateStackName(plan.estate.id, prefix)}*`;
  const backup = pattern('RecoveryVault');
  const elsewhere = [
    ...model.accounts.filter((a) => a.account !== model.defaultAccount).map((a) => pattern(a.stackPrefix)),
    ...(plan.accounts.backup !== model.defaultAccount ? [backup] : []),
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

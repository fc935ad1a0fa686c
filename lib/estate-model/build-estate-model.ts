/**
 * Builds the estate model from the frozen plan: sizing (lib/sizing), high availability, placement,
 * wave stack, backup tier, image and tags for every server and database. Pure and computed once
 * per plan (memoized on the plan object), so the plan check, the stacks and the commands of one
 * run share one model.
 */
import { PlanError, type PlanProblem } from '../plan/errors';
import {
  applicationOf,
  deepFreeze,
  getsLandingZone,
  type Plan,
  type PlanApplication,
  type PlanDatabase,
  type PlanServer,
} from '../plan/plan';
import type { MigrationStrategy } from '../plan/schema';
import { rightSizeDatabase, rightSizeServer, SizingError } from '../sizing';
import type {
  BackupDecision,
  DatabaseDecision,
  DatabaseModel,
  ServerDecision,
  EstateModel,
  ServerModel,
  StackDecision,
  WaveStackModel,
} from './estate-model';
import { highAvailabilityFor } from './high-availability';
import { imageFor } from './image';
import { pinnedImage } from '../plan/image-lock';
import { databaseRoutes, serverRoutes } from './routes/item-routes';
import { licensingFor } from './licensing';
import { storageDecisionFor } from './database-storage';
import { networkDecisionFor } from './network';
import { estateSettingsFor, plannedItemsFor } from './estate-settings';
import { placeDatabase, placeServer, placementZones } from './placement';
import { waveStackName, waveStackRole } from './stack-names';
import { sharedTags, tagsForDatabase, tagsForServer } from './tag-set';
import { assignWaveStacks } from './wave-assignment';
import { alertsFor, databaseOperationsFor, serverOperationsFor } from './operations';
import {
  accountDecisionFor,
  accountProblems,
  defaultAccountFor,
  workloadAccounts,
  type AccountDecision,
} from './accounts';

interface Outcome {
  /** Complete only when `problems` is empty. */
  readonly model: EstateModel;
  readonly problems: readonly PlanProblem[];
}

const outcomes = new WeakMap<Plan, Outcome>();

/**
 * The estate model of a plan, deep-frozen.
 * @throws PlanError listing every decision the plan makes impossible (sizing, high availability);
 *   plans loaded with ESTATE_PLAN_CHECKS never get here with such problems
 */
export function buildEstateModel(plan: Plan): EstateModel {
  const { model, problems } = outcomeOf(plan);
  if (problems.length > 0) throw new PlanError(problems, plan.source.dir);
  return model;
}

/**
 * The problems that stop the model from being built, in the plan's problem format (the loader adds
 * line and column). A whole-plan check: lib/app's ESTATE_PLAN_CHECKS runs it on every load.
 */
export function estateModelProblems(plan: Plan): readonly PlanProblem[] {
  return outcomeOf(plan).problems;
}

function outcomeOf(plan: Plan): Outcome {
  let outcome = outcomes.get(plan);
  if (!outcome) {
    outcome = decide(plan);
    outcomes.set(plan, outcome);
  }
  return outcome;
}

function backupOf(app: PlanApplication): BackupDecision {
  return {
    tier: app.tier,
    reason: `${app.tier} tier: selected by the ${app.tier} backup plan through the BackupTier tag`,
  };
}

function notBuilt(strategy: string, service: 'EC2' | 'RDS'): string {
  return `strategy ${strategy}: no ${service} instance is built`;
}

/** What every item's decision needs from the whole plan, worked out once. */
interface Context {
  readonly plan: Plan;
  readonly zones: readonly string[];
  readonly waveOrder: ReadonlyMap<string, number>;
  readonly accountOf: ReadonlyMap<string, AccountDecision>;
  readonly stackOf: ReadonlyMap<string, StackDecision>;
  /** Collects the problems that stop the model from being built. */
  readonly problems: PlanProblem[];
}

type PlanItem = Pick<PlanServer | PlanDatabase, 'id' | 'application' | 'wave' | 'strategy'>;

function commonOf(ctx: Context, item: PlanItem) {
  return {
    id: item.id,
    application: item.application,
    wave: item.wave,
    waveOrder: ctx.waveOrder.get(item.wave) ?? 0,
    strategy: item.strategy as MigrationStrategy,
    account: ctx.accountOf.get(item.application)!,
  };
}

/** The wave stacks, and which stack each item lives in (keyed `server:<id>` / `database:<id>`). */
function decideStacks(
  plan: Plan,
  accountOf: ReadonlyMap<string, AccountDecision>,
  prefixOf: ReadonlyMap<string, string>,
): { stacks: WaveStackModel[]; stackOf: Map<string, StackDecision> } {
  const stackOf = new Map<string, StackDecision>();
  const stacks = assignWaveStacks(plan).map((a): WaveStackModel => {
    const account = accountOf.get(a.application.id)!;
    const role = `${prefixOf.get(account.role) ?? ''}${waveStackRole(a)}`;
    const stack: StackDecision = {
      name: waveStackName(plan.estate.id, role),
      role,
      account,
      shard: a.shard,
      shardCount: a.shardCount,
    };
    for (const s of a.servers) stackOf.set(`server:${s.id}`, stack);
    for (const d of a.databases) stackOf.set(`database:${d.id}`, stack);
    return {
      ...stack,
      wave: a.wave.id,
      waveOrder: a.wave.order,
      application: a.application.id,
      servers: a.servers.map((s) => s.id),
      databases: a.databases.map((d) => d.id),
    };
  });
  return { stacks, stackOf };
}

/** The size, or undefined after recording the sizing problem. */
function sized<T>(ctx: Context, file: string, path: string, size: () => T): T | undefined {
  try {
    return size();
  } catch (e) {
    if (!(e instanceof SizingError)) throw e;
    ctx.problems.push({ file, path, message: e.message });
    return undefined;
  }
}

/**
 * The image a built server boots. A missing or unpinned image is the entry-route check's problem
 * (entryRouteProblems, run beside this model's checks), so it is not reported twice; such a plan
 * never reaches the stacks.
 */
function imageOf(plan: Plan, s: PlanServer, route: string) {
  if (route === 'mgn') return undefined;
  try {
    return imageFor(s, (base) => pinnedImage(plan.imageLock, base, plan.estate.region)?.imageId);
  } catch {
    return undefined;
  }
}

function decideServer(ctx: Context, s: PlanServer, i: number): ServerModel | undefined {
  const common = commonOf(ctx, s);
  const routes = serverRoutes(s);
  if (!getsLandingZone(s)) {
    return { ...common, kind: 'server', landingZone: false, reason: notBuilt(s.strategy, 'EC2'), routes };
  }
  const app = applicationOf(ctx.plan, s.application);
  const size = sized(ctx, 'servers.yaml', `servers[${i}]`, () => rightSizeServer(s, app));
  if (!size) return undefined;
  const image = imageOf(ctx.plan, s, routes.entry.route);
  const placement = placeServer(s, ctx.zones);
  const decision: ServerDecision = {
    ...common,
    kind: 'server',
    landingZone: true,
    hostname: s.hostname,
    os: s.os.family,
    size: {
      instanceType: size.instanceType,
      overridden: size.overridden,
      reason: size.reason,
      needed: size.needed,
    },
    licensing: licensingFor(s),
    disksGiB: s.disks.map((d) => d.sizeGiB),
    placement,
    backup: backupOf(app),
    ...(image ? { image } : {}),
    routes,
    stack: ctx.stackOf.get(`server:${s.id}`)!,
    tags: tagsForServer(ctx.plan, s),
    operations: serverOperationsFor(ctx.plan, s, app, common.waveOrder, placement.availabilityZone, image),
  };
  return decision;
}

/**
 * The storage decision; a database too large for its engine is the landing-zone check's problem
 * (landingZoneProblems, at `sizeGiB`), so it is recorded at the engine maximum here, not twice.
 */
function storageOf(d: PlanDatabase) {
  try {
    return storageDecisionFor(d.sizeGiB, d.engine);
  } catch (e) {
    const max = d.engine === 'sqlserver' ? 16384 : 65536;
    return { allocatedGiB: max, maxAllocatedGiB: max, reason: (e as Error).message };
  }
}

function decideDatabase(ctx: Context, d: PlanDatabase, i: number): DatabaseModel | undefined {
  const common = commonOf(ctx, d);
  const routes = databaseRoutes(d);
  if (!getsLandingZone(d)) {
    return { ...common, kind: 'database', landingZone: false, reason: notBuilt(d.strategy, 'RDS'), routes };
  }
  const app = applicationOf(ctx.plan, d.application);
  const path = `databases[${i}]`;
  const edition = 'edition' in d ? d.edition : undefined;
  const ha = highAvailabilityFor(d, app);
  if ('conflict' in ha) {
    const { field, message, received } = ha.conflict;
    ctx.problems.push({ file: 'databases.yaml', path: `${path}.${field}`, message, received });
  }
  const size = sized(ctx, 'databases.yaml', path, () => rightSizeDatabase({ ...d, edition }, app));
  if (!size || 'conflict' in ha) return undefined;
  const decision: DatabaseDecision = {
    ...common,
    kind: 'database',
    landingZone: true,
    engine: { engine: d.engine, edition: edition ?? null, version: d.version, licence: d.licence },
    size: {
      instanceClass: size.instanceClass,
      overridden: size.overridden,
      reason: size.reason,
      needed: size.needed,
    },
    sizeGiB: d.sizeGiB,
    storage: storageOf(d),
    highAvailability: ha.decision,
    placement: placeDatabase(ctx.zones, ha.decision.multiAz),
    backup: backupOf(app),
    routes,
    stack: ctx.stackOf.get(`database:${d.id}`)!,
    tags: tagsForDatabase(ctx.plan, d),
    operations: databaseOperationsFor(app),
  };
  return decision;
}

/** The workload accounts: an account gets an exit stack when one of its items has an exit route. */
function accountsOf(plan: Plan, accountOf: ReadonlyMap<string, AccountDecision>) {
  const exitRouted = new Set(
    [
      ...plan.servers.filter((s) => getsLandingZone(s) && serverRoutes(s).exit.kind !== 'none'),
      ...plan.databases.filter((d) => getsLandingZone(d) && databaseRoutes(d).exit.kind !== 'none'),
    ].map((x) => x.id),
  );
  return workloadAccounts(plan, accountOf, (item) => exitRouted.has(item.id));
}

function defined<T>(items: readonly (T | undefined)[]): T[] {
  return items.filter((x): x is T => x !== undefined);
}

function decide(plan: Plan): Outcome {
  const accountOf = new Map<string, AccountDecision>(
    plan.applications.map((a) => [a.id, accountDecisionFor(plan, a)]),
  );
  const accounts = accountsOf(plan, accountOf);
  const prefixOf = new Map(accounts.map((a) => [a.role, a.stackPrefix]));
  const { stacks, stackOf } = decideStacks(plan, accountOf, prefixOf);
  const ctx: Context = {
    plan,
    zones: placementZones(plan.network.availabilityZones),
    waveOrder: new Map(plan.waves.map((w) => [w.id, w.order])),
    accountOf,
    stackOf,
    problems: [...accountProblems(plan, accountOf)],
  };
  const model: EstateModel = {
    estate: {
      id: plan.estate.id,
      name: plan.estate.name,
      account: plan.estate.account,
      region: plan.estate.region,
    },
    defaultAccount: defaultAccountFor(plan),
    network: networkDecisionFor(plan),
    availabilityZones: ctx.zones,
    servers: defined(plan.servers.map((s, i) => decideServer(ctx, s, i))),
    databases: defined(plan.databases.map((d, i) => decideDatabase(ctx, d, i))),
    stacks,
    accounts,
    sharedTags: sharedTags(plan),
    alerts: plan.applications.map((a) => ({
      application: a.id,
      account: accountOf.get(a.id)!,
      alerts: alertsFor(plan, a),
    })),
    // Estate settings and planned entries (lib/estate-model/estate-settings.ts).
    settings: estateSettingsFor(plan),
    planned: plannedItemsFor(plan),
  };
  return { model: deepFreeze(model), problems: ctx.problems };
}

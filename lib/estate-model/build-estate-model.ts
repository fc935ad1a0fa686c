/**
 * Builds the estate model from the frozen plan: sizing (lib/sizing), high availability, placement,
 * wave stack, backup tier, image and tags for every server and database. Pure and computed once
 * per plan (memoized on the plan object), so the plan check, the stacks and the commands of one
 * run share one model.
 */
import { PlanError, type PlanProblem } from '../plan/errors';
import { applicationOf, deepFreeze, getsLandingZone, type Plan, type PlanApplication } from '../plan/plan';
import type { MigrationStrategy } from '../plan/schema';
import { rightSizeDatabase, rightSizeServer, SizingError } from '../sizing';
import type {
  BackupDecision,
  DatabaseModel,
  EstateModel,
  ServerModel,
  StackDecision,
  WaveStackModel,
} from './estate-model';
import { highAvailabilityFor } from './high-availability';
import { imageFor } from './image';
import { pinnedImage } from '../plan/image-lock';
import { databaseRoutes, serverRoutes } from './routes/item-routes';
import { placeDatabase, placeServer, placementZones } from './placement';
import { waveStackName, waveStackRole } from './stack-names';
import { sharedTags, tagsForDatabase, tagsForServer } from './tag-set';
import { assignWaveStacks } from './wave-assignment';
import { alertsFor, databaseOperationsFor, serverOperationsFor } from './operations';
import { accountDecisionFor, accountProblems, workloadAccounts, type AccountDecision } from './accounts';

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

function decide(plan: Plan): Outcome {
  const problems: PlanProblem[] = [];
  const zones = placementZones(plan.network.availabilityZones);
  const waveOrder = new Map(plan.waves.map((w) => [w.id, w.order]));
  const accountOf = new Map<string, AccountDecision>(
    plan.applications.map((a) => [a.id, accountDecisionFor(plan, a)]),
  );
  const exitRouted = new Set(
    [
      ...plan.servers.filter((s) => getsLandingZone(s) && serverRoutes(s).exit.kind !== 'none'),
      ...plan.databases.filter((d) => getsLandingZone(d) && databaseRoutes(d).exit.kind !== 'none'),
    ].map((x) => x.id),
  );
  const accounts = workloadAccounts(plan, accountOf, (item) => exitRouted.has(item.id));
  const prefixOf = new Map(accounts.map((a) => [a.role, a.stackPrefix]));
  problems.push(...accountProblems(plan, accountOf));

  const stackOf = new Map<string, StackDecision>();
  const stacks: WaveStackModel[] = assignWaveStacks(plan).map((a) => {
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

  const servers: ServerModel[] = [];
  const commonOf = (item: {
    id: string;
    application: string;
    wave: string;
    strategy: MigrationStrategy;
  }) => ({
    id: item.id,
    application: item.application,
    wave: item.wave,
    waveOrder: waveOrder.get(item.wave) ?? 0,
    strategy: item.strategy,
    account: accountOf.get(item.application)!,
  });
  plan.servers.forEach((s, i) => {
    const common = commonOf(s);
    if (!getsLandingZone(s)) {
      servers.push({ ...common, kind: 'server', landingZone: false, reason: notBuilt(s.strategy, 'EC2') });
      return;
    }
    const app = applicationOf(plan, s.application);
    const path = `servers[${i}]`;
    let size;
    try {
      size = rightSizeServer(s, app);
    } catch (e) {
      if (!(e instanceof SizingError)) throw e;
      problems.push({ file: 'servers.yaml', path, message: e.message });
      return;
    }
    const routes = serverRoutes(s);
    const entry = routes.entry;
    // A missing or unpinned image is the entry-route check's problem (entryRouteProblems, run beside
    // this model's checks), so it is not reported twice; such a plan never reaches the stacks.
    let image;
    if (entry.route !== 'mgn') {
      try {
        image = imageFor(s, (base) => pinnedImage(plan.imageLock, base, plan.estate.region)?.imageId);
      } catch {
        image = undefined;
      }
    }
    const placement = placeServer(s, zones);
    servers.push({
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
      placement,
      backup: backupOf(app),
      ...(image ? { image } : {}),
      routes: { entry, exit: routes.exit },
      stack: stackOf.get(`server:${s.id}`)!,
      tags: tagsForServer(plan, s),
      operations: serverOperationsFor(plan, s, app, common.waveOrder, placement.availabilityZone, image),
    });
  });

  const databases: DatabaseModel[] = [];
  plan.databases.forEach((d, i) => {
    const common = commonOf(d);
    if (!getsLandingZone(d)) {
      databases.push({
        ...common,
        kind: 'database',
        landingZone: false,
        reason: notBuilt(d.strategy, 'RDS'),
      });
      return;
    }
    const app = applicationOf(plan, d.application);
    const path = `databases[${i}]`;
    const edition = 'edition' in d ? d.edition : undefined;
    const ha = highAvailabilityFor(d, app);
    if ('conflict' in ha) {
      problems.push({
        file: 'databases.yaml',
        path: `${path}.${ha.conflict.field}`,
        message: ha.conflict.message,
        received: ha.conflict.received,
      });
    }
    let size;
    try {
      size = rightSizeDatabase({ ...d, edition }, app);
    } catch (e) {
      if (!(e instanceof SizingError)) throw e;
      problems.push({ file: 'databases.yaml', path, message: e.message });
      return;
    }
    if ('conflict' in ha) return;
    databases.push({
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
      highAvailability: ha.decision,
      placement: placeDatabase(zones, ha.decision.multiAz),
      backup: backupOf(app),
      routes: (({ entry, exit }) => ({ entry, exit }))(databaseRoutes(d)),
      stack: stackOf.get(`database:${d.id}`)!,
      tags: tagsForDatabase(plan, d),
      operations: databaseOperationsFor(app),
    });
  });

  const model: EstateModel = {
    estate: {
      id: plan.estate.id,
      name: plan.estate.name,
      account: plan.estate.account,
      region: plan.estate.region,
    },
    availabilityZones: zones,
    servers,
    databases,
    stacks,
    accounts,
    sharedTags: sharedTags(plan),
    alerts: plan.applications.map((a) => ({
      application: a.id,
      account: accountOf.get(a.id)!,
      alerts: alertsFor(plan, a),
    })),
  };
  return { model: deepFreeze(model), problems };
}

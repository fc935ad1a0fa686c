import type * as logs from 'aws-cdk-lib/aws-logs';
import type { App } from 'aws-cdk-lib';
import type { Plan } from '../plan/plan';
import { BillingConfigurationStack } from '../../stacks/billing-configuration-stack';
import { CostGovernanceStack } from '../../stacks/cost-governance-stack';
import { ExitStack } from '../../stacks/exit-stack';
import { KeysStack } from '../../stacks/keys-stack';
import { NetworkStack } from '../../stacks/network-stack';
import { SecurityBaselineStack } from '../../stacks/security-baseline-stack';
import { addLandingZoneStacks, type LandingZoneStacks } from '../../stacks/wave-stacks';
import { buildEstateModel, type EstateModel, type WorkloadAccount } from '../estate-model';
import { entryRouteProblems } from '../estate-model/routes/entry-route';
import { landingZoneProblems } from '../compute';
import { PlanError } from '../plan/errors';
import { estimateCost, estimateLines } from '../cost/estimate';
import { bundledSnapshot } from '../cost/pricing';
import { accountUsesMgn, MigrationStack, type MigrationStackProps } from '../../stacks/migration-stack';
import { replicationNetworkOf, type ReplicationNetwork } from '../migration/replication-network';
import { acknowledgePinnedZones } from './pinned-zones';
import { acknowledgePinnedImages } from './pinned-images';
import { missingControls } from '../detective-controls';
import { acknowledgeMgnResourceTypes } from './mgn-resource-types';
import { acknowledgeAccessLogDestinations } from './access-log-object-lock';
import { acknowledgeForcedWildcards } from './forced-wildcards';

/** The stacks of one workload account (estate model `accounts`). */
export interface WorkloadAccountStacks {
  /** The estate model's decision: which account, which applications, which VPC CIDR. */
  readonly account: WorkloadAccount;
  readonly keys: KeysStack;
  readonly network: NetworkStack;
  /**
   * Detective controls the organisation does not provide; Session Manager logging. Absent when the
   * Organization provides all of them (nothing would be left to create).
   */
  readonly securityBaseline?: SecurityBaselineStack;
  /** Backup, application access and per-wave landing-zone stacks (lib/compute, lib/database, lib/backup). */
  readonly landingZones: LandingZoneStacks;
  /** Exit bucket, export roles and staging subnet (lib/exit); absent when no item here has an exit route. */
  readonly exit?: ExitStack;
  /** AWS MGN templates, applications and waves of this account; absent when no server here moves with MGN. */
  readonly migration?: MigrationStack;
}

/**
 * The stacks of one estate, for wiring and tests. The top-level keys, network, security baseline,
 * landing zones and exit are the production account's; `nonProduction` holds a separate
 * non-production account's own set, when the model places resources there.
 */
export interface EstateStacks extends WorkloadAccountStacks {
  /** Exit bucket, export roles and staging subnet (lib/exit) of the production account. */
  readonly exit: ExitStack;
  /** A separate non-production account's stacks (`<Estate>-NonProduction-*`). */
  readonly nonProduction?: WorkloadAccountStacks;
  /** Every workload account's stacks, production first. */
  readonly accounts: readonly WorkloadAccountStacks[];
  /** Finance in AWS, when the plan has a `finance` section. */
  readonly finance?: {
    readonly costGovernance: CostGovernanceStack;
    readonly billing: BillingConfigurationStack;
  };
}

/**
 * Creates every stack of the estate in dependency order, passing typed objects (keys, VPC)
 * between stacks of one account. Each workload account the estate model names gets its own keys,
 * network, security baseline, backup, access, exit and wave stacks, with `env.account` its own;
 * nothing references across accounts except by ARNs built from the plan's account ids (backup
 * copies to the backup account's recovery vaults).
 */
export function buildEstateApp(app: App, plan: Plan): EstateStacks {
  const model = buildEstateModel(plan);
  // A plan the landing zones cannot build fails first, with one PlanError listing every problem.
  const problems = [...landingZoneProblems(plan), ...entryRouteProblems(plan)];
  if (problems.length > 0) throw new PlanError(problems, plan.source.dir);
  const [productionAccount, ...otherAccounts] = model.accounts;
  const replicationNetwork = replicationNetworkOf(model);
  const production = addAccountFoundation(app, model, productionAccount!, replicationNetwork);
  const landingZones = addLandingZoneStacks(app, {
    keys: production.keys,
    network: production.network,
    model,
    account: productionAccount!,
    ...sessionLogGroupOf(production),
  });
  const migration = accountUsesMgn(model, productionAccount!)
    ? addMigrationStack(app, { model, replicationNetwork }, production, productionAccount!)
    : undefined;
  acknowledgePinnedZones(app); // pinned AZs are the design (lib/app/pinned-zones.ts)
  const exit = new ExitStack(app, { model, vpc: production.network.vpc, account: productionAccount! });
  const productionStacks: WorkloadAccountStacks = {
    ...production,
    landingZones,
    exit,
    ...(migration ? { migration } : {}),
  };
  const others = otherAccounts.map((account): WorkloadAccountStacks => {
    const foundation = addAccountFoundation(app, model, account, replicationNetwork);
    const accountLandingZones = addLandingZoneStacks(app, {
      keys: foundation.keys,
      network: foundation.network,
      model,
      account,
      recoveryVaults: landingZones.recoveryVaults,
      ...sessionLogGroupOf(foundation),
    });
    const accountMigration = accountUsesMgn(model, account)
      ? addMigrationStack(app, { model, replicationNetwork }, foundation, account)
      : undefined;
    return {
      ...foundation,
      landingZones: accountLandingZones,
      ...(account.exitResources
        ? { exit: new ExitStack(app, { model, vpc: foundation.network.vpc, account }) }
        : {}),
      ...(accountMigration ? { migration: accountMigration } : {}),
    };
  });
  // A backup account that is also a workload account gets its administration roles from that
  // account's keys stack: its recovery vaults (whose key policies name them) come after it.
  for (const vault of landingZones.recoveryVaults)
    for (const { keys } of [production, ...others])
      if (keys.account === vault.account && keys.administrationRoles)
        vault.addStackDependency(keys, 'the vault key policy names the administration roles');
  const nonProduction = others.find((o) => o.account.role === 'non-production');
  const stacks: EstateStacks = {
    ...productionStacks,
    exit,
    accounts: [productionStacks, ...others],
    ...(nonProduction ? { nonProduction } : {}),
  };
  const finance = plan.finance ? addFinanceStacks(app, model) : undefined;
  // S3 refuses Object Lock on access-log destinations (lib/app/access-log-object-lock.ts).
  acknowledgeAccessLogDestinations(app);
  // The backup copy's AWS-forced resource patterns (lib/app/forced-wildcards.ts).
  acknowledgeForcedWildcards(app);
  // Pinned AMI ids are the design, like pinned zones (lib/app/pinned-images.ts); every account's servers.
  acknowledgePinnedImages(app);
  return finance ? { ...stacks, finance } : stacks;
}

/** Finance in AWS: cost governance, and the billing configuration writing into its bucket. */
function addFinanceStacks(app: App, model: EstateModel): NonNullable<EstateStacks['finance']> {
  const costGovernance = new CostGovernanceStack(app, { model, estimate: budgetEstimate(model) });
  const billing = new BillingConfigurationStack(app, { model });
  billing.addStackDependency(costGovernance, 'the export writes into the estate-region bucket');
  return { costGovernance, billing };
}

/**
 * The estimate the budgets start from: the plan as it stands, priced at the agreement's first
 * month with the bundled price snapshot (a fixed date: synth is deterministic).
 */
export function budgetEstimate(model: EstateModel): ReturnType<typeof estimateLines> {
  return estimateLines(
    estimateCost({
      model,
      snapshot: bundledSnapshot(),
      today: `${model.settings.estate.agreement.start}-01`,
    }),
  );
}

/** One workload account's keys, network and security baseline. */
function addAccountFoundation(
  app: App,
  model: EstateModel,
  account: WorkloadAccount,
  replicationNetwork: ReplicationNetwork,
): Pick<WorkloadAccountStacks, 'account' | 'keys' | 'network' | 'securityBaseline'> {
  const keys = new KeysStack(app, { model, account });
  // Flow logs cover traffic of every application in the account, so they get the logs key of the
  // account's highest classification (the same classification its shared tags declare).
  const logsKey = keys.keyFor('logs', account.classification);
  const network = new NetworkStack(app, { model, replicationNetwork, logsKey, account });
  const { provides } = model.settings.organisation;
  if (missingControls(provides).length === 0 && provides.sessionManagerPreferences)
    return { account, keys, network };
  const securityBaseline = new SecurityBaselineStack(app, { model, logsKey, account });
  return { account, keys, network, securityBaseline };
}

/** One workload account's MGN templates, applications and waves (its `mgn` servers only). */
function addMigrationStack(
  app: App,
  estate: Pick<MigrationStackProps, 'model' | 'replicationNetwork'>,
  foundation: Pick<WorkloadAccountStacks, 'keys' | 'network'>,
  account: WorkloadAccount,
): MigrationStack {
  const migration = new MigrationStack(app, {
    ...estate,
    keys: foundation.keys,
    network: foundation.network,
    account,
  });
  acknowledgeMgnResourceTypes(migration); // validator data gap (lib/app/mgn-resource-types.ts)
  return migration;
}

/** The account's Session Manager transcript group, when its security baseline creates one. */
function sessionLogGroupOf(foundation: Pick<WorkloadAccountStacks, 'securityBaseline'>): {
  sessionLogGroup?: logs.ILogGroup;
} {
  const group = foundation.securityBaseline?.sessionManager?.logGroup;
  return group ? { sessionLogGroup: group } : {};
}

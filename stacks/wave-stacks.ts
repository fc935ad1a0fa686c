import type { Construct } from 'constructs';
import { landingZoneProblems } from '../lib/compute';
import type { EstateModel, WorkloadAccount } from '../lib/estate-model';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import { entryRouteProblems } from '../lib/estate-model/routes/entry-route';
import { PlanError } from '../lib/plan/errors';
import type { OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly, Plan } from '../lib/plan/plan';
import { BackupStack } from './backup-stack';
import { RecoveryVaultStack } from './recovery-vault-stack';
import { WaveAccessStack } from './wave-access-stack';
import { WaveStack } from './wave-stack';

export interface LandingZoneStacksProps {
  readonly plan: Plan;
  readonly keys: KeyProvider;
  readonly network: LandingZoneNetwork & {
    /** On-premises ranges reachable from the VPC; `admin` ones may reach database ports. */
    readonly onPremisesRanges: readonly DeepReadonly<OnPremisesRange>[];
  };
  /** The estate model of `plan` (buildEstateModel): every decision the stacks carry out. */
  readonly model: EstateModel;
  /**
   * The workload account these stacks go to (one of `model.accounts`): only its wave stacks are
   * added. @default - the production account
   */
  readonly account?: WorkloadAccount;
  /**
   * The backup account's recovery vault stacks (addRecoveryVaultStacks), shared by every workload
   * account. @default - added here
   */
  readonly recoveryVaults?: readonly RecoveryVaultStack[];
}

export interface LandingZoneStacks {
  /** The backup account's locked vaults: the home region first, then the copy region if any. */
  readonly recoveryVaults: readonly RecoveryVaultStack[];
  readonly access: WaveAccessStack;
  readonly backup: BackupStack;
  /** In deployment order: wave order, then application id, then shard. */
  readonly waves: readonly WaveStack[];
}

/**
 * The backup account's locked recovery vaults, one per copy region (home region first). Every
 * workload account's backup stack copies into them by ARN.
 */
export function addRecoveryVaultStacks(scope: Construct, plan: Plan): RecoveryVaultStack[] {
  const copyRegions = [plan.estate.region, ...(plan.backup.copyRegion ? [plan.backup.copyRegion] : [])];
  return copyRegions.map((region) => new RecoveryVaultStack(scope, { plan, region }));
}

/**
 * Adds one workload account's backup stack, access stack and wave stacks. Wave stacks form one
 * dependency chain per account in wave order (then application id), so `cdk deploy` deploys them
 * one at a time, wave by wave, and `cdk ls` lists them in that order; no dependency crosses into
 * another workload account. A plan the landing zones cannot build (see `landingZoneProblems`)
 * fails first with one PlanError listing every problem.
 */
export function addLandingZoneStacks(scope: Construct, props: LandingZoneStacksProps): LandingZoneStacks {
  const { plan, account } = props;
  const problems = [...landingZoneProblems(plan), ...entryRouteProblems(plan)];
  if (problems.length > 0) throw new PlanError(problems, plan.source.dir);
  const recoveryVaults = props.recoveryVaults ?? addRecoveryVaultStacks(scope, plan);
  const backup = new BackupStack(scope, {
    plan,
    keys: props.keys,
    network: props.network,
    copyRegions: recoveryVaults.map((v) => v.region),
    ...(account ? { account } : {}),
  });
  for (const vault of recoveryVaults)
    backup.addStackDependency(vault, 'copy actions need the backup account vault to exist');
  const access = new WaveAccessStack(scope, {
    plan,
    model: props.model,
    vpc: props.network.vpc,
    endpointSecurityGroup: props.network.endpointSecurityGroup,
    s3PrefixListId: props.network.s3PrefixListId,
    ...(account ? { account } : {}),
  });
  const adminRanges = props.network.onPremisesRanges.filter((r) => r.purpose === 'admin');
  const servers = new Map(plan.servers.map((s) => [s.id, s]));
  const databases = new Map(plan.databases.map((d) => [d.id, d]));
  const applications = new Map(plan.applications.map((a) => [a.id, a]));
  const planWaves = new Map(plan.waves.map((w) => [w.id, w]));
  const role = account?.role ?? 'production';
  const waves: WaveStack[] = [];
  for (const model of props.model.stacks.filter((s) => s.account.role === role)) {
    const stack = new WaveStack(scope, {
      plan,
      model: props.model,
      stack: model,
      wave: planWaves.get(model.wave)!,
      application: applications.get(model.application)!,
      servers: model.servers.map((id) => servers.get(id)!),
      databases: model.databases.map((id) => databases.get(id)!),
      network: props.network,
      keys: props.keys,
      applicationSecurityGroup: access.groups.groupFor(model.application),
      adminRanges,
      sourceRanges: servingRanges(props.network.onPremisesRanges),
    });
    stack.addStackDependency(backup, 'backup plans select the wave resources by tag');
    if (stack.dmsSubnetGroup) {
      if (!access.dmsRoles)
        throw new Error(`${stack.stackName} has a DMS subnet group but its account has no dms-vpc-role`);
      stack.addStackDependency(access, 'a DMS replication subnet group fails unless dms-vpc-role exists');
    }
    const rules = access.rulesStackFor(model.application);
    if (rules) stack.addStackDependency(rules, 'the application flows are open before its servers move');
    // A single chain: one wave stack at a time, in wave order. (Making every stack of a wave depend
    // on every stack of the previous wave gives the same order but CDK's cycle check then walks
    // an exponential number of paths at 30 applications x 10 waves.)
    const previous = waves[waves.length - 1];
    if (previous) stack.addStackDependency(previous, 'wave stacks deploy one at a time, in wave order');
    waves.push(stack);
  }
  return { recoveryVaults, access, backup, waves };
}

/** Where on-premises databases live: the `servers` ranges, or every range when none is marked so. */
function servingRanges(
  ranges: readonly DeepReadonly<OnPremisesRange>[],
): readonly DeepReadonly<OnPremisesRange>[] {
  const servers = ranges.filter((r) => r.purpose === 'servers');
  return servers.length > 0 ? servers : ranges;
}

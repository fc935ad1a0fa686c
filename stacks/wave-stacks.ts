import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { EstateModel, WorkloadAccount } from '../lib/estate-model';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import type { OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly } from '../lib/plan/plan';
import { BackupStack } from './backup-stack';
import { HealthStack } from './health-stack';
import { OperationsStack } from './operations-stack';
import { RecoveryVaultStack } from './recovery-vault-stack';
import { WaveAccessStack } from './wave-access-stack';
import { WaveStack } from './wave-stack';

export interface LandingZoneStacksProps {
  readonly keys: KeyProvider;
  /** The account's Session Manager transcript group, when the stacks create it. @default - none */
  readonly sessionLogGroup?: logs.ILogGroup;
  readonly network: LandingZoneNetwork & {
    /** On-premises ranges reachable from the VPC; `admin` ones may reach database ports. */
    readonly onPremisesRanges: readonly DeepReadonly<OnPremisesRange>[];
  };
  /** The estate model (buildEstateModel, in lib/app): every decision the stacks carry out. */
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
  /** Alerts topics, agent configuration, patching: before the wave stacks (docs/operations.md). */
  readonly operations: OperationsStack;
  /** Composite alarms and dashboards: after the wave stacks; absent without any wave stack. */
  readonly health?: HealthStack;
}

/**
 * The backup account's locked recovery vaults, one per copy region (home region first). Every
 * workload account's backup stack copies into them by ARN.
 */
export function addRecoveryVaultStacks(scope: Construct, model: EstateModel): RecoveryVaultStack[] {
  const copyRegions = [
    model.estate.region,
    ...(model.settings.backup.copyRegion ? [model.settings.backup.copyRegion] : []),
  ];
  const { accounts } = model.settings;
  const backupHasKeysStack = [accounts.production, accounts.nonProduction].includes(accounts.backup);
  const createAdministrationRoles =
    !model.settings.organisation.provides.keyAdministrationRoles && !backupHasKeysStack;
  const [home, ...others] = copyRegions.map(
    (region) =>
      new RecoveryVaultStack(scope, {
        model,
        region,
        createAdministrationRoles: createAdministrationRoles && region === model.estate.region,
      }),
  );
  // IAM is global: the other regions' vaults name the roles the home region's stack creates.
  for (const other of others) other.addStackDependency(home!, 'the administration roles exist');
  return [home!, ...others];
}

/**
 * Adds one workload account's backup stack, access stack and wave stacks. Wave stacks form one
 * dependency chain per account in wave order (then application id), so `cdk deploy` deploys them
 * one at a time, wave by wave, and `cdk ls` lists them in that order; no dependency crosses into
 * another workload account. The caller has checked the plan first (lib/app's `buildEstateApp` fails
 * with one PlanError listing every `landingZoneProblems` and `entryRouteProblems` problem).
 */
export function addLandingZoneStacks(scope: Construct, props: LandingZoneStacksProps): LandingZoneStacks {
  const { model, account } = props;
  const recoveryVaults = props.recoveryVaults ?? addRecoveryVaultStacks(scope, model);
  const backup = new BackupStack(scope, {
    model,
    keys: props.keys,
    network: props.network,
    // Cross-account copies stay in the home region: for RDS, AWS Backup copies either across
    // accounts or across regions, never both in one copy ("Copy a backup", AWS Backup Developer
    // Guide: "For Amazon RDS and Aurora snapshots, AWS Backup only supports automating either
    // cross-account or cross-Region copies"). A copy region is reached from the backup account.
    copyRegions: [model.estate.region],
    ...(account ? { account } : {}),
  });
  for (const vault of recoveryVaults)
    backup.addStackDependency(vault, 'copy actions need the backup account vault to exist');
  const access = new WaveAccessStack(scope, {
    model,
    vpc: props.network.vpc,
    endpointSecurityGroup: props.network.endpointSecurityGroup,
    s3PrefixListId: props.network.s3PrefixListId,
    ...(account ? { account } : {}),
  });
  const operations = new OperationsStack(scope, {
    model,
    keys: props.keys,
    ...(account ? { account } : {}),
  });
  const adminRanges = props.network.onPremisesRanges.filter((r) => r.purpose === 'admin');
  const servers = new Map(model.planned.servers.map((s) => [s.id, s]));
  const databases = new Map(model.planned.databases.map((d) => [d.id, d]));
  const applications = new Map(model.planned.applications.map((a) => [a.id, a]));
  const planWaves = new Map(model.planned.waves.map((w) => [w.id, w]));
  const role = account?.role ?? 'production';
  const waves: WaveStack[] = [];
  for (const waveStack of model.stacks.filter((s) => s.account.role === role)) {
    const stack = new WaveStack(scope, {
      model,
      stack: waveStack,
      wave: planWaves.get(waveStack.wave)!,
      application: applications.get(waveStack.application)!,
      servers: waveStack.servers.map((id) => servers.get(id)!),
      databases: waveStack.databases.map((id) => databases.get(id)!),
      network: props.network,
      keys: props.keys,
      ...(props.sessionLogGroup ? { sessionLogGroup: props.sessionLogGroup } : {}),
      applicationSecurityGroup: access.groups.groupFor(waveStack.application),
      adminRanges,
      sourceRanges: servingRanges(props.network.onPremisesRanges),
    });
    stack.addStackDependency(backup, 'backup plans select the wave resources by tag');
    stack.addStackDependency(operations, 'alarms publish to the application alerts topic');
    if (stack.dmsSubnetGroup) {
      if (!access.dmsRoles)
        throw new Error(`${stack.stackName} has a DMS subnet group but its account has no dms-vpc-role`);
      stack.addStackDependency(access, 'a DMS replication subnet group fails unless dms-vpc-role exists');
    }
    const rules = access.rulesStackFor(waveStack.application);
    if (rules) stack.addStackDependency(rules, 'the application flows are open before its servers move');
    // A single chain: one wave stack at a time, in wave order. (Making every stack of a wave depend
    // on every stack of the previous wave gives the same order but CDK's cycle check then walks
    // an exponential number of paths at 30 applications x 10 waves.)
    const previous = waves[waves.length - 1];
    if (previous) stack.addStackDependency(previous, 'wave stacks deploy one at a time, in wave order');
    waves.push(stack);
  }
  const last = waves[waves.length - 1];
  let health: HealthStack | undefined;
  if (last) {
    health = new HealthStack(scope, { model, ...(account ? { account } : {}) });
    health.addStackDependency(last, 'composite alarms name the wave stacks alarms, which must exist');
  }
  return { recoveryVaults, access, backup, waves, operations, ...(health ? { health } : {}) };
}

/** Where on-premises databases live: the `servers` ranges, or every range when none is marked so. */
function servingRanges(
  ranges: readonly DeepReadonly<OnPremisesRange>[],
): readonly DeepReadonly<OnPremisesRange>[] {
  const servers = ranges.filter((r) => r.purpose === 'servers');
  return servers.length > 0 ? servers : ranges;
}

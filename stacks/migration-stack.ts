import type { Construct } from 'constructs';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import { buildEstateModel } from '../lib/estate-model/build-estate-model';
import { serverEntryRouteOf } from '../lib/estate-model/model-lookup';
import {
  MgnLaunchTemplate,
  MgnReplicationTemplate,
  MgnTestIsolation,
  MgnWaves,
  replicationNetworkOf,
} from '../lib/migration';
import type { Plan } from '../lib/plan/plan';
import type { DataClassification, OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly } from '../lib/plan/plan';
import { applyTags, sharedTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface MigrationStackProps {
  readonly plan: Plan;
  readonly keys: KeyProvider;
  readonly network: LandingZoneNetwork & {
    readonly onPremisesRanges: readonly DeepReadonly<OnPremisesRange>[];
  };
  /**
   * The workload account (estate model): MGN replicates into that account, so only its
   * applications' `mgn` servers are here. @default - the production account, every application
   */
  readonly account?: WorkloadAccount;
}

/** True when any server of the plan moves with AWS MGN (the migration stack is then added). */
export function planUsesMgn(plan: Plan): boolean {
  return buildEstateModel(plan).servers.some((s) => s.routes.entry.route === 'mgn');
}

/** True when a server of this workload account's applications moves with AWS MGN. */
export function accountUsesMgn(plan: Plan, account: WorkloadAccount): boolean {
  return buildEstateModel(plan).servers.some(
    (s) => account.applications.includes(s.application) && s.routes.entry.route === 'mgn',
  );
}

/**
 * AWS Application Migration Service for the estate: the replication and launch configuration
 * templates, and one MGN application and wave per plan application and wave that has `mgn`
 * servers. Not stateful: MGN's own source servers and replication state are not CloudFormation
 * resources, so deleting this stack stops nothing already replicating.
 */
export class MigrationStack extends EstateStack {
  readonly replication: MgnReplicationTemplate;
  readonly launch: MgnLaunchTemplate;
  readonly mgnWaves: MgnWaves;
  readonly testIsolation: MgnTestIsolation;

  constructor(scope: Construct, props: MigrationStackProps) {
    const { plan, account } = props;
    super(scope, {
      plan,
      ...workloadStackProps(account, 'Migration'),
      description: `${plan.estate.name}: AWS Application Migration Service templates, applications and waves`,
    });
    const tags = account?.sharedTags ?? sharedTags(plan);
    applyTags(this, tags);
    const model = buildEstateModel(plan);
    const mgnServers = plan.servers.filter(
      (s) =>
        serverEntryRouteOf(model, s.id) === 'mgn' && (account?.applications.includes(s.application) ?? true),
    );
    const appIds = new Set(mgnServers.map((s) => s.application));
    const waveIds = new Set(mgnServers.map((s) => s.wave));
    const applications = plan.applications.filter((a) => appIds.has(a.id));
    // Staging volumes hold copies of every replicating server: the key of the highest classification.
    const classification: DataClassification = applications.some(
      (a) => a.dataClassification === 'OFFICIAL-SENSITIVE',
    )
      ? 'OFFICIAL-SENSITIVE'
      : 'OFFICIAL';
    const vpc = props.network.vpc;
    const stagingSubnet = vpc.selectSubnets(props.network.serverSubnets).subnets[0];
    if (!stagingSubnet) throw new Error('The landing zone has no server subnet for the MGN staging area');
    const sources = props.network.onPremisesRanges.filter((r) => r.purpose === 'servers');
    this.replication = new MgnReplicationTemplate(this, 'Replication', {
      vpc,
      stagingSubnet,
      ebsKey: props.keys.keyFor('ebs', classification),
      sourceCidrs: (sources.length > 0 ? sources : props.network.onPremisesRanges).map((r) => r.cidr),
      replicationServerInstanceType: plan.migration.replicationServerInstanceType,
      bandwidthThrottleMbps: plan.migration.bandwidthThrottleMbps,
      stagingTags: { ...tags, Purpose: 'mgn-staging' },
      replicationNetwork: replicationNetworkOf(model),
      ...(props.network.endpointSecurityGroup
        ? { endpointSecurityGroup: props.network.endpointSecurityGroup }
        : {}),
      ...(props.network.s3PrefixListId ? { s3PrefixListId: props.network.s3PrefixListId } : {}),
    });
    this.launch = new MgnLaunchTemplate(this, 'Launch', { estateId: plan.estate.id });
    this.testIsolation = new MgnTestIsolation(this, 'TestLaunch', {
      vpc,
      estateId: plan.estate.id,
      ...(props.network.endpointSecurityGroup
        ? { endpointSecurityGroup: props.network.endpointSecurityGroup }
        : {}),
      ...(props.network.s3PrefixListId ? { s3PrefixListId: props.network.s3PrefixListId } : {}),
    });
    this.mgnWaves = new MgnWaves(this, 'Mgn', {
      applications,
      waves: plan.waves.filter((w) => waveIds.has(w.id)),
    });
  }
}

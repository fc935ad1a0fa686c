import type { Construct } from 'constructs';
import type { KeyProvider } from '../lib/keys';
import type { LandingZoneNetwork } from '../lib/network';
import { serverEntryRouteOf } from '../lib/estate-model/model-lookup';
import { MgnLaunchTemplate, MgnReplicationTemplate, MgnTestIsolation, MgnWaves } from '../lib/migration';
import type { ReplicationNetwork } from '../lib/migration/replication-network';
import type { EstateModel } from '../lib/estate-model/estate-model';
import type { DataClassification, OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly } from '../lib/plan/plan';
import { applyTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface MigrationStackProps {
  readonly model: EstateModel;
  /** The estate's MGN replication path (lib/migration `replicationNetworkOf`, worked out by the app layer). */
  readonly replicationNetwork: ReplicationNetwork;
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
export function planUsesMgn(model: EstateModel): boolean {
  return model.servers.some((s) => s.routes.entry.route === 'mgn');
}

/** True when a server of this workload account's applications moves with AWS MGN. */
export function accountUsesMgn(model: EstateModel, account: WorkloadAccount): boolean {
  return model.servers.some(
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
    const { model, account } = props;
    super(scope, {
      model,
      ...workloadStackProps(account, 'Migration'),
      description: `${model.estate.name}: AWS Application Migration Service templates, applications and waves`,
    });
    const tags = account?.sharedTags ?? model.sharedTags;
    applyTags(this, tags);
    const mgnServers = model.planned.servers.filter(
      (s) =>
        serverEntryRouteOf(model, s.id) === 'mgn' && (account?.applications.includes(s.application) ?? true),
    );
    const appIds = new Set(mgnServers.map((s) => s.application));
    const waveIds = new Set(mgnServers.map((s) => s.wave));
    const applications = model.planned.applications.filter((a) => appIds.has(a.id));
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
      replicationServerInstanceType: model.settings.migration.replicationServerInstanceType,
      bandwidthThrottleMbps: model.settings.migration.bandwidthThrottleMbps,
      stagingTags: { ...tags, Purpose: 'mgn-staging' },
      replicationNetwork: props.replicationNetwork,
      ...(props.network.endpointSecurityGroup
        ? { endpointSecurityGroup: props.network.endpointSecurityGroup }
        : {}),
      ...(props.network.s3PrefixListId ? { s3PrefixListId: props.network.s3PrefixListId } : {}),
    });
    this.launch = new MgnLaunchTemplate(this, 'Launch', { estateId: model.estate.id });
    this.testIsolation = new MgnTestIsolation(this, 'TestLaunch', {
      vpc,
      estateId: model.estate.id,
      ...(props.network.endpointSecurityGroup
        ? { endpointSecurityGroup: props.network.endpointSecurityGroup }
        : {}),
      ...(props.network.s3PrefixListId ? { s3PrefixListId: props.network.s3PrefixListId } : {}),
    });
    this.mgnWaves = new MgnWaves(this, 'Mgn', {
      applications,
      waves: model.planned.waves.filter((w) => waveIds.has(w.id)),
    });
  }
}

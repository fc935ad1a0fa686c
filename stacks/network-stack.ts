import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import {
  EstateVpc,
  HybridLink,
  s3PrefixListFor,
  ServiceEndpoints,
  SUBNET_GROUPS,
  VpcFlowLog,
} from '../lib/network';
import type { EstateModel } from '../lib/estate-model/estate-model';
import { applyTags } from '../lib/tagging';
import type { OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly } from '../lib/plan/plan';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';
import { mgnBucketsFor, type ReplicationNetwork } from '../lib/migration/replication-network';
import { accountUsesMgn, planUsesMgn } from './migration-stack';

export interface NetworkStackProps {
  /** The estate model (its network settings, NAT count and accounts). */
  readonly model: EstateModel;
  /**
   * The estate's MGN replication path (lib/migration `replicationNetworkOf`, worked out by the app
   * layer): `private` adds the MGN endpoints when servers here move with MGN.
   */
  readonly replicationNetwork: ReplicationNetwork;
  /** Key for the flow log group (the estate's `logs` key). */
  readonly logsKey: kms.IKey;
  /**
   * The workload account whose VPC this is (estate model): its account and VPC CIDR; everything
   * else (zones, on-premises ranges, hybrid link, flow logs, NAT) is the plan's network section.
   * @default - the production account and `network.vpcCidr`
   */
  readonly account?: WorkloadAccount;
}

/**
 * The estate network: VPC over the plan's AZs, flow logs, service endpoints and the hybrid link
 * back to the council's data centre.
 */
export class NetworkStack extends EstateStack {
  readonly vpc: ec2.IVpc;
  /** Private subnets with NAT egress, for servers. */
  readonly serverSubnets: ec2.SubnetSelection = { subnetGroupName: SUBNET_GROUPS.servers };
  /** Isolated subnets (no internet route), for databases. */
  readonly databaseSubnets: ec2.SubnetSelection = { subnetGroupName: SUBNET_GROUPS.databases };
  /** On-premises ranges reachable over the hybrid link (empty when there is none). */
  readonly onPremisesRanges: readonly DeepReadonly<OnPremisesRange>[];
  /** Security group of the interface endpoints (servers get HTTPS egress to it). */
  readonly endpointSecurityGroup: ec2.ISecurityGroup;
  /** S3 managed prefix list of the region, when known (servers get HTTPS egress to it). */
  readonly s3PrefixListId?: string;

  constructor(scope: Construct, props: NetworkStackProps) {
    const { model, account } = props;
    super(scope, {
      model,
      ...workloadStackProps(account, 'Network'),
      description: `${model.estate.name}: ${account?.role === 'non-production' ? 'non-production ' : ''}VPC, flow logs, service endpoints and hybrid link`,
    });
    applyTags(this, account?.sharedTags ?? model.sharedTags);
    const network = model.settings.network;
    const vpcCidr = account?.vpcCidr ?? network.vpcCidr;
    const { vpc } = new EstateVpc(this, 'Network', {
      vpcCidr,
      availabilityZones: network.availabilityZones,
      natGatewayCount: model.network.natGatewaysPerVpc,
    });
    this.vpc = vpc;
    this.onPremisesRanges = network.hybridLink.type === 'none' ? [] : network.onPremisesRanges;

    new VpcFlowLog(this, 'FlowLogs', {
      vpc,
      encryptionKey: props.logsKey,
      retentionDays: network.flowLogRetentionDays,
    });
    // MGN replicates into this account's VPC when any of its servers moves with MGN.
    const usesMgn = account ? accountUsesMgn(model, account) : planUsesMgn(model);
    const endpoints = new ServiceEndpoints(this, 'Endpoints', {
      vpc,
      vpcCidr,
      account: account?.account ?? model.defaultAccount,
      region: model.estate.region,
      interfaceSubnets: this.serverSubnets,
      gatewaySubnets: [this.serverSubnets, this.databaseSubnets],
      ...(usesMgn
        ? {
            mgnBuckets: mgnBucketsFor(model.estate.region),
            mgnPrivateEndpoints: props.replicationNetwork === 'private',
          }
        : {}),
    });
    this.endpointSecurityGroup = endpoints.securityGroup;
    this.s3PrefixListId = s3PrefixListFor(model.estate.region);
    new HybridLink(this, 'HybridLink', {
      vpc,
      link: network.hybridLink,
      onPremisesRanges: network.onPremisesRanges,
      routedSubnetGroups: [SUBNET_GROUPS.servers, SUBNET_GROUPS.databases],
      attachmentSubnetGroup: SUBNET_GROUPS.servers,
      // No BGP ASN in the plan: static routes to each on-premises range.
      useBgp: network.hybridLink.type !== 'site-to-site-vpn' || network.hybridLink.bgpAsn !== undefined,
      logKey: props.logsKey,
      logRetentionDays: network.flowLogRetentionDays,
    });
  }
}

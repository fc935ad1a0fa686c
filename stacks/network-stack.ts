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
import type { Plan } from '../lib/plan/plan';
import { applyTags, sharedTags } from '../lib/tagging';
import type { OnPremisesRange } from '../lib/plan/schema';
import type { DeepReadonly } from '../lib/plan/plan';
import { defaultAccountFor, type WorkloadAccount } from '../lib/estate-model/accounts';
import { buildEstateModel } from '../lib/estate-model/build-estate-model';
import { EstateStack, workloadStackProps } from './private/estate-stack';
import { mgnBucketsFor, replicationNetworkOf } from '../lib/migration/replication-network';
import { accountUsesMgn, planUsesMgn } from './migration-stack';

export interface NetworkStackProps {
  /** The validated plan (network section). */
  readonly plan: Plan;
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
    const { account } = props;
    super(scope, {
      plan: props.plan,
      ...workloadStackProps(account, 'Network'),
      description: `${props.plan.estate.name}: ${account?.role === 'non-production' ? 'non-production ' : ''}VPC, flow logs, service endpoints and hybrid link`,
    });
    applyTags(this, account?.sharedTags ?? sharedTags(props.plan));
    const network = props.plan.network;
    const vpcCidr = account?.vpcCidr ?? network.vpcCidr;
    const { vpc } = new EstateVpc(this, 'Network', {
      vpcCidr,
      availabilityZones: network.availabilityZones,
      natGatewayCount: buildEstateModel(props.plan).network.natGatewaysPerVpc,
    });
    this.vpc = vpc;
    this.onPremisesRanges = network.hybridLink.type === 'none' ? [] : network.onPremisesRanges;

    new VpcFlowLog(this, 'FlowLogs', {
      vpc,
      encryptionKey: props.logsKey,
      retentionDays: network.flowLogRetentionDays,
    });
    // MGN replicates into this account's VPC when any of its servers moves with MGN.
    const usesMgn = account ? accountUsesMgn(props.plan, account) : planUsesMgn(props.plan);
    const endpoints = new ServiceEndpoints(this, 'Endpoints', {
      vpc,
      vpcCidr,
      account: account?.account ?? defaultAccountFor(props.plan),
      region: props.plan.estate.region,
      interfaceSubnets: this.serverSubnets,
      gatewaySubnets: [this.serverSubnets, this.databaseSubnets],
      ...(usesMgn
        ? {
            mgnBuckets: mgnBucketsFor(props.plan.estate.region),
            mgnPrivateEndpoints: replicationNetworkOf(buildEstateModel(props.plan)) === 'private',
          }
        : {}),
    });
    this.endpointSecurityGroup = endpoints.securityGroup;
    this.s3PrefixListId = s3PrefixListFor(props.plan.estate.region);
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

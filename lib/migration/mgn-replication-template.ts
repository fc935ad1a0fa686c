import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as mgn from 'aws-cdk-lib/aws-mgn';
import { Construct } from 'constructs';
import type { ReplicationNetwork } from './replication-network';

/** Properties of an {@link MgnReplicationTemplate}. */
export interface MgnReplicationTemplateProps {
  readonly vpc: ec2.IVpc;
  /** The staging-area subnet: a private subnet of the landing zone (no public address). */
  readonly stagingSubnet: ec2.ISubnet;
  /** Customer-managed key for the staging and replicated volumes. */
  readonly ebsKey: kms.IKey;
  /** On-premises ranges the replication agents connect from (TCP 1500). */
  readonly sourceCidrs: readonly string[];
  /** From estate.yaml `migration`. */
  readonly replicationServerInstanceType: string;
  /** Mbps per source server; 0 = no cap. */
  readonly bandwidthThrottleMbps: number;
  /** Tags on the staging-area resources MGN creates. */
  readonly stagingTags: Readonly<Record<string, string>>;
  /** How the replication servers reach the MGN API, EC2 and S3 (replication-network.ts). */
  readonly replicationNetwork: ReplicationNetwork;
  /**
   * Security group of the VPC's interface endpoints (MGN and EC2 among them when `private`).
   * Required when `private`.
   */
  readonly endpointSecurityGroup?: ec2.ISecurityGroup;
  /** The region's S3 managed prefix list (the gateway endpoint). Required when `private`. */
  readonly s3PrefixListId?: string;
}

/**
 * `AWS::MGN::ReplicationConfigurationTemplate`: replication servers in the landing zone's private
 * staging subnet, reached over the hybrid link on private addresses (no public IP), reaching MGN,
 * EC2 and S3 on HTTPS through the VPC's endpoints (`private`) or the NAT gateways, volumes
 * encrypted with the estate's CMK, a dedicated security group admitting only the agents' data port
 * (TCP 1500) from the on-premises ranges, and the plan's replication server type and throttle.
 */
export class MgnReplicationTemplate extends Construct {
  readonly template: mgn.CfnReplicationConfigurationTemplate;
  readonly securityGroup: ec2.SecurityGroup;

  constructor(scope: Construct, id: string, props: MgnReplicationTemplateProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'ReplicationServers', {
      vpc: props.vpc,
      description:
        'MGN replication servers: agent data (TCP 1500) from on-premises; HTTPS out to MGN, S3, EC2',
      allowAllOutbound: false,
    });
    for (const cidr of props.sourceCidrs) {
      this.securityGroup.addIngressRule(
        ec2.Peer.ipv4(cidr),
        ec2.Port.tcp(1500),
        `MGN agent data from ${cidr}`,
      );
    }
    // MGN user guide, "Network requirements": replication servers send TCP 443 to the MGN API
    // endpoint, and the staging area subnet needs S3.
    if (props.replicationNetwork === 'private') {
      if (!props.endpointSecurityGroup || !props.s3PrefixListId) {
        throw new Error(
          "migration.replicationNetwork private needs the interface endpoints' security group and the region's S3 prefix list (lib/network/s3-prefix-lists.ts); received " +
            `${props.endpointSecurityGroup ? 'a' : 'no'} security group and ${props.s3PrefixListId ?? 'no'} prefix list`,
        );
      }
      this.securityGroup.addEgressRule(
        props.endpointSecurityGroup,
        ec2.Port.tcp(443),
        'HTTPS to the MGN and EC2 interface endpoints',
      );
      this.securityGroup.addEgressRule(
        ec2.Peer.prefixList(props.s3PrefixListId),
        ec2.Port.tcp(443),
        'HTTPS to S3 through the gateway endpoint',
      );
    } else {
      this.securityGroup.addEgressRule(
        ec2.Peer.anyIpv4(),
        ec2.Port.tcp(443),
        'HTTPS to the MGN, EC2 and S3 public endpoints through the NAT gateways',
      );
    }
    this.template = new mgn.CfnReplicationConfigurationTemplate(this, 'Template', {
      associateDefaultSecurityGroup: false,
      replicationServersSecurityGroupsIDs: [this.securityGroup.securityGroupId],
      bandwidthThrottling: props.bandwidthThrottleMbps,
      createPublicIp: false,
      dataPlaneRouting: 'PRIVATE_IP',
      defaultLargeStagingDiskType: 'GP3',
      ebsEncryption: 'CUSTOM',
      ebsEncryptionKeyArn: props.ebsKey.keyArn,
      replicationServerInstanceType: props.replicationServerInstanceType,
      stagingAreaSubnetId: props.stagingSubnet.subnetId,
      stagingAreaTags: { ...props.stagingTags },
      useDedicatedReplicationServer: false,
    });
  }
}

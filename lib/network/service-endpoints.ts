import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { InterfaceEndpointId, MGN_INTERFACE_ENDPOINT_IDS } from './interface-endpoint-ids';

export interface ServiceEndpointsProps {
  readonly vpc: ec2.IVpc;
  /** VPC CIDR; the endpoint security group allows HTTPS from it and nothing else. */
  readonly vpcCidr: string;
  /** Subnets the interface endpoints live in (the servers' subnets). */
  readonly interfaceSubnets: ec2.SubnetSelection;
  /** Subnets whose route tables get the S3 gateway endpoint. */
  readonly gatewaySubnets: readonly ec2.SubnetSelection[];
  /** The estate's AWS account: the endpoints serve its principals and (S3) its buckets only. */
  readonly account: string;
  /** The estate's region, for the AWS-owned buckets Systems Manager needs. */
  readonly region: string;
  /**
   * MGN replicates into this VPC: the S3 endpoint also admits reads of these AWS-owned MGN buckets
   * (the staging subnet reaches S3 through it in either replication network).
   * @default - no MGN buckets
   */
  readonly mgnBuckets?: readonly string[];
  /**
   * MGN replicates privately: interface endpoints for the MGN and EC2 APIs, which the replication
   * servers reach on HTTPS (prescriptive guidance, "Rehost servers over private networks with
   * MGN": interface endpoints for MGN, EC2 and S3 in the staging VPC).
   * @default false
   */
  readonly mgnPrivateEndpoints?: boolean;
}

/** Interface endpoints added where MGN replicates privately, keyed by construct id. */
export const MGN_INTERFACE_ENDPOINTS: Readonly<
  Record<(typeof MGN_INTERFACE_ENDPOINT_IDS)[number], ec2.InterfaceVpcEndpointAwsService>
> = {
  Mgn: ec2.InterfaceVpcEndpointAwsService.APPLICATION_MIGRATION_SERVICE,
  Ec2: ec2.InterfaceVpcEndpointAwsService.EC2,
};

/**
 * AWS-owned buckets the SSM agent, Patch Manager, Distributor (the VSS components, the CloudWatch
 * agent) and the Amazon Linux repositories read from, as listed in the Systems Manager user guide
 * ("SSM Agent communications with AWS managed S3 buckets"). Read-only.
 */
export function awsOwnedBucketsFor(region: string): string[] {
  return [
    `aws-ssm-${region}`,
    `aws-windows-downloads-${region}`,
    `amazon-ssm-${region}`,
    `amazon-ssm-packages-${region}`,
    `${region}-birdwatcher-prod`,
    `aws-ssm-distributor-file-${region}`,
    `aws-ssm-document-attachments-${region}`,
    `patch-baseline-snapshot-${region}`,
    `amazoncloudwatch-agent-${region}`,
    `al2023-repos-${region}-de612dc2`,
  ];
}

/** Interface endpoints, keyed by construct id: what servers need without going through NAT. */
export const INTERFACE_ENDPOINTS: Readonly<Record<InterfaceEndpointId, ec2.InterfaceVpcEndpointAwsService>> =
  {
    Ssm: ec2.InterfaceVpcEndpointAwsService.SSM,
    SsmMessages: ec2.InterfaceVpcEndpointAwsService.SSM_MESSAGES,
    Ec2Messages: ec2.InterfaceVpcEndpointAwsService.EC2_MESSAGES,
    Kms: ec2.InterfaceVpcEndpointAwsService.KMS,
    Logs: ec2.InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
    SecretsManager: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
  };

/**
 * The S3 gateway endpoint and private-DNS interface endpoints for Systems Manager, KMS,
 * CloudWatch Logs and Secrets Manager, behind one security group that admits HTTPS from the VPC.
 * Endpoint policies keep them to the estate: interface endpoints serve only principals of the
 * estate's account; the S3 endpoint reaches only the account's own buckets, plus read-only access
 * to the AWS-owned buckets Systems Manager needs. Data cannot leave through them to another account.
 */
export class ServiceEndpoints extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  readonly interfaceEndpoints: Readonly<Record<string, ec2.InterfaceVpcEndpoint>>;
  readonly s3: ec2.GatewayVpcEndpoint;

  constructor(scope: Construct, id: string, props: ServiceEndpointsProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'AWS service interface endpoints: HTTPS from the VPC only',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(props.vpcCidr), ec2.Port.tcp(443), 'HTTPS from the VPC');

    const endpoints: Record<string, ec2.InterfaceVpcEndpoint> = {};
    const services = {
      ...INTERFACE_ENDPOINTS,
      ...(props.mgnPrivateEndpoints ? MGN_INTERFACE_ENDPOINTS : {}),
    };
    for (const [endpointId, service] of Object.entries(services)) {
      endpoints[endpointId] = new ec2.InterfaceVpcEndpoint(this, endpointId, {
        vpc: props.vpc,
        service,
        privateDnsEnabled: true,
        subnets: props.interfaceSubnets,
        securityGroups: [this.securityGroup],
        open: false,
      });
      endpoints[endpointId].addToPolicy(
        new iam.PolicyStatement({
          sid: 'EstateAccountPrincipalsOnly',
          principals: [new iam.AnyPrincipal()],
          actions: ['*'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:PrincipalAccount': props.account } },
        }),
      );
    }
    this.interfaceEndpoints = endpoints;
    this.s3 = new ec2.GatewayVpcEndpoint(this, 'S3', {
      vpc: props.vpc,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [...props.gatewaySubnets],
    });
    this.s3.addToPolicy(
      new iam.PolicyStatement({
        sid: 'EstateAccountBucketsOnly',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:*'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:ResourceAccount': props.account, 'aws:PrincipalAccount': props.account },
        },
      }),
    );
    this.s3.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadAwsOwnedSystemsManagerBuckets',
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject'],
        resources: awsOwnedBucketsFor(props.region).map((b) => `arn:${Stack.of(this).partition}:s3:::${b}/*`),
      }),
    );
    if (props.mgnBuckets && props.mgnBuckets.length > 0) {
      this.s3.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadAwsOwnedMgnBuckets',
          principals: [new iam.AnyPrincipal()],
          actions: ['s3:GetObject'],
          resources: props.mgnBuckets.map((b) => `arn:${Stack.of(this).partition}:s3:::${b}/*`),
        }),
      );
    }
  }
}

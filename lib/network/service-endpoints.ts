import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import type { InterfaceEndpointId } from './interface-endpoint-ids';

export interface ServiceEndpointsProps {
  readonly vpc: ec2.IVpc;
  /** VPC CIDR; the endpoint security group allows HTTPS from it and nothing else. */
  readonly vpcCidr: string;
  /** Subnets the interface endpoints live in (the servers' subnets). */
  readonly interfaceSubnets: ec2.SubnetSelection;
  /** Subnets whose route tables get the S3 gateway endpoint. */
  readonly gatewaySubnets: readonly ec2.SubnetSelection[];
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
    for (const [endpointId, service] of Object.entries(INTERFACE_ENDPOINTS)) {
      endpoints[endpointId] = new ec2.InterfaceVpcEndpoint(this, endpointId, {
        vpc: props.vpc,
        service,
        privateDnsEnabled: true,
        subnets: props.interfaceSubnets,
        securityGroups: [this.securityGroup],
        open: false,
      });
    }
    this.interfaceEndpoints = endpoints;
    this.s3 = new ec2.GatewayVpcEndpoint(this, 'S3', {
      vpc: props.vpc,
      service: ec2.GatewayVpcEndpointAwsService.S3,
      subnets: [...props.gatewaySubnets],
    });
  }
}

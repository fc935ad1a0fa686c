import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import { mgnTestLaunchParameterName, type MgnTestLaunch } from './mgn-test-launch';

/** Properties of {@link MgnTestIsolation}. */
export interface MgnTestIsolationProps {
  readonly vpc: ec2.IVpc;
  readonly estateId: string;
  /** The interface endpoints' security group (Systems Manager, KMS, Logs): HTTPS to it only. */
  readonly endpointSecurityGroup?: ec2.ISecurityGroup;
  /** The region's S3 prefix list (the gateway endpoint). @default - no S3 */
  readonly s3PrefixListId?: string;
}

/** The security group of MGN test instances and its published parameter (see mgn-test-launch.ts). */
export class MgnTestIsolation extends Construct {
  readonly securityGroup: ec2.SecurityGroup;
  readonly parameter: ssm.StringParameter;

  constructor(scope: Construct, id: string, props: MgnTestIsolationProps) {
    super(scope, id);
    this.securityGroup = new ec2.SecurityGroup(this, 'TestInstances', {
      vpc: props.vpc,
      description:
        'MGN test instances: nothing in; HTTPS out to the AWS service endpoints only (no on-premises)',
      allowAllOutbound: false,
    });
    if (props.endpointSecurityGroup) {
      this.securityGroup.addEgressRule(
        props.endpointSecurityGroup,
        ec2.Port.tcp(443),
        'Systems Manager and the agents, through the interface endpoints',
      );
    }
    if (props.s3PrefixListId) {
      this.securityGroup.addEgressRule(
        ec2.Peer.prefixList(props.s3PrefixListId),
        ec2.Port.tcp(443),
        'S3 through the gateway endpoint (agent packages)',
      );
    }
    const value: MgnTestLaunch = { securityGroupIds: [this.securityGroup.securityGroupId] };
    this.parameter = new ssm.StringParameter(this, 'Parameter', {
      parameterName: mgnTestLaunchParameterName(props.estateId),
      description: 'Security group migrate test places MGN test instances in',
      stringValue: Stack.of(this).toJsonString(value),
      tier: ssm.ParameterTier.STANDARD,
    });
  }
}

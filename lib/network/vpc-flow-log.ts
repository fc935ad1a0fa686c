import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { retentionDaysFor } from './flow-log-retention';

export interface VpcFlowLogProps {
  /** The VPC whose traffic is logged. */
  readonly vpc: ec2.IVpc;
  /** Customer-managed key for the log group (its policy must grant CloudWatch Logs). */
  readonly encryptionKey: kms.IKey;
  /** Days to keep flow logs; must be a period CloudWatch Logs accepts. */
  readonly retentionDays: number;
  /**
   * Flow logs are audit evidence and outlive the network.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** VPC flow logs of ALL traffic to a KMS-encrypted CloudWatch log group, with its delivery role. */
export class VpcFlowLog extends Construct {
  readonly logGroup: logs.LogGroup;
  readonly role: iam.Role;
  readonly flowLog: ec2.FlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.encryptionKey,
      retention: retentionDaysFor(props.retentionDays),
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    // A customer-managed policy (not an inline one) so auditors can review it on its own.
    const deliveryPolicy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: 'Write VPC flow log records to the flow log group',
      statements: [
        new iam.PolicyStatement({
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.logGroupArn],
        }),
      ],
    });
    this.role = new iam.Role(this, 'DeliveryRole', {
      description: 'Lets VPC Flow Logs deliver to the flow log group',
      assumedBy: new iam.ServicePrincipal('vpc-flow-logs.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({ service: 'ec2', resource: 'vpc-flow-log', resourceName: '*' }),
          },
        },
      }),
      managedPolicies: [deliveryPolicy],
    });
    this.flowLog = new ec2.FlowLog(this, 'FlowLog', {
      resourceType: ec2.FlowLogResourceType.fromVpc(props.vpc),
      // The role's permissions are fixed above; stop the destination adding an inline policy.
      destination: ec2.FlowLogDestination.toCloudWatchLogs(this.logGroup, this.role.withoutPolicyUpdates()),
      trafficType: ec2.FlowLogTrafficType.ALL,
    });
    // EC2 checks at CreateFlowLogs that the delivery role can write to the group ("Publish flow
    // logs to CloudWatch Logs", Amazon VPC User Guide: IAM role for publishing flow logs).
    this.flowLog.node.addDependency(deliveryPolicy);
  }
}

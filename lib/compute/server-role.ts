import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { vssStatements } from './vss-statements';

/** Properties of a {@link ServerRole}. */
export interface ServerRoleProps {
  /** Key for the servers' log group (`keyFor('logs', classification)`). */
  readonly logKey: kms.IKey;
  /** How long the servers' logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** CloudWatch namespace the agent may publish metrics to, e.g. `Estate/peterborough`. */
  readonly metricsNamespace: string;
  /**
   * The stack has Windows servers backed up with Windows VSS: the agent policy also lets each
   * server create VSS-consistent snapshots and images of its own instance (`vssStatements`).
   * @default false
   */
  readonly windowsVss?: boolean;
  /**
   * Session Manager's transcripts (the account's preferences document, lib/detective-controls):
   * the log group the agent streams sessions to and the key that encrypts the group and the
   * sessions. @default - no session-logging rights (the Organization's own preferences apply)
   */
  readonly sessionLogging?: { readonly logGroup: logs.ILogGroup; readonly key: kms.IKey };
  /**
   * Description of the role.
   * @default 'Migrated servers: Systems Manager and CloudWatch agent only'
   */
  readonly description?: string;
}

/**
 * The instance role and profile shared by the migrated servers of one stack: Systems Manager
 * (Session Manager, Patch Manager, Run Command) and the CloudWatch agent, nothing else.
 *
 * The agent's rights are a customer-managed policy, not AWS's CloudWatchAgentServerPolicy (which
 * allows `logs:PutRetentionPolicy` and writing to any log group): it may write streams of this
 * stack's own server log group (encrypted, retained) and metrics in the estate's namespace only. It
 * cannot create, delete or change the retention of any log group, so a compromised server cannot
 * weaken the audit trail. Windows servers backed up with VSS get the VSS snapshot rights in the
 * same policy, limited to their own instance (no AWS-managed AWSEC2VssSnapshotPolicy). No key pairs
 * are used anywhere: administrators connect through Session Manager.
 */
export class ServerRole extends Construct {
  readonly role: iam.Role;
  readonly instanceProfile: iam.InstanceProfile;
  /** Where the CloudWatch agent ships the servers' logs: `/estate/servers/<stack name>`. */
  readonly logGroup: logs.LogGroup;
  readonly agentPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ServerRoleProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/estate/servers/${Stack.of(this).stackName}`,
      encryptionKey: props.logKey,
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.agentPolicy = new iam.ManagedPolicy(this, 'AgentPolicy', {
      description: props.windowsVss
        ? 'Server agents: this stack server log group, the estate metrics namespace, VSS snapshots of the server itself'
        : 'CloudWatch agent: write this stack server log group and the estate metrics namespace only',
      statements: [
        new iam.PolicyStatement({
          sid: 'WriteOwnServerLogs',
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          resources: [this.logGroup.logGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'PublishEstateMetrics',
          // PutMetricData has no resource-level permissions; the namespace condition is the scope.
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': props.metricsNamespace } },
        }),
        ...(props.windowsVss ? vssStatements(Stack.of(this)) : []),
        ...(props.sessionLogging ? sessionStatements(props.sessionLogging) : []),
      ],
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
      description: props.description ?? 'Migrated servers: Systems Manager and CloudWatch agent only',
      managedPolicies: [
        iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore'),
        this.agentPolicy,
      ],
    });
    this.instanceProfile = new iam.InstanceProfile(this, 'Profile', { role: this.role });
  }
}

/**
 * What the SSM Agent needs for encrypted, logged sessions ("Step 2: Verify or add instance
 * permissions for Session Manager", AWS Systems Manager User Guide: kms:Decrypt on the session key;
 * logs:CreateLogStream, PutLogEvents, DescribeLogGroups and DescribeLogStreams for CloudWatch
 * Logs streaming), on the session log group only. The key policy lets the account delegate use
 * through IAM, so these identity statements are enough.
 */
function sessionStatements(session: {
  readonly logGroup: logs.ILogGroup;
  readonly key: kms.IKey;
}): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'StreamSessionTranscripts',
      actions: [
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'logs:DescribeLogStreams',
        'logs:DescribeLogGroups',
      ],
      resources: [session.logGroup.logGroupArn],
    }),
    new iam.PolicyStatement({
      sid: 'UseSessionKey',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [session.key.keyArn],
    }),
  ];
}

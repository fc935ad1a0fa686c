import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { administeredKey } from '../keys/administered-key';
import type { KeyAdministration } from '../keys/key-administration';
import type { DataClassification } from '../plan/schema';
import { RecoveryCopyRole, recoveryCopyKeyStatement } from './recovery-copy-role';
import { startOnEvent } from './start-on-event';

/** The tag every estate resource carries, which AWS Backup copies onto its recovery points. */
export const CLASSIFICATION_TAG = 'DataClassification';

/** A wildcard resource of a policy that AWS forces, and why (AwsSolutions-IAM5 is answered for it). */
export interface ForcedWildcard {
  readonly policy: iam.ManagedPolicy;
  readonly resource: string;
  readonly reason: string;
}

/** Properties of {@link RecoveryPointCopy}. */
export interface RecoveryPointCopyProps {
  /** The home-region recovery vault the workload accounts copy into (the copy's source). */
  readonly vaultName: string;
  readonly vaultArn: string;
  /** The home-region vault's key: the copy role may use it through AWS Backup, EC2 and RDS only. */
  readonly vaultKey: kms.IKey;
  /** The plan's `backup.copyRegion`, and the backup account's vault there (same name). */
  readonly copyRegion: string;
  readonly copyVaultArn: string;
  /** The plan's allowed regions: the copy region must be one of them, and not the home region. */
  readonly allowedRegions: readonly string[];
  /**
   * Classifications whose recovery points may leave the home region (by the recovery point's
   * `DataClassification` tag); a recovery point without the tag, or with another value, stays.
   */
  readonly copyClassifications: readonly DataClassification[];
  /** Name of the role AWS Backup copies with (fixed: the copy region's vault key names it). */
  readonly copyRoleName: string;
  readonly administration: KeyAdministration;
  /** Where failed copy executions are told (the backup account's alerts topic). @default - not told */
  readonly alertsTopic?: sns.ITopic;
}

/**
 * Classifications whose recovery points the backup account copies on to the plan's copy region:
 * OFFICIAL only. OFFICIAL-SENSITIVE recovery points stay in the home region (the UK) unless the
 * plan owner agrees otherwise (docs/organisation.md, "Backups that stay where the plan allows").
 */
export const COPY_REGION_CLASSIFICATIONS: readonly DataClassification[] = ['OFFICIAL'];

/**
 * EventBridge pattern of a completed copy job into one vault. AWS Backup sends "Copy Job State
 * Change" events (Amazon EventBridge events reference, "AWS Backup events"), whose detail carries
 * the copy job's fields as in the CopyJob API shape in camel case (`state`, `destinationBackupVaultArn`,
 * `destinationRecoveryPointArn`, `resourceType`; AWS Backup Developer Guide, "Monitoring AWS Backup
 * events using Amazon EventBridge": copy jobs report `state`, not `status`).
 */
export function completedCopyIntoVaultPattern(vaultArn: string): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: ['Copy Job State Change'],
    detail: { state: ['COMPLETED'], destinationBackupVaultArn: [vaultArn] },
  };
}

/** Step Functions log delivery and X-Ray actions: documented with Resource "*" only. */
const EXECUTION_LOG_ACTIONS = [
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
];

/**
 * The second hop of a backup copy, automated inside the backup account (AWS Backup copies an RDS
 * snapshot across accounts or across regions, never both at once: "Copy a backup", AWS Backup
 * Developer Guide). When a workload account's copy into the home-region recovery vault completes,
 * a Step Functions state machine (AWS SDK integrations only, no Lambda) reads the new recovery
 * point's `DataClassification` tag (AWS Backup copies the resource's tags onto its recovery points
 * and their copies: "Backup and tag copy") and, only for the classifications the plan lets leave
 * the home region, starts a copy to the same-named vault in the plan's copy region with a role of
 * its own. Anything else, or a recovery point with no tag, stays where it is. The copy jobs into
 * the vault belong to the workload accounts, which send their events to this account's bus
 * (lib/backup/copy-event-forwarding.ts); the second hop's own copy job names the copy vault, so
 * the rule never matches it.
 *
 * Rights, as narrow as AWS allows: the state machine may start copies only of this vault's
 * recovery points and only to the copy vault (`backup:CopyTargets`), read recovery point tags, and
 * pass the copy role to AWS Backup only. The copy role may copy into the copy vault only, and copy
 * EBS snapshots, AMIs and AWS Backup's RDS snapshots in the two regions only; the vault keys let it
 * in through AWS Backup, EC2 and RDS only. Resource patterns are unavoidable where AWS Backup
 * creates the resource (recovery points and the snapshots they hold get ids at run time) and where
 * an action has no resource-level permission (Step Functions log delivery, X-Ray, EC2 and RDS
 * Describe calls); the construct lists them with their reasons (`forcedWildcards`), and the
 * composition answers AwsSolutions-IAM5 for exactly those, on these policies only.
 */
export class RecoveryPointCopy extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly rule: events.Rule;
  readonly copyRole: iam.Role;
  readonly starterPolicy: iam.ManagedPolicy;
  readonly copyPolicy: iam.ManagedPolicy;
  readonly logGroup: logs.LogGroup;
  /**
   * The wildcard resources AWS forces on the two policies, each with its reason; the composition
   * acknowledges AwsSolutions-IAM5 for exactly these (lib/app/forced-wildcards.ts).
   */
  readonly forcedWildcards: readonly ForcedWildcard[];

  constructor(scope: Construct, id: string, props: RecoveryPointCopyProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const { account, region } = stack;
    checkCopyProps(id, props, account, region);
    const recoveryPoints = `arn:aws:backup:${region}:${account}:recovery-point:*`;

    // The role AWS Backup copies with, and what it may do.
    const copier = new RecoveryCopyRole(this, 'Copier', {
      roleName: props.copyRoleName,
      vaultName: props.vaultName,
      copyRegion: props.copyRegion,
      copyVaultArn: props.copyVaultArn,
    });
    this.copyRole = copier.role;
    this.copyPolicy = copier.policy;
    // The vault keys name the role in their policies; the home key is here, the copy region's key
    // in its own stack (recoveryCopyKeyStatement).
    props.vaultKey.addToResourcePolicy(recoveryCopyKeyStatement(stack, props.copyRoleName, region));
    // KMS refuses a key policy whose principal does not exist yet: the role comes first.
    props.vaultKey.node.addDependency(this.copyRole);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${stack.stackName}-recovery-copy`,
      encryptionKey: this.logsKey(props.administration, stack),
      retention: logs.RetentionDays.THIRTEEN_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.starterPolicy = this.createStarterPolicy(props, recoveryPoints);
    this.stateMachine = this.createStateMachine(props, account, region);
    this.rule = this.createTrigger(props, account);
    if (props.alertsTopic) this.alertOnFailure(props, props.alertsTopic);
    this.forcedWildcards = forcedWildcards(this, recoveryPoints, copier.runTimeResources);
  }

  /** What the state machine may do: start copies to the copy vault only, read tags, log, trace. */
  private createStarterPolicy(props: RecoveryPointCopyProps, recoveryPoints: string): iam.ManagedPolicy {
    return new iam.ManagedPolicy(this, 'StarterPolicy', {
      description: `Start copies of ${props.vaultName} recovery points to ${props.copyRegion} only; log and trace`,
      statements: [
        new iam.PolicyStatement({
          sid: 'StartCopiesToTheCopyVaultOnly',
          actions: ['backup:StartCopyJob'],
          resources: [recoveryPoints],
          conditions: {
            'ForAllValues:ArnEquals': { 'backup:CopyTargets': [props.copyVaultArn] },
            Null: { 'backup:CopyTargets': 'false' },
          },
        }),
        new iam.PolicyStatement({
          sid: 'ReadRecoveryPointTags',
          actions: ['backup:ListTags'],
          resources: [recoveryPoints],
        }),
        new iam.PolicyStatement({
          sid: 'PassTheCopyRoleToBackupOnly',
          actions: ['iam:PassRole'],
          resources: [this.copyRole.roleArn],
          conditions: { StringEquals: { 'iam:PassedToService': 'backup.amazonaws.com' } },
        }),
        new iam.PolicyStatement({
          sid: 'DeliverExecutionLogsAndTraces',
          // What Step Functions needs to deliver logs and traces (resource '*' per its guide).
          actions: EXECUTION_LOG_ACTIONS,
          resources: ['*'],
        }),
      ],
    });
  }

  /** The state machine and the role it runs as; it waits for the policies it needs at creation. */
  private createStateMachine(
    props: RecoveryPointCopyProps,
    account: string,
    region: string,
  ): sfn.StateMachine {
    const role = new iam.Role(this, 'StarterRole', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
      description: `Starts copies of ${props.vaultName} recovery points to ${props.copyRegion}`,
      managedPolicies: [this.starterPolicy],
    });
    const stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      queryLanguage: sfn.QueryLanguage.JSONATA,
      definitionBody: sfn.DefinitionBody.fromChainable(this.definition(props)),
      role: role.withoutPolicyUpdates(),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL },
      tracingEnabled: true,
      timeout: Duration.minutes(15),
      comment: `Copies a recovery point of ${props.vaultName} to ${props.copyRegion} when its classification may leave ${region}`,
    });
    // Step Functions checks at creation that the role may deliver logs: the policy comes first.
    stateMachine.node.addDependency(this.starterPolicy);
    // It names the copy role, which is usable only once its policy is attached.
    stateMachine.node.addDependency(this.copyPolicy);
    return stateMachine;
  }

  /** The rule that starts the state machine when a copy into the vault completes, and its role. */
  private createTrigger(props: RecoveryPointCopyProps, account: string): events.Rule {
    return startOnEvent(this, 'CopyCompleted', {
      stateMachine: this.stateMachine,
      account,
      eventPattern: completedCopyIntoVaultPattern(props.vaultArn),
      ruleDescription: `A copy into ${props.vaultName} completed: copy it on to ${props.copyRegion} if its classification allows`,
      roleDescription: 'EventBridge: start the recovery point copy',
    });
  }

  /** Failed, timed-out or aborted executions go to the backup alerts topic. */
  private alertOnFailure(props: RecoveryPointCopyProps, alertsTopic: sns.ITopic): void {
    const failed = new events.Rule(this, 'CopyFailed', {
      description: `The copy of a ${props.vaultName} recovery point to ${props.copyRegion} could not be started`,
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: {
          status: ['FAILED', 'TIMED_OUT', 'ABORTED'],
          stateMachineArn: [this.stateMachine.stateMachineArn],
        },
      },
    });
    failed.addTarget(new targets.SnsTopic(alertsTopic));
    failed.node.addDependency(alertsTopic);
  }

  /** A key for the execution log group, usable by CloudWatch Logs for this log group only. */
  private logsKey(administration: KeyAdministration, stack: Stack): kms.IKey {
    const key = administeredKey(this, 'LogsKey', {
      description: `${stack.stackName}: recovery point copy execution logs`,
      administration,
    });
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsForTheCopyLogGroup',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncryptFrom',
          'kms:ReEncryptTo',
          'kms:GenerateDataKey',
          'kms:DescribeKey',
        ],
        resources: ['*'],
        conditions: {
          ArnEquals: {
            'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${stack.region}:${stack.account}:log-group:/aws/vendedlogs/states/${stack.stackName}-recovery-copy`,
          },
        },
      }),
    );
    return key;
  }

  private definition(props: RecoveryPointCopyProps): sfn.IChainable {
    const allowed = JSON.stringify(props.copyClassifications);
    const start = sfn.Pass.jsonata(this, 'Start', {
      assign: { recoveryPoint: '{% $states.input.detail.destinationRecoveryPointArn %}' },
    });
    const tags = tasks.CallAwsService.jsonata(this, 'ReadClassification', {
      service: 'backup',
      action: 'listTags',
      iamResources: [`arn:aws:backup:${Stack.of(this).region}:${Stack.of(this).account}:recovery-point:*`],
      parameters: { ResourceArn: '{% $recoveryPoint %}' },
      assign: { classification: `{% $states.result.Tags.${CLASSIFICATION_TAG} %}` },
    });
    const copy = tasks.CallAwsService.jsonata(this, 'CopyToCopyRegion', {
      service: 'backup',
      action: 'startCopyJob',
      iamResources: [`arn:aws:backup:${Stack.of(this).region}:${Stack.of(this).account}:recovery-point:*`],
      parameters: {
        RecoveryPointArn: '{% $recoveryPoint %}',
        SourceBackupVaultName: props.vaultName,
        DestinationBackupVaultArn: props.copyVaultArn,
        IamRoleArn: this.copyRole.roleArn,
        // One copy per recovery point however often the event arrives.
        IdempotencyToken: "{% $split($recoveryPoint, ':')[-1] %}",
      },
    });
    copy.addRetry({
      errors: ['Backup.LimitExceededException', 'Backup.ServiceUnavailableException'],
      maxAttempts: 6,
      backoffRate: 2,
      interval: Duration.seconds(30),
    });
    const stays = sfn.Succeed.jsonata(this, 'StaysInHomeRegion', {
      comment: 'Its classification may not leave the home region (or it has none): not copied',
      outputs: {
        recoveryPoint: '{% $recoveryPoint %}',
        classification: '{% $classification %}',
        copied: false,
      },
    });
    const byClassification = sfn.Choice.jsonata(this, 'MayLeaveHomeRegion')
      .when(sfn.Condition.jsonata(`{% $exists($classification) and $classification in ${allowed} %}`), copy)
      .otherwise(stays);
    return start.next(tags).next(byClassification);
  }
}

/** The copy region must be another allowed region, and something must be allowed to go there. */
function checkCopyProps(id: string, props: RecoveryPointCopyProps, account: string, region: string): void {
  if (Token.isUnresolved(account) || Token.isUnresolved(region))
    throw new Error(`RecoveryPointCopy "${id}": the stack needs an explicit account and region`);
  if (props.copyRegion === region || !props.allowedRegions.includes(props.copyRegion))
    throw new Error(
      `RecoveryPointCopy "${id}": copy region ${props.copyRegion} is not another allowed region (home ${region}; allowed ${props.allowedRegions.join(', ')})`,
    );
  if (props.copyClassifications.length === 0)
    throw new Error(`RecoveryPointCopy "${id}": copyClassifications is empty; nothing would be copied`);
}

/**
 * The resource patterns AWS forces on the copy's two policies: recovery points and the EBS
 * snapshots, AMIs and RDS snapshots behind them are created by AWS Backup with ids known only at
 * run time ("Copy a backup"; the EC2 and RDS ARN formats name the snapshot id), and Step Functions
 * log delivery, X-Ray and the EC2 Describe calls have no resource-level permissions (Service
 * Authorization Reference). Every other wildcard in these policies still fails.
 */
function forcedWildcards(
  copy: RecoveryPointCopy,
  recoveryPoints: string,
  snapshots: readonly string[],
): ForcedWildcard[] {
  return [
    {
      policy: copy.starterPolicy,
      resource: recoveryPoints,
      reason:
        'Recovery points get their ids from AWS Backup at run time; only this vault account and region, and StartCopyJob only to the copy vault (backup:CopyTargets).',
    },
    {
      policy: copy.starterPolicy,
      resource: '*',
      reason:
        'Step Functions log delivery and X-Ray actions have no resource-level permissions (Step Functions Developer Guide, "Logging in CloudWatch Logs"; X-Ray).',
    },
    ...snapshots.map((resource) => ({
      policy: copy.copyPolicy,
      resource,
      reason:
        'The EBS snapshots, AMIs and RDS snapshots a copy reads and writes get their ids from AWS Backup at run time; limited to the backup account and the two regions.',
    })),
    {
      policy: copy.copyPolicy,
      resource: '*',
      reason:
        'ec2:DescribeSnapshots, ec2:DescribeImages and ec2:DescribeTags have no resource-level permissions (Service Authorization Reference, Amazon EC2); limited to the two regions (aws:RequestedRegion).',
    },
  ];
}

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { startOnEvent } from './start-on-event';

/** Where a restore test must have put its copy: the estate's restore-test placement. */
export interface RestorePlacement {
  /** The estate VPC (never the account's default VPC). */
  readonly vpcId: string;
  /** The isolated subnet restored EC2 instances go to. */
  readonly subnetId: string;
  /** The DB subnet group (isolated subnets) restored databases go to. */
  readonly dbSubnetGroupName: string;
  /** The restore-test security group (no rules) every copy must be behind. */
  readonly securityGroupId: string;
}

/** Properties of {@link RestoreValidation}. */
export interface RestoreValidationProps {
  /** The restore testing plan whose completed restore jobs are validated. */
  readonly restoreTestingPlanArn: string;
  readonly placement: RestorePlacement;
  /** Key for the state machine's log group (`keyFor('logs', ...)`). */
  readonly logKey: kms.IKey;
  /**
   * Minutes between looks at a copy that is still starting.
   * @default 5
   */
  readonly pollMinutes?: number;
  /**
   * Looks at a starting copy before the validation is reported TIMED_OUT (keep the total within
   * the selection's validation window).
   * @default 24 (two hours at 5 minutes)
   */
  readonly maxLooks?: number;
}

/** EventBridge pattern of a completed restore job of one restore testing plan (AWS Backup events). */
export function completedRestoreTestPattern(restoreTestingPlanArn: string): events.EventPattern {
  return {
    source: ['aws.backup'],
    detailType: ['Restore Job State Change'],
    detail: { status: ['COMPLETED'], restoreTestingPlanArn: [restoreTestingPlanArn] },
  };
}

/**
 * The validation step of restore testing. When AWS Backup completes a restore job of the estate's
 * restore testing plan (EventBridge "Restore Job State Change", status COMPLETED, the plan's ARN),
 * a Step Functions state machine (AWS SDK integrations only, no Lambda) looks at the restored copy:
 * an EC2 instance must be in the restore-test subnet of the estate VPC, behind the restore-test
 * security group, and running; an RDS instance must be in the restore-test DB subnet group of the
 * estate VPC, behind that group, and available. It reports SUCCESSFUL or FAILED (with what was
 * wrong) to AWS Backup with PutRestoreValidationResult, or TIMED_OUT if the copy never finished
 * starting; a failed look is reported FAILED with the error. Executions are logged (all events) to
 * an encrypted log group and traced with X-Ray.
 *
 * The roles' rights are customer-managed policies: the validator may only describe EC2 and RDS
 * instances, report validation results, deliver its logs and traces (none of these has
 * resource-level permissions, hence `*`); EventBridge may only start this state machine.
 */
export class RestoreValidation extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly rule: events.Rule;
  readonly logGroup: logs.LogGroup;
  readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: RestoreValidationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const pollMinutes = props.pollMinutes ?? 5;
    const maxLooks = props.maxLooks ?? 24;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/${stack.stackName}-restore-validation`,
      encryptionKey: props.logKey,
      retention: logs.RetentionDays.THIRTEEN_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.policy = new iam.ManagedPolicy(this, 'RestoreValidationPolicy', {
      description: 'Restore test validation: describe restored copies, report the result, log and trace',
      statements: [
        new iam.PolicyStatement({
          sid: 'LookAtRestoredCopies',
          // No resource-level permissions for these Describe calls.
          actions: ['ec2:DescribeInstances', 'rds:DescribeDBInstances'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ReportValidation',
          actions: ['backup:PutRestoreValidationResult'],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'DeliverExecutionLogs',
          // What Step Functions needs to deliver logs to CloudWatch Logs (resource '*' per its guide).
          actions: [
            'logs:CreateLogDelivery',
            'logs:GetLogDelivery',
            'logs:UpdateLogDelivery',
            'logs:DeleteLogDelivery',
            'logs:ListLogDeliveries',
            'logs:PutResourcePolicy',
            'logs:DescribeResourcePolicies',
            'logs:DescribeLogGroups',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'SendTraces',
          actions: [
            'xray:PutTraceSegments',
            'xray:PutTelemetryRecords',
            'xray:GetSamplingRules',
            'xray:GetSamplingTargets',
          ],
          resources: ['*'],
        }),
      ],
    });
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Restore test validation state machine',
      managedPolicies: [this.policy],
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      queryLanguage: sfn.QueryLanguage.JSONATA,
      definitionBody: sfn.DefinitionBody.fromChainable(
        this.definition(props.placement, pollMinutes, maxLooks),
      ),
      // Every right is in the managed policy above; nothing is added to an inline policy.
      role: role.withoutPolicyUpdates(),
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL },
      tracingEnabled: true,
      timeout: Duration.hours(4),
      comment: 'Validates a restore test copy and reports it to AWS Backup',
    });
    // Step Functions checks at creation that the role may deliver logs (logs:CreateLogDelivery...,
    // "Logging in CloudWatch Logs", Step Functions Developer Guide): the policy comes first.
    this.stateMachine.node.addDependency(this.policy);
    this.rule = startOnEvent(this, 'RestoreCompleted', {
      stateMachine: this.stateMachine,
      account: stack.account,
      eventPattern: completedRestoreTestPattern(props.restoreTestingPlanArn),
      ruleDescription: 'A restore test copy is ready: validate it',
      roleDescription: 'EventBridge: start the restore test validation',
    });
  }

  private definition(p: RestorePlacement, pollMinutes: number, maxLooks: number): sfn.IChainable {
    const job = '$states.input.detail';
    const report = (id: string, status: string, message: string) =>
      tasks.CallAwsService.jsonata(this, id, {
        service: 'backup',
        action: 'putRestoreValidationResult',
        iamResources: ['*'],
        parameters: {
          RestoreJobId: `{% $job.restoreJobId %}`,
          ValidationStatus: status,
          ValidationStatusMessage: message,
        },
      });
    const reportResult = report(
      'ReportResult',
      "{% $problems = [] ? 'SUCCESSFUL' : 'FAILED' %}",
      "{% $problems = [] ? 'Restored copy is in the restore-test subnet and security group of the estate VPC, and healthy' : $join($problems, '; ') %}",
    );
    const reportTimedOut = report(
      'ReportTimedOut',
      'TIMED_OUT',
      `{% 'Restored copy still not running or available after ${maxLooks} looks: ' & $join($problems, '; ') %}`,
    );
    const reportError = report(
      'ReportError',
      'FAILED',
      "{% 'Validation could not look at the copy: ' & $states.input.Cause %}",
    );
    const start = sfn.Pass.jsonata(this, 'Start', {
      assign: { job: `{% ${job} %}`, looks: 0, problems: [] },
    });
    const wait = sfn.Wait.jsonata(this, 'LetItStart', {
      time: sfn.WaitTime.duration(Duration.minutes(pollMinutes)),
    });
    const inList = (value: string, list: string) => `(${value} in ${list})`;
    const ec2 = tasks.CallAwsService.jsonata(this, 'DescribeInstance', {
      service: 'ec2',
      action: 'describeInstances',
      iamResources: ['*'],
      parameters: { InstanceIds: ["{% $split($job.createdResourceArn, '/')[-1] %}"] },
      assign: {
        looks: '{% $looks + 1 %}',
        starting: "{% $states.result.Reservations[0].Instances[0].State.Name = 'pending' %}",
        problems: `{% ( $i := $states.result.Reservations[0].Instances[0]; $append($append($append(
          $i.VpcId = '${p.vpcId}' ? [] : ['not in the estate VPC (' & $i.VpcId & ')'],
          $i.SubnetId = '${p.subnetId}' ? [] : ['not in the restore-test subnet (' & $i.SubnetId & ')']),
          ${inList(`'${p.securityGroupId}'`, '$i.SecurityGroups.GroupId')} and $count($i.SecurityGroups) = 1 ? [] : ['not behind the restore-test security group alone']),
          $i.State.Name = 'running' ? [] : ['instance is ' & $i.State.Name]) ) %}`,
      },
    });
    const rds = tasks.CallAwsService.jsonata(this, 'DescribeDatabase', {
      service: 'rds',
      action: 'describeDBInstances',
      iamResources: ['*'],
      parameters: { DBInstanceIdentifier: "{% $split($job.createdResourceArn, ':')[-1] %}" },
      assign: {
        looks: '{% $looks + 1 %}',
        starting: `{% $states.result.DBInstances[0].DBInstanceStatus in ['creating', 'backing-up', 'modifying', 'configuring-enhanced-monitoring', 'configuring-log-exports'] %}`,
        problems: `{% ( $d := $states.result.DBInstances[0]; $append($append($append(
          $d.DBSubnetGroup.VpcId = '${p.vpcId}' ? [] : ['not in the estate VPC (' & $d.DBSubnetGroup.VpcId & ')'],
          $lowercase($d.DBSubnetGroup.DBSubnetGroupName) = $lowercase('${p.dbSubnetGroupName}') ? [] : ['not in the restore-test subnet group (' & $d.DBSubnetGroup.DBSubnetGroupName & ')']),
          ${inList(`'${p.securityGroupId}'`, '$d.VpcSecurityGroups.VpcSecurityGroupId')} and $count($d.VpcSecurityGroups) = 1 ? [] : ['not behind the restore-test security group alone']),
          $d.DBInstanceStatus = 'available' ? [] : ['database is ' & $d.DBInstanceStatus]) ) %}`,
      },
    });
    const unknownType = report(
      'ReportUnknownType',
      'FAILED',
      "{% 'No validation is defined for resource type ' & $job.resourceType %}",
    );
    for (const look of [ec2, rds]) look.addCatch(reportError, { errors: ['States.ALL'] });
    const afterLook = sfn.Choice.jsonata(this, 'StillStarting')
      .when(sfn.Condition.jsonata(`{% $starting and $looks < ${maxLooks} %}`), wait)
      .when(sfn.Condition.jsonata('{% $starting %}'), reportTimedOut)
      .otherwise(reportResult);
    ec2.next(afterLook);
    rds.next(afterLook);
    const byType = sfn.Choice.jsonata(this, 'ByResourceType')
      .when(sfn.Condition.jsonata("{% $job.resourceType = 'EC2' %}"), ec2)
      .when(sfn.Condition.jsonata("{% $job.resourceType = 'RDS' %}"), rds)
      .otherwise(unknownType);
    wait.next(byType);
    return start.next(wait);
  }
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { isAbsolute, join } from 'node:path';
import { servicePrincipalForAccount } from '../shared/service-trust';
import { monthlyReportCode } from './monthly-report-code';

/**
 * When the job runs: 07:00 Europe/London on the first weekday of each month. Cron's `1W` is "the
 * weekday nearest the 1st" and never leaves the month, so a 1st on Saturday runs Monday the 3rd,
 * on Sunday Monday the 2nd. Cron knows no bank holidays: on 1 January (and an Easter Monday that
 * is a month's first weekday) the report still arrives that morning, ready for the next working day.
 */
export const MONTHLY_REPORT_SCHEDULE = {
  expression: 'cron(0 7 1W * ? *)',
  timeZone: 'Europe/London',
} as const;

/** The Lambda runtime: Node.js 22, the newest line the project's pinned AWS SDK versions support. */
export const MONTHLY_REPORT_RUNTIME = lambda.Runtime.NODEJS_22_X;

/** What the function reads its billing data from, and what that needs. */
export type MonthlyReportBilling =
  | { readonly kind: 'cost-explorer' }
  | {
      readonly kind: 'athena';
      readonly workGroupArn: string;
      readonly glueResources: readonly string[];
      readonly exportBucket: s3.IBucket;
      readonly resultsPrefix: string;
    };

/** Properties of {@link MonthlyReportFunction}. */
export interface MonthlyReportFunctionProps {
  /** Repository root: esbuild resolves `entry`'s imports from the project's own node_modules. */
  readonly projectRoot: string;
  /** The Lambda entry point, relative to `projectRoot`. */
  readonly entry: string;
  /** The plan folder (absolute, or relative to `projectRoot`), copied next to the bundle as `plan/`. */
  readonly planDir: string;
  readonly billing: MonthlyReportBilling;
  readonly reportBucket: s3.IBucket;
  readonly topic: sns.ITopic;
  readonly key: kms.IKey;
}

/**
 * The monthly cost report job: a Lambda function bundled at synth with esbuild (locally, no
 * Docker; deterministic, so two synths give the same asset), run by EventBridge Scheduler on the
 * first weekday of the month, with a role that can read billing (Cost Explorer, or Athena over
 * the export), write `reports/` in the report bucket and publish to the finance topic, nothing else.
 * Failed runs go to the finance topic (dead-letter target).
 */
export class MonthlyReportFunction extends Construct {
  readonly function: nodejs.NodejsFunction;
  readonly role: iam.Role;
  readonly schedule: scheduler.CfnSchedule;

  constructor(scope: Construct, id: string, props: MonthlyReportFunctionProps) {
    super(scope, id);
    const planDir = isAbsolute(props.planDir) ? props.planDir : join(props.projectRoot, props.planDir);
    const logGroup = new logs.LogGroup(this, 'Logs', {
      encryptionKey: props.key,
      retention: logs.RetentionDays.THIRTEEN_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Monthly cost report: read billing, write reports/, publish to the finance topic',
    });
    this.function = new nodejs.NodejsFunction(this, 'Function', {
      // Bundled by esbuild in this process (monthly-report-code.ts), as NodejsFunction would bundle it.
      code: monthlyReportCode({
        projectRoot: props.projectRoot,
        entry: join(props.projectRoot, props.entry),
        planDir,
        runtime: MONTHLY_REPORT_RUNTIME,
      }),
      handler: 'index.handler',
      runtime: MONTHLY_REPORT_RUNTIME,
      architecture: lambda.Architecture.X86_64,
      memorySize: 1024,
      timeout: Duration.minutes(10),
      reservedConcurrentExecutions: 1,
      // Immutable here: every permission is in the one managed policy below, none added inline.
      role: this.role.withoutPolicyUpdates(),
      logGroup,
      deadLetterTopic: props.topic,
      retryAttempts: 2,
      description: 'Monthly AWS cost report against the legacy baseline (lib/cost/monthly)',
      environment: {
        BILLING_SOURCE: props.billing.kind,
        REPORT_BUCKET: props.reportBucket.bucketName,
        TOPIC_ARN: props.topic.topicArn,
      },
    });
    // Lambda checks at creation that the role may publish to the dead-letter topic ("Dead-letter
    // queues", AWS Lambda Developer Guide: the execution role needs sns:Publish), so the function
    // waits for its policy and for the topic (and its policy) it names.
    const policy = this.grantLeastPrivilege(props, logGroup);
    this.function.node.addDependency(policy, props.topic, props.reportBucket);

    const schedulerRole = new iam.Role(this, 'SchedulerRole', {
      // EventBridge Scheduler User Guide, "Confused deputy prevention": aws:SourceAccount in the
      // execution role's trust (any schedule of this account).
      assumedBy: servicePrincipalForAccount(this, 'scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler: invoke the monthly cost report function',
    });
    const schedulerPolicy = new iam.ManagedPolicy(this, 'SchedulerPolicy', {
      roles: [schedulerRole],
      statements: [
        new iam.PolicyStatement({
          actions: ['lambda:InvokeFunction'],
          resources: [this.function.functionArn],
        }),
      ],
    });
    this.schedule = new scheduler.CfnSchedule(this, 'Schedule', {
      description: "First weekday of the month, 07:00 UK time: last month's cost report",
      scheduleExpression: MONTHLY_REPORT_SCHEDULE.expression,
      scheduleExpressionTimezone: MONTHLY_REPORT_SCHEDULE.timeZone,
      flexibleTimeWindow: { mode: 'OFF' },
      state: 'ENABLED',
      target: {
        arn: this.function.functionArn,
        roleArn: schedulerRole.roleArn,
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 6 * 3600 },
      },
    });
    // The schedule's role must already allow lambda:InvokeFunction when the schedule is created.
    this.schedule.node.addDependency(schedulerPolicy);
  }

  /** One customer-managed policy (no inline policies): only what the job does. */
  private grantLeastPrivilege(
    props: MonthlyReportFunctionProps,
    logGroup: logs.ILogGroup,
  ): iam.ManagedPolicy {
    const statements = [
      new iam.PolicyStatement({
        sid: 'WriteTheJobLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
      new iam.PolicyStatement({
        sid: 'WriteTheReports',
        actions: ['s3:PutObject'],
        resources: [props.reportBucket.arnForObjects('reports/*')],
      }),
      new iam.PolicyStatement({
        sid: 'SendTheSummary',
        actions: ['sns:Publish'],
        resources: [props.topic.topicArn],
      }),
      new iam.PolicyStatement({
        sid: 'UseTheFinanceKey',
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: [props.key.keyArn],
      }),
    ];
    if (props.billing.kind === 'cost-explorer') {
      statements.push(
        new iam.PolicyStatement({
          sid: 'ReadCostExplorer',
          // Cost Explorer has no resource-level permissions: '*' is the only resource it accepts.
          actions: ['ce:GetCostAndUsage', 'ce:GetCostForecast'],
          resources: ['*'],
        }),
      );
    } else {
      const b = props.billing;
      statements.push(
        new iam.PolicyStatement({
          sid: 'QueryInTheFinanceWorkGroup',
          actions: [
            'athena:StartQueryExecution',
            'athena:GetQueryExecution',
            'athena:GetQueryResults',
            'athena:StopQueryExecution',
          ],
          resources: [b.workGroupArn],
        }),
        new iam.PolicyStatement({
          sid: 'ReadTheBillingTable',
          actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions'],
          resources: [...b.glueResources],
        }),
        new iam.PolicyStatement({
          sid: 'ReadTheExport',
          actions: ['s3:GetObject', 's3:ListBucket', 's3:GetBucketLocation'],
          resources: [b.exportBucket.bucketArn, b.exportBucket.arnForObjects('*')],
        }),
        new iam.PolicyStatement({
          sid: 'WriteQueryResults',
          actions: [
            's3:PutObject',
            's3:GetObject',
            's3:ListBucket',
            's3:GetBucketLocation',
            's3:AbortMultipartUpload',
          ],
          resources: [props.reportBucket.bucketArn, props.reportBucket.arnForObjects(`${b.resultsPrefix}*`)],
        }),
      );
    }
    return new iam.ManagedPolicy(this, 'Policy', {
      description: 'Monthly cost report job: least privilege',
      roles: [this.role],
      statements,
    });
  }
}

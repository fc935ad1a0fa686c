/**
 * Template assertions for finance in AWS, built from the bundled example plan: budgets, the
 * finance topic, the export and report buckets, Glue and Athena, the monthly job (esbuild bundle,
 * schedule, least-privilege role), and the us-east-1 billing configuration (data export, anomaly
 * alerts) holding nothing but billing configuration.
 */
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BILLING_CONFIGURATION_RESOURCE_TYPES } from '../../lib/compliance/uk-public-sector/rules/allowed-region';
import { FOCUS_TABLE_COLUMNS } from '../../lib/cost/focus/focus-table';
import { loadPlan, type Plan } from '../../lib/plan';
import { BillingConfigurationStack } from '../../stacks/billing-configuration-stack';
import { CostGovernanceStack } from '../../stacks/cost-governance-stack';
import { cdkContext } from '../compliance/support/tiny-app';
import { buildEstateModel } from '../../lib/estate-model';
import { budgetEstimate } from '../../lib/app/estate-app';

/** A policy statement or budget notification as the template holds it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- template JSON, asserted field by field
type Statement = Record<string, any>;

const PLAN_DIR = resolve(__dirname, '../../migration-plans/peterborough');
const plan = loadPlan(PLAN_DIR);
const finance = plan.finance!;

function build(p: Plan = plan) {
  const app = new App({ context: cdkContext(), outdir: mkdtempSync(join(tmpdir(), 'finance-stack-')) });
  const model = buildEstateModel(p);
  const cost = new CostGovernanceStack(app, { model, estimate: budgetEstimate(model) });
  const billing = new BillingConfigurationStack(app, { model });
  return { cost, billing, t: Template.fromStack(cost), b: Template.fromStack(billing) };
}

const built = build();
const { t, b } = built;

describe('budgets', () => {
  it('one monthly budget per wave and per application, filtered on the cost-allocation tag', () => {
    t.resourceCountIs('AWS::Budgets::Budget', plan.waves.length + plan.applications.length);
    const wave = built.cost.amounts.waves[0]!;
    t.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: `peterborough-wave-${wave.id}`,
        BudgetType: 'COST',
        TimeUnit: 'MONTHLY',
        BudgetLimit: { Amount: Number(wave.amountUsd), Unit: 'USD' },
        CostFilters: { TagKeyValue: [`user:MigrationWave$${wave.id}`] },
      },
    });
  });

  it('alerts at actual 50/80/100 % and forecast 100 % to the owner and the finance topic', () => {
    const budgets = t.findResources('AWS::Budgets::Budget');
    const topic = Object.keys(t.findResources('AWS::SNS::Topic'))[0]!;
    for (const r of Object.values(budgets)) {
      const n = (r as { Properties: { NotificationsWithSubscribers: Statement[] } }).Properties
        .NotificationsWithSubscribers;
      expect(n.map((x) => [x.Notification.NotificationType, x.Notification.Threshold])).toEqual([
        ['ACTUAL', 50],
        ['ACTUAL', 80],
        ['ACTUAL', 100],
        ['FORECASTED', 100],
      ]);
      for (const x of n) {
        expect(x.Notification).toMatchObject({
          ComparisonOperator: 'GREATER_THAN',
          ThresholdType: 'PERCENTAGE',
        });
        expect(x.Subscribers).toEqual([
          { SubscriptionType: 'EMAIL', Address: finance.ownerEmail },
          { SubscriptionType: 'SNS', Address: { Ref: topic } },
        ]);
      }
    }
  });

  it('takes amounts from the plan when given, else the estimate plus the stated margin', () => {
    const waveId = plan.waves[1]!.id;
    const custom: Plan = {
      ...plan,
      finance: { ...finance, budgets: { ...finance.budgets, waves: { [waveId]: '12345.00' } } },
    };
    const amounts = build(custom).cost.amounts;
    expect(amounts.waves.find((w) => w.id === waveId)).toMatchObject({
      amountUsd: '12345.00',
      basis: 'amount set in the plan',
    });
    const other = built.cost.amounts.waves[0]!;
    expect(other.basis).toMatch(/^cost estimate \d+\.\d\d USD \+ 20% margin$/);
    const estimated = Number(/estimate ([\d.]+)/.exec(other.basis)![1]);
    expect(Number(other.amountUsd)).toBe(Math.max(10, Math.ceil(estimated * 1.2)));
  });
});

describe('finance topic', () => {
  it('is encrypted with the finance key, TLS-only, and lets only Budgets of this account publish', () => {
    t.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'peterborough-finance',
      KmsMasterKeyId: Match.anyValue(),
    });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Sid: 'AllowBudgetsToPublish',
            Principal: { Service: 'budgets.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': plan.estate.account } },
          }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: finance.contacts[0] });
  });
});

describe('export bucket', () => {
  const exportBucket = () =>
    Object.entries(t.findResources('AWS::S3::Bucket')).find(([, r]) =>
      String((r as { Properties: { BucketName: string } }).Properties.BucketName).endsWith('-focus-export'),
    )!;

  it('is in the estate region, KMS-encrypted, versioned, access-logged, public access blocked, with lifecycle rules', () => {
    const [, r] = exportBucket();
    expect(built.cost.region).toBe('eu-west-2');
    expect((r as { Properties: Record<string, unknown> }).Properties).toMatchObject({
      BucketName: 'peterborough-123456789012-eu-west-2-focus-export',
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: {
        DestinationBucketName: { Ref: expect.stringMatching(/^BucketsAccessLogs/) },
        LogFilePrefix: 'focus-export/',
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: [expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 2557 })],
      },
    });
  });

  it('lets only the billing service write (Data Exports, for this account), TLS only', () => {
    const [id] = exportBucket();
    const policy = Object.values(t.findResources('AWS::S3::BucketPolicy')).find(
      (p) =>
        JSON.stringify((p as { Properties: { Bucket: unknown } }).Properties.Bucket) ===
        JSON.stringify({ Ref: id }),
    ) as { Properties: { PolicyDocument: { Statement: Statement[] } } };
    const statements = policy.Properties.PolicyDocument.Statement;
    const allow = statements.filter((s) => s.Effect === 'Allow');
    expect(allow).toHaveLength(1);
    expect(allow[0]).toMatchObject({
      Sid: 'BillingServiceWritesTheExport',
      Principal: { Service: ['bcm-data-exports.amazonaws.com', 'billingreports.amazonaws.com'] },
      Action: ['s3:GetBucketPolicy', 's3:PutObject'],
      Condition: {
        StringEquals: { 'aws:SourceAccount': plan.estate.account },
        StringLike: {
          'aws:SourceArn': [
            `arn:aws:bcm-data-exports:us-east-1:${plan.estate.account}:export/*`,
            `arn:aws:cur:us-east-1:${plan.estate.account}:definition/*`,
          ],
        },
      },
    });
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'NobodyElseWritesTheExport',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 's3:PutObject',
        Condition: {
          StringNotEquals: {
            'aws:PrincipalServiceName': ['bcm-data-exports.amazonaws.com', 'billingreports.amazonaws.com'],
          },
        },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });
});

describe('Glue table and Athena workgroup', () => {
  it('declares the FOCUS columns and the billing-period partition over the export', () => {
    t.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'peterborough_billing' } });
    t.hasResourceProperties('AWS::Glue::Table', {
      DatabaseName: 'peterborough_billing',
      TableInput: {
        Name: 'focus_1_0',
        PartitionKeys: [{ Name: 'billing_period', Type: 'string' }],
        Parameters: Match.objectLike({
          'projection.enabled': 'true',
          'storage.location.template':
            's3://peterborough-123456789012-eu-west-2-focus-export/focus/peterborough-focus-1-0/data/BILLING_PERIOD=${billing_period}/',
        }),
        StorageDescriptor: Match.objectLike({
          Columns: FOCUS_TABLE_COLUMNS.map((c) => ({ Name: c.name.toLowerCase(), Type: c.glueType })),
        }),
      },
    });
  });

  it('encrypts results with the finance key, enforces its settings and limits bytes scanned', () => {
    t.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'peterborough-finance',
      WorkGroupConfiguration: {
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: finance.athenaScanLimitGb * 1_000_000_000,
        ResultConfiguration: {
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: Match.anyValue() },
          OutputLocation: 's3://peterborough-123456789012-eu-west-2-cost-reports/athena-results/',
        },
      },
    });
  });
});

describe('monthly report job', () => {
  it('runs at 07:00 UK time on the first weekday of the month', () => {
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 7 1W * ? *)',
      ScheduleExpressionTimezone: 'Europe/London',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: { Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('MonthlyReportFunction'), 'Arn'] } },
    });
  });

  it('is a Node.js 22 function bundled into an asset, with the report bucket and topic in its environment', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      ReservedConcurrentExecutions: 1,
      Environment: {
        Variables: {
          BILLING_SOURCE: 'cost-explorer',
          REPORT_BUCKET: Match.anyValue(),
          TOPIC_ARN: Match.anyValue(),
        },
      },
      DeadLetterConfig: { TargetArn: Match.anyValue() },
    });
  });

  it('has one managed policy: Cost Explorer read, its reports prefix, its topic and key; nothing inline', () => {
    t.resourceCountIs('AWS::IAM::Policy', 0);
    const policy = Object.values(t.findResources('AWS::IAM::ManagedPolicy')).find((p) =>
      JSON.stringify(p).includes('ReadCostExplorer'),
    ) as { Properties: { PolicyDocument: { Statement: Statement[] } } };
    const bySid = Object.fromEntries(policy.Properties.PolicyDocument.Statement.map((s) => [s.Sid, s]));
    expect(Object.keys(bySid).sort()).toEqual([
      'ReadCostExplorer',
      'SendTheSummary',
      'UseTheFinanceKey',
      'WriteTheJobLogs',
      'WriteTheReports',
    ]);
    expect(bySid.ReadCostExplorer).toMatchObject({
      Action: ['ce:GetCostAndUsage', 'ce:GetCostForecast'],
      Resource: '*',
    });
    expect(bySid.WriteTheReports.Action).toBe('s3:PutObject');
    expect(JSON.stringify(bySid.WriteTheReports.Resource)).toContain('/reports/*');
    expect(bySid.SendTheSummary).toMatchObject({
      Action: 'sns:Publish',
      Resource: { Ref: expect.any(String) },
    });
    expect(bySid.UseTheFinanceKey.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
  });

  const athena = build({ ...plan, finance: { ...finance, monthlyReportSource: 'athena' } }).t;

  it('reading Athena instead: workgroup, table and export read, results prefix; no Cost Explorer', () => {
    const policy = Object.values(athena.findResources('AWS::IAM::ManagedPolicy')).find((p) =>
      JSON.stringify(p).includes('QueryInTheFinanceWorkGroup'),
    ) as { Properties: { PolicyDocument: { Statement: Statement[] } } };
    const text = JSON.stringify(policy);
    expect(text).not.toContain('ce:');
    expect(text).toContain('arn:aws:athena:eu-west-2:123456789012:workgroup/peterborough-finance');
    expect(text).toContain('arn:aws:glue:eu-west-2:123456789012:table/peterborough_billing/focus_1_0');
    athena.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ BILLING_SOURCE: 'athena' }) },
    });
  });

  it('bundles the same asset on every synth (offline, deterministic)', () => {
    const key = (tpl: Template) =>
      JSON.stringify(
        Object.values(tpl.findResources('AWS::Lambda::Function')).map(
          (f) => (f as { Properties: { Code: unknown } }).Properties.Code,
        ),
      );
    expect(key(build().t)).toBe(key(t));
  });
});

describe('billing configuration stack (us-east-1)', () => {
  it('holds only billing configuration, no data', () => {
    expect(built.billing.region).toBe('us-east-1');
    const types = Object.values(b.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types.length).toBe(3);
    for (const type of types) expect(BILLING_CONFIGURATION_RESOURCE_TYPES).toContain(type);
  });

  it('exports FOCUS 1.0 as Parquet into the estate-region bucket', () => {
    b.hasResourceProperties('AWS::BCMDataExports::Export', {
      Export: {
        Name: 'peterborough-focus-1-0',
        DataQuery: {
          QueryStatement: Match.stringLikeRegexp('^SELECT BillingAccountId, .* FROM FOCUS_1_0_AWS$'),
          TableConfigurations: { FOCUS_1_0_AWS: {} },
        },
        DestinationConfigurations: {
          S3Destination: {
            S3Bucket: 'peterborough-123456789012-eu-west-2-focus-export',
            S3Region: 'eu-west-2',
            S3Prefix: 'focus',
            S3OutputConfigurations: {
              Format: 'PARQUET',
              Compression: 'PARQUET',
              OutputType: 'CUSTOM',
              Overwrite: 'OVERWRITE_REPORT',
            },
          },
        },
      },
    });
  });

  it('watches the estate tag for anomalies and tells finance daily above the threshold', () => {
    b.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorType: 'CUSTOM',
      MonitorSpecification: JSON.stringify({
        Tags: { Key: 'Estate', Values: ['peterborough'], MatchOptions: ['EQUALS'] },
      }),
    });
    b.hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'DAILY',
      MonitorArnList: [{ 'Fn::GetAtt': [Match.anyValue(), 'MonitorArn'] }],
      Subscribers: finance.contacts.map((a) => ({ Type: 'EMAIL', Address: a })),
      ThresholdExpression: Match.stringLikeRegexp(`"Values":\\["${finance.anomalyThresholdUsd}"\\]`),
    });
  });
});

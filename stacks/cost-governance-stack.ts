import type { Construct } from 'constructs';
import { join } from 'node:path';
import { estimateCost, estimateLines } from '../lib/cost/estimate';
import { financeNames } from '../lib/cost/finance-names';
import { bundledSnapshot } from '../lib/cost/pricing';
import {
  BillingCatalog,
  budgetAmounts,
  EstateBudgets,
  exportBucketName,
  reportBucketName,
  FinanceBuckets,
  FinanceKey,
  FinanceTopic,
  MonthlyReportFunction,
  type BudgetAmounts,
} from '../lib/finance';
import type { Plan } from '../lib/plan/plan';
import { applyTags, sharedTags } from '../lib/tagging';
import { EstateStack } from './private/estate-stack';
import { buildEstateModel } from '../lib/estate-model/build-estate-model';

/** Prefix of Athena query results in the report bucket. */
export const ATHENA_RESULTS_PREFIX = 'athena-results/';

/** Where the Lambda entry point is, relative to the repository root. */
export const MONTHLY_REPORT_ENTRY = 'bin/lambda/monthly-report.ts';

export interface CostGovernanceStackProps {
  /** A plan with a `finance` section. */
  readonly plan: Plan;
}

/** Bucket names are given (the us-east-1 export names its destination): estate, account, region. */
export function financeBucketPrefix(plan: Plan): string {
  return `${plan.estate.id}-${plan.estate.account}-${plan.estate.region}`;
}

/** The export's files: `<prefix>/<export name>/data/BILLING_PERIOD=YYYY-MM/*.parquet`. */
export function exportDataPrefix(plan: Plan): string {
  const names = financeNames(plan.estate.id);
  return `${names.exportPrefix}/${names.exportName}/data`;
}

/**
 * Finance in the estate region: budgets per wave and application with alerts to the owner and
 * the encrypted finance topic, the buckets the FOCUS export and the reports land in, the Glue
 * table and Athena workgroup over the export, and the monthly report job. Everything that holds
 * data is here; the us-east-1 billing-configuration stack only configures the export and alerts.
 */
export class CostGovernanceStack extends EstateStack {
  readonly key: FinanceKey;
  readonly topic: FinanceTopic;
  readonly buckets: FinanceBuckets;
  readonly catalog: BillingCatalog;
  readonly budgets: EstateBudgets;
  readonly amounts: BudgetAmounts;
  readonly monthlyReport: MonthlyReportFunction;

  constructor(scope: Construct, props: CostGovernanceStackProps) {
    const { plan } = props;
    const finance = plan.finance;
    if (!finance) throw new Error('CostGovernanceStack needs the plan\'s "finance" section in estate.yaml');
    super(scope, {
      plan,
      role: 'CostGovernance',
      description: `${plan.estate.name}: budgets, billing export bucket, Athena, monthly cost report`,
      stateful: true,
    });
    applyTags(this, sharedTags(plan));
    const names = financeNames(plan.estate.id);
    this.key = new FinanceKey(this, 'Key', {
      estateId: plan.estate.id,
      administration: plan.keyAdministration,
    });
    this.topic = new FinanceTopic(this, 'Topic', {
      topicName: names.topicName,
      key: this.key.key,
      emails: finance.contacts,
    });
    this.buckets = new FinanceBuckets(this, 'Buckets', {
      namePrefix: financeBucketPrefix(plan),
      key: this.key.key,
      billingRegion: finance.billingConfigurationRegion,
      athenaResultsPrefix: ATHENA_RESULTS_PREFIX,
    });
    this.catalog = new BillingCatalog(this, 'Catalog', {
      database: names.database,
      table: names.table,
      workGroup: names.workGroup,
      exportBucketName: exportBucketName(financeBucketPrefix(plan)),
      exportDataPrefix: exportDataPrefix(plan),
      resultsBucketName: reportBucketName(financeBucketPrefix(plan)),
      resultsPrefix: ATHENA_RESULTS_PREFIX,
      key: this.key.key,
      bytesScannedCutoffPerQuery: finance.athenaScanLimitGb * 1_000_000_000,
      firstBillingPeriod: plan.estate.agreement.start,
    });
    // The estimate prices the plan as it stands (a fixed date: synth is deterministic).
    const estimate = estimateLines(
      estimateCost({
        model: buildEstateModel(plan),
        snapshot: bundledSnapshot(),
        today: `${plan.estate.agreement.start}-01`,
      }),
    );
    this.amounts = budgetAmounts(plan, estimate);
    this.budgets = new EstateBudgets(this, 'Budgets', {
      estateId: plan.estate.id,
      amounts: this.amounts,
      topicArn: this.topic.topic.topicArn,
    });
    // AWS Budgets checks that it may publish to an SNS subscriber when the budget is created
    // ("Creating an Amazon SNS topic for budget notifications"): the topic policy comes first.
    this.budgets.node.addDependency(this.topic);
    const { region, account } = plan.estate;
    this.monthlyReport = new MonthlyReportFunction(this, 'MonthlyReport', {
      projectRoot: join(__dirname, '..'),
      entry: MONTHLY_REPORT_ENTRY,
      planDir: plan.source.dir,
      billing:
        finance.monthlyReportSource === 'athena'
          ? {
              kind: 'athena',
              workGroupArn: `arn:aws:athena:${region}:${account}:workgroup/${names.workGroup}`,
              glueResources: [
                `arn:aws:glue:${region}:${account}:catalog`,
                `arn:aws:glue:${region}:${account}:database/${names.database}`,
                `arn:aws:glue:${region}:${account}:table/${names.database}/${names.table}`,
              ],
              exportBucket: this.buckets.exportBucket,
              resultsPrefix: ATHENA_RESULTS_PREFIX,
            }
          : { kind: 'cost-explorer' },
      reportBucket: this.buckets.reportBucket,
      topic: this.topic.topic,
      key: this.key.key,
    });
  }
}

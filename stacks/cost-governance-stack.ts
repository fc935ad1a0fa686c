import type { Construct } from 'constructs';
import { join } from 'node:path';
import type { EstimateLine } from '../lib/cost/comparison/forecast';
import { financeNames } from '../lib/cost/finance-names';
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
import type { EstateModel } from '../lib/estate-model/estate-model';
import { applyTags } from '../lib/tagging';
import { EstateStack } from './private/estate-stack';

/** Prefix of Athena query results in the report bucket. */
export const ATHENA_RESULTS_PREFIX = 'athena-results/';

/** Where the Lambda entry point is, relative to the repository root. */
export const MONTHLY_REPORT_ENTRY = 'bin/lambda/monthly-report.ts';

export interface CostGovernanceStackProps {
  /** The estate model of a plan with a `finance` section. */
  readonly model: EstateModel;
  /**
   * The cost estimate's lines (lib/cost/estimate), priced at a fixed date so synth is
   * deterministic: the budgets without an amount in the plan are the estimate plus the margin.
   */
  readonly estimate: readonly EstimateLine[];
}

/** Bucket names are given (the us-east-1 export names its destination): estate, account, region. */
export function financeBucketPrefix(model: Pick<EstateModel, 'estate'>): string {
  return `${model.estate.id}-${model.estate.account}-${model.estate.region}`;
}

/** The export's files: `<prefix>/<export name>/data/BILLING_PERIOD=YYYY-MM/*.parquet`. */
export function exportDataPrefix(model: Pick<EstateModel, 'estate'>): string {
  const names = financeNames(model.estate.id);
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
    const { model } = props;
    const finance = model.settings.finance;
    if (!finance) throw new Error('CostGovernanceStack needs the plan\'s "finance" section in estate.yaml');
    super(scope, {
      model,
      role: 'CostGovernance',
      description: `${model.estate.name}: budgets, billing export bucket, Athena, monthly cost report`,
      stateful: true,
    });
    applyTags(this, model.sharedTags);
    const names = financeNames(model.estate.id);
    this.key = new FinanceKey(this, 'Key', {
      estateId: model.estate.id,
      administration: model.settings.keyAdministration,
    });
    this.topic = new FinanceTopic(this, 'Topic', {
      topicName: names.topicName,
      key: this.key.key,
      emails: finance.contacts,
    });
    this.buckets = new FinanceBuckets(this, 'Buckets', {
      namePrefix: financeBucketPrefix(model),
      key: this.key.key,
      billingRegion: finance.billingConfigurationRegion,
      athenaResultsPrefix: ATHENA_RESULTS_PREFIX,
    });
    this.catalog = new BillingCatalog(this, 'Catalog', {
      database: names.database,
      table: names.table,
      workGroup: names.workGroup,
      exportBucketName: exportBucketName(financeBucketPrefix(model)),
      exportDataPrefix: exportDataPrefix(model),
      resultsBucketName: reportBucketName(financeBucketPrefix(model)),
      resultsPrefix: ATHENA_RESULTS_PREFIX,
      key: this.key.key,
      bytesScannedCutoffPerQuery: finance.athenaScanLimitGb * 1_000_000_000,
      firstBillingPeriod: model.settings.estate.agreement.start,
    });
    this.amounts = budgetAmounts(model, props.estimate);
    this.budgets = new EstateBudgets(this, 'Budgets', {
      estateId: model.estate.id,
      amounts: this.amounts,
      topicArn: this.topic.topic.topicArn,
    });
    // AWS Budgets checks that it may publish to an SNS subscriber when the budget is created
    // ("Creating an Amazon SNS topic for budget notifications"): the topic policy comes first.
    this.budgets.node.addDependency(this.topic);
    const { region, account } = model.estate;
    this.monthlyReport = new MonthlyReportFunction(this, 'MonthlyReport', {
      projectRoot: join(__dirname, '..'),
      entry: MONTHLY_REPORT_ENTRY,
      planDir: model.settings.sourceDir,
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

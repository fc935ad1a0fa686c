import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { estateStackName } from '../lib/shared/naming';
import { financeNames } from '../lib/cost/finance-names';
import { AnomalyAlerts, exportBucketName, FocusDataExport } from '../lib/finance';
import type { Plan } from '../lib/plan/plan';
import { applyTags, sharedTags } from '../lib/tagging';
import { financeBucketPrefix } from './cost-governance-stack';

export interface BillingConfigurationStackProps {
  readonly plan: Plan;
}

/**
 * The billing configuration AWS offers only in us-east-1: the Data Exports export (FOCUS 1.0,
 * Parquet, written into the estate-region bucket) and Cost Anomaly Detection with finance's
 * subscription. It stores nothing: every file lands in the CostGovernanceStack's buckets. It may
 * hold only BILLING_CONFIGURATION_RESOURCE_TYPES (lib/compliance), which the UK region rule
 * accepts in the plan's declared billing-configuration region, and nothing else.
 */
export class BillingConfigurationStack extends Stack {
  constructor(scope: Construct, props: BillingConfigurationStackProps) {
    const { plan } = props;
    const finance = plan.finance;
    if (!finance)
      throw new Error('BillingConfigurationStack needs the plan\'s "finance" section in estate.yaml');
    const name = estateStackName(plan.estate.id, 'BillingConfiguration');
    super(scope, name, {
      env: { account: plan.estate.account, region: finance.billingConfigurationRegion },
      stackName: name,
      // No AWS::CDK::Metadata resource: this stack holds billing configuration and nothing else.
      analyticsReporting: false,
      description: `${plan.estate.name}: billing configuration only available in ${finance.billingConfigurationRegion} (FOCUS export, anomaly alerts); holds no data`,
    });
    applyTags(this, sharedTags(plan));
    const names = financeNames(plan.estate.id);
    new FocusDataExport(this, 'FocusExport', {
      exportName: names.exportName,
      bucketName: exportBucketName(financeBucketPrefix(plan)),
      bucketRegion: plan.estate.region,
      prefix: names.exportPrefix,
    });
    new AnomalyAlerts(this, 'AnomalyAlerts', {
      estateId: plan.estate.id,
      tagKey: 'Estate',
      tagValue: plan.estate.id,
      thresholdUsd: finance.anomalyThresholdUsd,
      emails: finance.contacts,
    });
  }
}

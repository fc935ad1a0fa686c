import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { estateStackName } from '../lib/shared/naming';
import { financeNames } from '../lib/cost/finance-names';
import { AnomalyAlerts, exportBucketName, FocusDataExport } from '../lib/finance';
import type { EstateModel } from '../lib/estate-model/estate-model';
import { applyTags } from '../lib/tagging';
import { financeBucketPrefix } from './cost-governance-stack';

export interface BillingConfigurationStackProps {
  readonly model: EstateModel;
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
    const { model } = props;
    const finance = model.settings.finance;
    if (!finance)
      throw new Error('BillingConfigurationStack needs the plan\'s "finance" section in estate.yaml');
    const name = estateStackName(model.estate.id, 'BillingConfiguration');
    super(scope, name, {
      env: { account: model.estate.account, region: finance.billingConfigurationRegion },
      stackName: name,
      // No AWS::CDK::Metadata resource: this stack holds billing configuration and nothing else.
      analyticsReporting: false,
      description: `${model.estate.name}: billing configuration only available in ${finance.billingConfigurationRegion} (FOCUS export, anomaly alerts); holds no data`,
    });
    applyTags(this, model.sharedTags);
    const names = financeNames(model.estate.id);
    new FocusDataExport(this, 'FocusExport', {
      exportName: names.exportName,
      bucketName: exportBucketName(financeBucketPrefix(model)),
      bucketRegion: model.estate.region,
      prefix: names.exportPrefix,
    });
    new AnomalyAlerts(this, 'AnomalyAlerts', {
      estateId: model.estate.id,
      tagKey: 'Estate',
      tagValue: model.estate.id,
      thresholdUsd: finance.anomalyThresholdUsd,
      emails: finance.contacts,
    });
  }
}

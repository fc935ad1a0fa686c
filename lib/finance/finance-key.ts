import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { administeredKey, useViaServicesStatement, type KeyAdministration } from '../keys';

/** Properties of {@link FinanceKey}. */
export interface FinanceKeyProps {
  /** Estate id, for the alias. */
  readonly estateId: string;
  /** The plan's key administrator and break-glass roles (the estate's one key guard). */
  readonly administration: KeyAdministration;
}

/**
 * The customer-managed key for finance data: the billing export, the reports, Athena results,
 * the finance topic and the job's logs, built by the estate's one key builder (`administeredKey`:
 * guarded against deletion, disabling and re-policy). Its policy lets the billing
 * services write the export and AWS Budgets publish to the topic, each only for this account.
 */
export class FinanceKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: FinanceKeyProps) {
    super(scope, id);
    this.key = administeredKey(this, 'Key', {
      alias: `alias/${props.estateId}/finance`,
      description: `${props.estateId}: billing export, cost reports, Athena results, finance topic`,
      administration: props.administration,
    });
    const account = this.key.stack.account;
    // The report job, Athena and finance readers use the key only through S3 (buckets, Athena
    // results) and SNS (the finance topic): no IAM policy can grant more.
    this.key.addToResourcePolicy(
      useViaServicesStatement(this.key.stack, 'AccountUsesViaS3AndSns', ['s3', 'sns']),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BillingServicesWriteTheExport',
        principals: [
          new iam.ServicePrincipal('bcm-data-exports.amazonaws.com'),
          new iam.ServicePrincipal('billingreports.amazonaws.com'),
        ],
        actions: ['kms:GenerateDataKey*', 'kms:Encrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BudgetsPublishToTheFinanceTopic',
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchLogsEncryptTheJobLogs',
        principals: [new iam.ServicePrincipal(`logs.${this.key.stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${this.key.stack.region}:${account}:*`,
          },
        },
      }),
    );
  }
}

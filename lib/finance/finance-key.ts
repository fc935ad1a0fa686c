import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { denyGrantsNotForAwsServices } from '../keys';

/** Properties of {@link FinanceKey}. */
export interface FinanceKeyProps {
  /** Estate id, for the alias. */
  readonly estateId: string;
}

/**
 * The customer-managed key for finance data: the billing export, the reports, Athena results,
 * the finance topic and the job's logs. Rotated yearly, retained. Its policy lets the billing
 * services write the export and AWS Budgets publish to the topic, each only for this account.
 */
export class FinanceKey extends Construct {
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: FinanceKeyProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      alias: `alias/${props.estateId}/finance`,
      description: `${props.estateId}: billing export, cost reports, Athena results, finance topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const account = this.key.stack.account;
    this.key.addToResourcePolicy(denyGrantsNotForAwsServices()); // Control Tower CT.KMS.PR.3
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

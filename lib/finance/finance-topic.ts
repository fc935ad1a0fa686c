import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Properties of {@link FinanceTopic}. */
export interface FinanceTopicProps {
  /** Topic name (`financeNames(estate).topicName`): budgets name it by ARN. */
  readonly topicName: string;
  readonly key: kms.IKey;
  /** Finance team addresses. */
  readonly emails: readonly string[];
}

/** The encrypted, TLS-only topic finance hears from: budget alerts and the monthly report. */
export class FinanceTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: FinanceTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'AWS cost alerts and reports',
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowBudgetsToPublish',
        principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': this.topic.stack.account } },
      }),
    );
    for (const email of [...props.emails].sort())
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
  }
}

import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { AlertsDecision } from '../estate-model/operations';

/** Properties of {@link AlertsTopic}. */
export interface AlertsTopicProps {
  /** Topic name (`alertsTopicName`): alarms in the wave stacks name it by ARN. */
  readonly topicName: string;
  readonly displayName: string;
  /** Key for the topic (`keyFor('sns', ...)`): its policy lets CloudWatch and EventBridge use it. */
  readonly key: kms.IKey;
  /**
   * Address subscribed by e-mail.
   * @default - no subscription
   */
  readonly email?: string;
}

/**
 * An application's (or the estate's) alerts topic: KMS-encrypted, TLS-only, published to only by
 * CloudWatch alarms and EventBridge rules of this account. Encrypted topics need the key to let
 * those services use it ("Amazon SNS: Configure KMS permissions for AWS services",
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services);
 * the estate's sns key does (lib/keys/private/key-policy.ts).
 */
export class AlertsTopic extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertsTopicProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: props.displayName,
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAlarmsAndRulesToPublish',
        principals: [
          new iam.ServicePrincipal('cloudwatch.amazonaws.com'),
          new iam.ServicePrincipal('events.amazonaws.com'),
        ],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }
}

/**
 * The ARN alarms and rules in `scope`'s stack publish to: the existing topic the plan names, or the
 * application's own topic in the stack's account and region (built from its name: no cross-stack
 * reference, so the Operations stack exports nothing).
 */
export function alertsTopicArn(scope: Construct, alerts: AlertsDecision): string {
  if (alerts.kind === 'existing-topic') return alerts.topicArn;
  return Stack.of(scope).formatArn({
    service: 'sns',
    resource: alerts.topicName,
    arnFormat: ArnFormat.NO_RESOURCE_NAME,
  });
}

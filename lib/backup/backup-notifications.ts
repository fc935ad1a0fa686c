import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Properties of {@link BackupNotifications}. */
export interface BackupNotificationsProps {
  /** Key for the topic (`keyFor('sns', ...)`); its policy must let AWS Backup use it. */
  readonly key: kms.IKey;
  /**
   * Addresses told about failed or expired jobs.
   * @default - no subscriptions
   */
  readonly emails?: readonly string[];
}

/** The encrypted topic AWS Backup publishes failed or expired jobs to. TLS-only; only AWS Backup may publish. */
export class BackupNotifications extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: BackupNotificationsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Backup job failures',
      masterKey: props.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowAwsBackupToPublish',
        principals: [new iam.ServicePrincipal('backup.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
      }),
    );
    for (const email of [...(props.emails ?? [])].sort()) {
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    }
  }
}

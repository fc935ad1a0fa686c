import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

/** Properties of {@link RecoveryAccountBaseline}. */
export interface RecoveryAccountBaselineProps {
  /** Name of the recovery vault whose events are watched. */
  readonly vaultName: string;
  /** The vault's own key: the alert topic is encrypted with it. */
  readonly key: kms.IKey;
  /** Addresses told about the vault's events (the plan's `backup.notifyEmails`). */
  readonly emails: readonly string[];
  /** Create a GuardDuty detector (the Organization does not provide one). */
  readonly guardDuty: boolean;
}

/**
 * Detective controls and alerts of the backup account, which holds the last copy: a GuardDuty
 * detector unless the Organization provides one, and an encrypted, TLS-only topic that tells the
 * backup contacts when the recovery vault changes state (access policy, lock or notifications
 * changed or removed) or a recovery point in it is deleted or fails ("Monitoring AWS Backup events
 * using Amazon EventBridge", AWS Backup Developer Guide: `Backup Vault State Change`, `Recovery
 * Point State Change`).
 */
export class RecoveryAccountBaseline extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: RecoveryAccountBaselineProps) {
    super(scope, id);
    if (props.guardDuty)
      new guardduty.CfnDetector(this, 'GuardDuty', {
        enable: true,
        dataSources: { s3Logs: { enable: true } },
      });
    this.topic = new sns.Topic(this, 'Alerts', {
      displayName: 'Recovery vault alerts',
      masterKey: props.key,
      enforceSSL: true,
    });
    for (const email of [...props.emails].sort())
      this.topic.addSubscription(new subscriptions.EmailSubscription(email));
    const rule = new events.Rule(this, 'VaultEvents', {
      description: `Changes to the ${props.vaultName} vault and its recovery points`,
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Backup Vault State Change', 'Recovery Point State Change'],
        detail: {
          backupVaultName: [props.vaultName],
          $or: [
            { state: [{ 'anything-but': ['CREATED'] }] },
            { status: [{ 'anything-but': ['COMPLETED', 'CREATED', 'PARTIAL'] }] },
          ],
        } as Record<string, unknown>,
      },
    });
    rule.addTarget(new targets.SnsTopic(this.topic));
    rule.node.addDependency(this.topic);
  }
}

/** The key statement that lets EventBridge publish to a topic encrypted with the key. */
export function eventsPublishStatement(account: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'AllowEventBridgeToPublishAlerts',
    principals: [new iam.ServicePrincipal('events.amazonaws.com')],
    actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': account } },
  });
}

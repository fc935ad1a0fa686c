import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** Properties of {@link SessionManagerLogging}. */
export interface SessionManagerLoggingProps {
  /** Key for the session log group (the estate's logs key). */
  readonly key: kms.IKey;
  /** Days to keep session transcripts. */
  readonly retentionDays: logs.RetentionDays;
}

/**
 * Session Manager's account preferences (the `SSM-SessionManagerRunShell` document): every
 * session's transcript goes to an encrypted log group, and sessions themselves are encrypted.
 */
export class SessionManagerLogging extends Construct {
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SessionManagerLoggingProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Sessions', {
      encryptionKey: props.key,
      retention: props.retentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new ssm.CfnDocument(this, 'Preferences', {
      name: 'SSM-SessionManagerRunShell',
      documentType: 'Session',
      updateMethod: 'NewVersion',
      content: {
        schemaVersion: '1.0',
        description: 'Session Manager preferences: transcripts to an encrypted log group',
        sessionType: 'Standard_Stream',
        inputs: {
          cloudWatchLogGroupName: this.logGroup.logGroupName,
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: props.key.keyArn,
          runAsEnabled: false,
          idleSessionTimeout: '20',
        },
      },
    });
  }
}

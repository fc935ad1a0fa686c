import { RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';

/** Operating-system user Session Manager starts Linux sessions as (created by the association below). */
export const SESSION_RUN_AS_USER = 'estate-session';

/** Longest a session may last, in minutes (Session Manager's `maxSessionDuration`). */
export const SESSION_MAX_MINUTES = 60;

/** The session transcripts' log group in an account: fixed, so server roles name it without a lookup. */
export function sessionLogGroupName(estateId: string): string {
  return `/estate/${estateId}/sessions`;
}

/** Properties of {@link SessionManagerLogging}. */
export interface SessionManagerLoggingProps {
  /** Estate id: names the log group and the session-user document. */
  readonly estateId: string;
  /** Key for the session log group and the sessions themselves (the account's logs key). */
  readonly key: kms.IKey;
  /** Days to keep session transcripts. */
  readonly retentionDays: logs.RetentionDays;
}

/**
 * Session Manager's account preferences (the `SSM-SessionManagerRunShell` document, "Create a
 * Session Manager preferences document", AWS Systems Manager User Guide): every session's
 * transcript streams to an encrypted log group, sessions are encrypted with the same key, Linux
 * sessions run as the unprivileged {@link SESSION_RUN_AS_USER} (`runAsEnabled`, "Turn on run as
 * support for Linux and macOS managed nodes") and no session lasts longer than
 * {@link SESSION_MAX_MINUTES} minutes (`maxSessionDuration`). The user must exist on the node:
 * a State Manager association creates it daily on every Linux server of the estate (a Command
 * document whose only step has a Linux `platformType` precondition, so Windows servers skip it).
 * The server roles get the rights to use the key and write the group (`ServerRole`'s
 * `sessionLogging`).
 */
export class SessionManagerLogging extends Construct {
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: SessionManagerLoggingProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Sessions', {
      logGroupName: sessionLogGroupName(props.estateId),
      encryptionKey: props.key,
      retention: props.retentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const preferences = new ssm.CfnDocument(this, 'Preferences', {
      name: 'SSM-SessionManagerRunShell',
      documentType: 'Session',
      updateMethod: 'NewVersion',
      content: {
        schemaVersion: '1.0',
        description:
          'Session Manager preferences: encrypted, logged, run as an unprivileged user, time-limited',
        sessionType: 'Standard_Stream',
        inputs: {
          cloudWatchLogGroupName: sessionLogGroupName(props.estateId),
          cloudWatchEncryptionEnabled: true,
          cloudWatchStreamingEnabled: true,
          kmsKeyId: props.key.keyArn,
          runAsEnabled: true,
          runAsDefaultUser: SESSION_RUN_AS_USER,
          idleSessionTimeout: '20',
          maxSessionDuration: String(SESSION_MAX_MINUTES),
        },
      },
    });
    preferences.node.addDependency(this.logGroup);
    const userDocument = new ssm.CfnDocument(this, 'SessionUser', {
      name: `${props.estateId}-SessionUser`,
      documentType: 'Command',
      updateMethod: 'NewVersion',
      content: {
        schemaVersion: '2.2',
        description: `Creates the unprivileged ${SESSION_RUN_AS_USER} user Session Manager runs Linux sessions as`,
        mainSteps: [
          {
            action: 'aws:runShellScript',
            name: 'CreateSessionUser',
            precondition: { StringEquals: ['platformType', 'Linux'] },
            inputs: {
              runCommand: [
                `id -u ${SESSION_RUN_AS_USER} >/dev/null 2>&1 || useradd --create-home --shell /bin/bash ${SESSION_RUN_AS_USER}`,
              ],
            },
          },
        ],
      },
    });
    new ssm.CfnAssociation(this, 'SessionUserAssociation', {
      name: userDocument.ref,
      targets: [{ key: 'tag:Estate', values: [props.estateId] }],
      scheduleExpression: 'rate(1 day)',
      complianceSeverity: 'MEDIUM',
    });
  }
}

import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import type { KeyAdministration } from '../keys/key-administration';
import { LockedLogBucket } from './locked-log-bucket';
import { missingControls, type DetectiveControl } from './organisation-controls';

/** Security Hub standards turned on with the hub (NCSC principles are checked by our own pack). */
export const SECURITY_HUB_STANDARDS = [
  'cis-aws-foundations-benchmark/v/1.4.0',
  'aws-foundational-security-best-practices/v/1.0.0',
] as const;

/** Properties of {@link DetectiveControls}. */
export interface DetectiveControlsProps {
  /** What the organisation already provides; everything else is created here. */
  readonly provides: Readonly<Record<DetectiveControl, boolean>>;
  /** Key administrator and break-glass roles for the log bucket's key. */
  readonly administration: KeyAdministration;
  /** Key for CloudWatch log groups (the estate's logs key). */
  readonly logsKey: kms.IKey;
  /** Days the log bucket's compliance-mode object lock keeps each file. @default 365 */
  readonly lockDays?: number;
}

/**
 * Turns on, in this account and region, each detective control the organisation does not
 * provide: a CloudTrail trail (multi-region, log file validation, to a locked, encrypted,
 * access-logged bucket and an encrypted log group), GuardDuty, Security Hub with the CIS and AWS
 * Foundational standards, AWS Config (recording everything, delivered to the same locked
 * bucket), and IAM Access Analyzer. Nothing is created for a control the organisation provides.
 */
export class DetectiveControls extends Construct {
  /** The controls this construct created, in plan order. */
  readonly created: readonly DetectiveControl[];

  constructor(scope: Construct, id: string, props: DetectiveControlsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const missing = missingControls(props.provides);
    this.created = missing;
    const needsBucket = missing.includes('cloudTrail') || missing.includes('config');
    const logBucket = needsBucket
      ? new LockedLogBucket(this, 'LogBucket', {
          administration: props.administration,
          lockDays: props.lockDays ?? 365,
          deliveringServices: [
            ...(missing.includes('cloudTrail') ? ['cloudtrail.amazonaws.com'] : []),
            ...(missing.includes('config') ? ['config.amazonaws.com'] : []),
          ],
        })
      : undefined;

    if (missing.includes('cloudTrail') && logBucket) {
      const events = new logs.LogGroup(this, 'TrailEvents', {
        encryptionKey: props.logsKey,
        retention: logs.RetentionDays.ONE_YEAR,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      new cloudtrail.Trail(this, 'Trail', {
        bucket: logBucket.bucket,
        encryptionKey: logBucket.key,
        enableFileValidation: true,
        isMultiRegionTrail: true,
        includeGlobalServiceEvents: true,
        sendToCloudWatchLogs: true,
        cloudWatchLogGroup: events,
      });
    }
    if (missing.includes('guardDuty'))
      new guardduty.CfnDetector(this, 'GuardDuty', {
        enable: true,
        dataSources: { s3Logs: { enable: true } },
      });
    if (missing.includes('securityHub')) {
      const hub = new securityhub.CfnHub(this, 'SecurityHub', { enableDefaultStandards: false });
      for (const standard of SECURITY_HUB_STANDARDS) {
        const s = new securityhub.CfnStandard(this, `Standard${standard.split('/')[0]}`, {
          standardsArn: `arn:${stack.partition}:securityhub:${stack.region}::standards/${standard}`,
        });
        s.node.addDependency(hub);
      }
    }
    if (missing.includes('config') && logBucket) {
      logBucket.bucket.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowConfigDelivery',
          principals: [new iam.ServicePrincipal('config.amazonaws.com')],
          actions: ['s3:GetBucketAcl', 's3:ListBucket', 's3:PutObject'],
          resources: [logBucket.bucket.bucketArn, logBucket.bucket.arnForObjects('AWSLogs/*')],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      );
      // The service-linked role: no IAM role (or AWS-managed policy) of our own.
      const recorder = new config.CfnConfigurationRecorder(this, 'ConfigRecorder', {
        roleArn: `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      });
      const channel = new config.CfnDeliveryChannel(this, 'ConfigDelivery', {
        s3BucketName: logBucket.bucket.bucketName,
        s3KmsKeyArn: logBucket.key.keyArn,
      });
      channel.node.addDependency(recorder);
      // Config checks the bucket policy when the delivery channel is created
      // (InsufficientDeliveryPolicyException; "Permissions for the Amazon S3 bucket", AWS Config).
      if (logBucket.bucket.policy) channel.node.addDependency(logBucket.bucket.policy);
    }
    if (missing.includes('accessAnalyzer'))
      new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', { type: 'ACCOUNT' });
  }
}

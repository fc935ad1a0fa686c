import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ACCESS_LOGS_ID, AccessLogBucket } from '../../storage';
import { REHEARSAL_PREFIX } from '../exit-names';

export interface ExitBucketProps {
  /** Name of the exit bucket (see `exitBucketName`): the export commands use it without lookups. */
  readonly bucketName: string;
  /**
   * Days an export stays before the lifecycle rule expires it (the council downloads it first).
   * @default 30
   */
  readonly exportRetentionDays?: number;
  /**
   * Days a rehearsal export stays (`exit rehearse` checks it at once; it is evidence, not an exit).
   * @default 2
   */
  readonly rehearsalRetentionDays?: number;
  /**
   * Days the access logs are kept.
   * @default 365
   */
  readonly accessLogRetentionDays?: number;
}

/**
 * The bucket exports land in, and its access-log bucket.
 *
 * Requirements of the export services, from the VM Import/Export user guide ("Considerations for
 * image export": "You can export to an unencrypted S3 bucket or to a bucket encrypted using
 * SSE-S3. You cannot export to an S3 bucket encrypted using SSE-KMS") and the RDS user guide
 * (snapshot export writes its Parquet files encrypted with the KMS key given to StartExportTask,
 * whatever the bucket default): default encryption is SSE-S3; ACLs are disabled
 * (bucket-owner-enforced) because ExportImage writes through the `vmimport` role in this account
 * (CreateInstanceExportTask, which needs ACL grants to an AWS-owned account, is not used).
 * Access logs go to the estate's one kind of access-log bucket (`AccessLogBucket`, SSE-S3).
 *
 * Everything else is the estate's standard: versioned, Object Lock available (no default
 * retention, so lifecycle expiry still works), public access blocked, TLS only, lifecycle,
 * EventBridge notifications, retained on stack deletion.
 */
export class ExitBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: AccessLogBucket;

  constructor(scope: Construct, id: string, props: ExitBucketProps) {
    super(scope, id);
    this.logBucket = new AccessLogBucket(this, ACCESS_LOGS_ID, {
      retentionDays: props.accessLogRetentionDays ?? 365,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      objectLockEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
      bucketName: props.bucketName,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      ...this.logBucket.loggingFor('exit-bucket/'),
      lifecycleRules: [
        {
          id: 'expire-exports',
          expiration: Duration.days(props.exportRetentionDays ?? 30),
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
        {
          // `exit rehearse` exports under this prefix: rehearsal copies go after a day or two.
          id: 'expire-rehearsals',
          prefix: REHEARSAL_PREFIX,
          expiration: Duration.days(props.rehearsalRetentionDays ?? 2),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
    // EventBridge notifications set on the bucket itself (the L2 option adds a Lambda-backed
    // custom resource that the packs would then flag).
    (this.bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride(
      'NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled',
      true,
    );
  }
}

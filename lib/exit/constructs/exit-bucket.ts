import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ExitBucketProps {
  /** Name of the exit bucket (see `exitBucketName`): the export commands use it without lookups. */
  readonly bucketName: string;
  /**
   * Days an export stays before the lifecycle rule expires it (the council downloads it first).
   * @default 30
   */
  readonly exportRetentionDays?: number;
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
 * S3 server access logs can only be delivered to an SSE-S3 bucket, so the log bucket is SSE-S3 too.
 *
 * Everything else is the estate's standard: versioned, Object Lock available (no default
 * retention, so lifecycle expiry still works), public access blocked, TLS only, lifecycle,
 * EventBridge notifications, retained on stack deletion.
 */
export class ExitBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: ExitBucketProps) {
    super(scope, id);
    const common = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      objectLockEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;
    this.logBucket = new s3.Bucket(this, 'AccessLogs', {
      ...common,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(props.accessLogRetentionDays ?? 365),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...common,
      bucketName: props.bucketName,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'exit-bucket/',
      lifecycleRules: [
        {
          id: 'expire-exports',
          expiration: Duration.days(props.exportRetentionDays ?? 30),
          noncurrentVersionExpiration: Duration.days(7),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    // EventBridge notifications set on the bucket itself (the L2 option adds a Lambda-backed
    // custom resource that the packs would then flag).
    for (const b of [this.logBucket, this.bucket]) {
      (b.node.defaultChild as s3.CfnBucket).addPropertyOverride(
        'NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled',
        true,
      );
    }
  }
}

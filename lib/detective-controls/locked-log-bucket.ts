import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { administeredKey, useViaServicesStatement } from '../keys/administered-key';
import { ACCESS_LOGS_ID, AccessLogBucket } from '../storage';
import type { KeyAdministration } from '../keys/key-administration';

/** Properties of {@link LockedLogBucket}. */
export interface LockedLogBucketProps {
  /** Key administrator and break-glass roles for the bucket's key. */
  readonly administration: KeyAdministration;
  /** Days the object lock keeps every log file (compliance mode: nobody can delete sooner). */
  readonly lockDays: number;
  /** Services that deliver logs here (e.g. cloudtrail.amazonaws.com, config.amazonaws.com). */
  readonly deliveringServices: readonly string[];
}

/**
 * Where audit logs land: a bucket encrypted with its own customer-managed key, object-locked in
 * compliance mode, versioned, TLS-only, public access blocked, and access-logged to the estate's
 * access-log bucket (`AccessLogBucket`: SSE-S3, the only encryption S3 access logging delivers to).
 */
export class LockedLogBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: LockedLogBucketProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.key = administeredKey(this, 'Key', {
      description: 'Audit log files (CloudTrail, AWS Config)',
      administration: props.administration,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowLogDeliveryServicesToEncrypt',
        principals: props.deliveringServices.map((p) => new iam.ServicePrincipal(p)),
        actions: ['kms:GenerateDataKey*', 'kms:DescribeKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
    );
    // Auditors read the log files through S3 only; no IAM policy can grant more.
    this.key.addToResourcePolicy(
      useViaServicesStatement(stack, 'AccountReadsViaS3', ['s3'], ['kms:Decrypt', 'kms:DescribeKey']),
    );
    const accessLogs = new AccessLogBucket(this, ACCESS_LOGS_ID, { retentionDays: props.lockDays });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(props.lockDays)),
      ...accessLogs.loggingFor('log-bucket/'),
      // Kept for the lock period, then seven years in all (the council's audit retention).
      lifecycleRules: [
        {
          id: 'ArchiveThenExpire',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(props.lockDays) },
          ],
          expiration: Duration.days(Math.max(2555, props.lockDays + 1)),
          noncurrentVersionExpiration: Duration.days(props.lockDays),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ACCESS_LOGS_ID, AccessLogBucket } from '../storage';

/** Name of the export bucket for a name prefix (the us-east-1 export names it). */
export function exportBucketName(namePrefix: string): string {
  return `${namePrefix}-focus-export`;
}

/** Name of the report bucket (reports and Athena results) for a name prefix. */
export function reportBucketName(namePrefix: string): string {
  return `${namePrefix}-cost-reports`;
}

/** Properties of {@link FinanceBuckets}. */
export interface FinanceBucketsProps {
  /** `<estate>-<account>-<region>`: bucket names are given (the us-east-1 export names its bucket). */
  readonly namePrefix: string;
  readonly key: kms.IKey;
  /** Where the export writes (the billing-configuration stack's region), for the bucket policy. */
  readonly billingRegion: string;
  /** Key prefix of the Athena query results in the reports bucket. @default 'athena-results/' */
  readonly athenaResultsPrefix?: string;
}

/** Days each finance object version is locked (governance mode) after it is written. */
export const FINANCE_LOCK_DAYS = 30;

/**
 * The finance buckets, all in the estate region: the FOCUS export (only the billing service may
 * write it), the reports (with Athena results), and the server access logs of both. Encrypted,
 * versioned, public access blocked, TLS-only, retained, with lifecycle rules.
 */
export class FinanceBuckets extends Construct {
  readonly exportBucket: s3.Bucket;
  readonly reportBucket: s3.Bucket;
  readonly accessLogs: AccessLogBucket;

  constructor(scope: Construct, id: string, props: FinanceBucketsProps) {
    super(scope, id);
    const common = {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      // Object Lock on with a governance-mode default retention: no version is deleted or
      // overwritten for 30 days except by a principal allowed s3:BypassGovernanceRetention
      // (break-glass); Data Exports' overwrites make new versions and the lifecycle rules expire
      // noncurrent versions only after the retention ends.
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(FINANCE_LOCK_DAYS)),
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;
    this.accessLogs = new AccessLogBucket(this, ACCESS_LOGS_ID, {
      bucketName: `${props.namePrefix}-finance-access-logs`,
      retentionDays: 400,
    });
    this.exportBucket = new s3.Bucket(this, 'Export', {
      ...common,
      bucketName: exportBucketName(props.namePrefix),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      ...this.accessLogs.loggingFor('focus-export/'),
      lifecycleRules: [
        {
          id: 'billing-data-to-infrequent-access',
          transitions: [
            { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
          ],
          noncurrentVersionExpiration: Duration.days(30),
          // Seven years: council financial records (retention schedule for accounting records).
          expiration: Duration.days(2557),
        },
      ],
    });
    this.reportBucket = new s3.Bucket(this, 'Reports', {
      ...common,
      bucketName: reportBucketName(props.namePrefix),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      ...this.accessLogs.loggingFor('cost-reports/'),
      lifecycleRules: [
        {
          id: 'athena-results',
          prefix: props.athenaResultsPrefix ?? 'athena-results/',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
        },
        {
          id: 'reports',
          prefix: 'reports/',
          noncurrentVersionExpiration: Duration.days(90),
          expiration: Duration.days(2557),
        },
      ],
    });
    this.allowOnlyBillingServiceWrites(props.billingRegion);
  }

  /** Data Exports (and the legacy CUR service) write the export; nobody else may put objects. */
  private allowOnlyBillingServiceWrites(billingRegion: string): void {
    const bucket = this.exportBucket;
    const account = bucket.stack.account;
    const services = ['bcm-data-exports.amazonaws.com', 'billingreports.amazonaws.com'];
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'BillingServiceWritesTheExport',
        principals: services.map((s) => new iam.ServicePrincipal(s)),
        actions: ['s3:PutObject', 's3:GetBucketPolicy'],
        resources: [bucket.bucketArn, bucket.arnForObjects('*')],
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          StringLike: {
            'aws:SourceArn': [
              `arn:aws:bcm-data-exports:${billingRegion}:${account}:export/*`,
              `arn:aws:cur:${billingRegion}:${account}:definition/*`,
            ],
          },
        },
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'NobodyElseWritesTheExport',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('*')],
        conditions: { StringNotEquals: { 'aws:PrincipalServiceName': services } },
      }),
    );
  }
}

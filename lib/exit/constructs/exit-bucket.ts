import { Duration, Lazy, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ACCESS_LOGS_ID, AccessLogBucket } from '../../storage';
import { REHEARSAL_PREFIX } from '../exit-names';

/** Days each export version is locked (governance mode) after it is written. */
export const EXIT_LOCK_DAYS = 7;

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
  /** ARN of the break-glass role: with the export and operator roles, the only object principals. */
  readonly breakGlassRoleArn: string;
}

/** Object and listing actions the exit bucket's policy denies to every principal not named. */
export const EXIT_BUCKET_GUARDED_ACTIONS = [
  's3:GetObject*',
  's3:PutObject*',
  's3:DeleteObject*',
  's3:RestoreObject',
  's3:ListBucket*',
  's3:ListMultipartUploadParts',
  's3:AbortMultipartUpload',
] as const;

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
 * Everything else is the estate's standard: versioned, Object Lock with a governance-mode default
 * retention of {@link EXIT_LOCK_DAYS} days (an export cannot be deleted or overwritten in its
 * first week except by a principal allowed s3:BypassGovernanceRetention; lifecycle expiry still
 * removes it after `exportRetentionDays`), public access blocked, TLS only, lifecycle, EventBridge
 * notifications, retained on stack deletion.
 */
export class ExitBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly logBucket: AccessLogBucket;
  private readonly principals: string[];

  constructor(scope: Construct, id: string, props: ExitBucketProps) {
    super(scope, id);
    this.logBucket = new AccessLogBucket(this, ACCESS_LOGS_ID, {
      retentionDays: props.accessLogRetentionDays ?? 365,
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.governance(Duration.days(EXIT_LOCK_DAYS)),
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
    // custom resource that the packs would then flag), as the L1 property (see AccessLogBucket).
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    // OFFICIAL-SENSITIVE exports: only the roles named here (`allow`: the vmimport and RDS export
    // roles the services assume to write, the exit operator who downloads) and break-glass reach
    // the objects; any other principal of the account is denied whatever its IAM policy says.
    // VM Import/Export and RDS export act through those roles (aws:PrincipalArn is the role), and
    // AWS services acting as themselves are left out of the deny (aws:PrincipalIsAWSService,
    // "AWS global condition context keys").
    this.principals = [props.breakGlassRoleArn];
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyExportRolesOperatorAndBreakGlass',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...EXIT_BUCKET_GUARDED_ACTIONS],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: {
          ArnNotLike: { 'aws:PrincipalArn': Lazy.list({ produce: () => [...this.principals] }) },
          BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
        },
      }),
    );
  }

  /** Lets one more role (by ARN) reach the exports: an export role, the operator, a staging worker. */
  allow(roleArn: string): void {
    this.principals.push(roleArn);
  }
}

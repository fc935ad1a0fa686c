import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ACCESS_LOGS_ID, AccessLogBucket } from '../storage';
import { rdsOptionRole } from './rds-option-role';
import { SQLSERVER_AUDIT_PREFIX } from './audit-settings';

/** Days each SQL Server Audit file is locked (compliance mode): a year, as for OFFICIAL-SENSITIVE logs. */
export const SQLSERVER_AUDIT_LOCK_DAYS = 365;

/** Days the audit files are kept before they expire (after the lock): seven years of records. */
export const SQLSERVER_AUDIT_KEEP_DAYS = 2555;

/** Properties of {@link SqlServerAuditBucket}. */
export interface SqlServerAuditBucketProps {
  /** Customer-managed key for the audit files (the databases' `rds` key). */
  readonly key: kms.IKey;
  /** Prefix of the estate's database identifiers (`<estate id>-`), for the RDS trust condition. */
  readonly databaseIdentifierPrefix: string;
  /** ARN of the break-glass role, the only other principal that may read the files. */
  readonly breakGlassRoleArn: string;
}

/**
 * Where SQL Server Audit writes its .sqlaudit files (the `SQLSERVER_AUDIT` option, "SQL Server
 * Audit", Amazon RDS User Guide): a bucket of its own, apart from the native-backup exports, with
 * S3 Object Lock in compliance mode for {@link SQLSERVER_AUDIT_LOCK_DAYS} days by default, so no
 * administrator (the account root included) can delete or overwrite an audit file within a year.
 * Encrypted with the database CMK, versioned, public access blocked, TLS only, access-logged,
 * EventBridge notifications, retained. Its policy lets only the audit role (assumed by RDS for
 * this estate's databases in this account) write, and only that role and break-glass read; every
 * other principal is denied object access.
 */
export class SqlServerAuditBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly accessLogs: AccessLogBucket;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: SqlServerAuditBucketProps) {
    super(scope, id);
    this.accessLogs = new AccessLogBucket(this, ACCESS_LOGS_ID, { retentionDays: 400 });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...this.accessLogs.loggingFor('sqlserver-audit/'),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: s3.ObjectLockRetention.compliance(Duration.days(SQLSERVER_AUDIT_LOCK_DAYS)),
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'ExpireAuditFiles',
          expiration: Duration.days(SQLSERVER_AUDIT_KEEP_DAYS),
          noncurrentVersionExpiration: Duration.days(SQLSERVER_AUDIT_LOCK_DAYS + 1),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    (this.bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = {
      eventBridgeConfiguration: { eventBridgeEnabled: true },
    };
    this.role = rdsOptionRole(
      this,
      'Role',
      props.databaseIdentifierPrefix,
      'RDS for SQL Server Audit: writes .sqlaudit files to the locked audit bucket',
    );
    // Bucket-level and key rights on the role; object writes are granted by the bucket policy
    // below (same account: either policy's allow is enough), so no identity policy names objects.
    new iam.ManagedPolicy(this, 'Policy', {
      description: 'SQL Server Audit: the audit bucket and its key only',
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetBucketAcl'],
          resources: [this.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
          resources: [props.key.keyArn],
        }),
      ],
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AuditRoleWritesAuditFiles',
        principals: [this.role],
        actions: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyAuditRoleAndBreakGlass',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:GetObject*', 's3:PutObject*', 's3:DeleteObject*', 's3:RestoreObject', 's3:ListBucket*'],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': [this.role.roleArn, props.breakGlassRoleArn] } },
      }),
    );
  }

  /** Where SQL Server Audit writes (the option's S3_BUCKET_ARN): `<bucket ARN>/audit`. */
  get auditPrefixArn(): string {
    return `${this.bucket.bucketArn}/${SQLSERVER_AUDIT_PREFIX}`;
  }
}

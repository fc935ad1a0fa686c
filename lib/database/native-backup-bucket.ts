import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ACCESS_LOGS_ID, AccessLogBucket } from '../storage';
import { rdsOptionRole } from './rds-option-role';

/** Name of the account's break-glass administration role: the only other principal of the bucket. */
export const BREAK_GLASS_ROLE_NAME = 'BreakGlassAdministrator';

/** Days the bucket's access records are kept (over a year, as OFFICIAL-SENSITIVE logs are). */
export const ACCESS_LOG_DAYS = 400;

/** Days a superseded (noncurrent) object version is kept before it expires. */
export const NONCURRENT_VERSION_DAYS = 90;

/**
 * The S3 bucket SQL Server native backups (.bak) are written to (SQL Server Audit files have their
 * own locked bucket, `SqlServerAuditBucket`): the
 * exit route off RDS, and the way databases come in from on-premises. Encrypted with the database
 * CMK, versioned (noncurrent versions expire after 90 days), public access blocked, TLS-only,
 * retained when the stack is deleted, access-logged to its own `AccessLogBucket` (kept 400 days,
 * over a year, as for OFFICIAL-SENSITIVE logs). Its policy denies reading, writing, listing and deleting
 * objects to every principal except the native-backup role and the account's break-glass
 * administration role. The role is what RDS assumes through the SQLSERVER_BACKUP_RESTORE
 * option, only for this account's databases of this estate (aws:SourceAccount,
 * aws:SourceArn); it can touch this bucket and key only.
 */
export interface NativeBackupBucketProps {
  /** Customer-managed key for the backups (the databases' `rds` key). */
  readonly key: kms.IKey;
  /** Prefix of the estate's database identifiers (`<estate id>-`), for the RDS trust condition. */
  readonly databaseIdentifierPrefix: string;
  /**
   * Name of the break-glass administration role that may also reach the objects.
   * @default BREAK_GLASS_ROLE_NAME
   */
  readonly breakGlassRoleName?: string;
}

export class NativeBackupBucket extends Construct {
  readonly bucket: s3.Bucket;
  /** Where the bucket's server access logs go (S3 delivers them only to an SSE-S3 bucket). */
  readonly accessLogs: AccessLogBucket;
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: NativeBackupBucketProps) {
    super(scope, id);
    this.accessLogs = new AccessLogBucket(this, ACCESS_LOGS_ID, { retentionDays: ACCESS_LOG_DAYS });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      ...this.accessLogs.loggingFor('native-backup/'),
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'ExpireSupersededVersions',
          noncurrentVersionExpiration: Duration.days(NONCURRENT_VERSION_DAYS),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
    });
    const stack = Stack.of(this);
    this.role = rdsOptionRole(
      this,
      'Role',
      props.databaseIdentifierPrefix,
      'RDS for SQL Server native backup and restore to the exit bucket',
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:ListBucket', 's3:GetBucketLocation', 's3:GetBucketAcl'],
        resources: [this.bucket.bucketArn],
      }),
    );
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'],
        resources: [this.bucket.arnForObjects('*')],
      }),
    );
    // Identity policy only: the key policy (keys stack) already lets the account delegate use.
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey', 'kms:DescribeKey'],
        resources: [props.key.keyArn],
      }),
    );
    const breakGlass = stack.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: props.breakGlassRoleName ?? BREAK_GLASS_ROLE_NAME,
    });
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyNativeBackupRoleAndBreakGlass',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [
          's3:GetObject*',
          's3:PutObject*',
          's3:DeleteObject*',
          's3:RestoreObject',
          's3:ListBucket*',
          's3:ListMultipartUploadParts',
          's3:AbortMultipartUpload',
        ],
        resources: [this.bucket.bucketArn, this.bucket.arnForObjects('*')],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': [this.role.roleArn, breakGlass] } },
      }),
    );
  }
}

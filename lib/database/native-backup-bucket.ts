import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { SQLSERVER_AUDIT_PREFIX } from './audit-settings';

/**
 * The S3 bucket SQL Server native backups (.bak) are written to and restored from: the exit route
 * off RDS, and the way databases come in from on-premises. Encrypted with the database CMK,
 * versioned, public access blocked, TLS-only, retained when the stack is deleted. The role is what
 * RDS assumes through the SQLSERVER_BACKUP_RESTORE option; it can touch this bucket and key only.
 */
export interface NativeBackupBucketProps {
  /** Customer-managed key for the backups (the databases' `rds` key). */
  readonly key: kms.IKey;
}

export class NativeBackupBucket extends Construct {
  readonly bucket: s3.Bucket;
  readonly role: iam.Role;
  /** Where SQL Server Audit writes its files: `<bucket ARN>/audit`. */
  readonly auditPrefixArn: string;

  constructor(scope: Construct, id: string, props: NativeBackupBucketProps) {
    super(scope, id);
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.auditPrefixArn = `${this.bucket.bucketArn}/${SQLSERVER_AUDIT_PREFIX}`;
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('rds.amazonaws.com'),
      description: 'RDS for SQL Server native backup and restore to the exit bucket',
    });
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
  }
}

import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { denyGrantsNotForAwsServices } from '../../keys/grant-policy';

export interface RdsExportRoleProps {
  readonly bucket: s3.IBucket;
  /** Name of the role (the export command passes its ARN to StartExportTask). */
  readonly roleName: string;
  /** Alias of the export key, e.g. `alias/<estate>/rds-exit-export`. */
  readonly keyAlias: string;
  /** Key prefix of the exports. @default 'exports/' */
  readonly prefix?: string;
}

/**
 * The role RDS snapshot export assumes (export.rds.amazonaws.com) and the customer-managed key the
 * Parquet files are encrypted with. From the RDS API reference, StartExportTask: the role needs
 * s3:PutObject*, GetObject*, ListBucket, DeleteObject*, GetBucketLocation on the bucket; the key
 * must let the caller CreateGrant and DescribeKey. The actions are named one by one here (no
 * wildcards), limited to the export prefix.
 */
export class RdsExportRole extends Construct {
  readonly role: iam.Role;
  readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: RdsExportRoleProps) {
    super(scope, id);
    const prefix = props.prefix ?? 'exports/';
    this.key = new kms.Key(this, 'Key', {
      alias: props.keyAlias,
      description: 'Encrypts RDS snapshot exports (Parquet) in the exit bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Control Tower CT.KMS.PR.3 (as the estate keys): grants only for AWS resources or by AWS services.
    this.key.addToResourcePolicy(denyGrantsNotForAwsServices());
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'RDS snapshot export to the exit bucket only',
      statements: [
        new iam.PolicyStatement({
          sid: 'ExitBucket',
          actions: ['s3:ListBucket', 's3:GetBucketLocation'],
          resources: [props.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'ExitObjects',
          actions: [
            's3:PutObject',
            's3:GetObject',
            's3:DeleteObject',
            's3:AbortMultipartUpload',
            's3:ListMultipartUploadParts',
          ],
          resources: [props.bucket.arnForObjects(`${prefix}*`)],
        }),
        new iam.PolicyStatement({
          sid: 'ExportKey',
          actions: [
            'kms:Encrypt',
            'kms:Decrypt',
            'kms:GenerateDataKey',
            'kms:ReEncryptFrom',
            'kms:ReEncryptTo',
            'kms:CreateGrant',
            'kms:DescribeKey',
            'kms:RetireGrant',
          ],
          resources: [this.key.keyArn],
        }),
      ],
    });
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: 'RDS snapshot export: writes Parquet to the exit bucket',
      assumedBy: new iam.ServicePrincipal('export.rds.amazonaws.com'),
      managedPolicies: [policy],
    });
  }
}

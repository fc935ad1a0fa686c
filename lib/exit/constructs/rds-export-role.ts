import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { administeredKey, useViaServicesStatement } from '../../keys/administered-key';
import type { KeyAdministration } from '../../keys/key-administration';
import { servicePrincipalForAccount } from '../../shared/service-trust';

export interface RdsExportRoleProps {
  readonly bucket: s3.IBucket;
  /** Name of the role (the export command passes its ARN to StartExportTask). */
  readonly roleName: string;
  /** Alias of the export key, e.g. `alias/<estate>/rds-exit-export`. */
  readonly keyAlias: string;
  /** Key prefix of the exports. @default 'exports/' */
  readonly prefix?: string;
  /** The plan's key administrator and break-glass roles (the estate's one key guard). */
  readonly administration: KeyAdministration;
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
    this.key = administeredKey(this, 'Key', {
      alias: props.keyAlias,
      description: 'Encrypts RDS snapshot exports (Parquet) in the exit bucket',
      administration: props.administration,
    });
    // StartExportTask's caller and the export role use the key through RDS (which creates the
    // grant) and S3 (the Parquet objects) only.
    this.key.addToResourcePolicy(
      useViaServicesStatement(
        this.key.stack,
        'AccountUsesViaRdsAndS3',
        ['rds', 's3'],
        [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:DescribeKey',
          'kms:CreateGrant',
          'kms:RetireGrant',
        ],
      ),
    );
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
      // RDS User Guide, "Preventing cross-service confused deputy problems": aws:SourceAccount
      // in the trust of roles RDS assumes (the export task's source ARN is not documented).
      assumedBy: servicePrincipalForAccount(this, 'export.rds.amazonaws.com'),
      managedPolicies: [policy],
    });
  }
}

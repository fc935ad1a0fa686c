import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { VMIMPORT_ROLE_NAME } from '../exit-names';

export interface VmImportRoleProps {
  /** The exit bucket ExportImage writes to. */
  readonly bucket: s3.IBucket;
  /** Key prefix the exports are written under. @default 'exports/' */
  readonly prefix?: string;
}

/**
 * The VM Import/Export service role (`vmimport`), limited to exporting images into the exit
 * bucket. Trust and permissions follow the VM Import/Export user guide, "Required service role"
 * (https://docs.aws.amazon.com/vm-import/latest/userguide/required-permissions.html): trusted by
 * vmie.amazonaws.com with the external id `vmimport`; for export, S3 read/write on the bucket and
 * the EC2 snapshot actions the service uses. Import actions (ImportImage into S3 sources, KMS) are
 * not granted. EC2 Describe calls have no resource-level permissions, hence `*` for them only.
 */
export class VmImportRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: VmImportRoleProps) {
    super(scope, id);
    const prefix = props.prefix ?? 'exports/';
    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'VM Import/Export: export images to the exit bucket only',
      statements: [
        new iam.PolicyStatement({
          sid: 'ExitBucket',
          actions: ['s3:GetBucketLocation', 's3:GetBucketAcl', 's3:ListBucket'],
          resources: [props.bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'ExitObjects',
          actions: ['s3:GetObject', 's3:PutObject'],
          resources: [props.bucket.arnForObjects(`${prefix}*`)],
        }),
        new iam.PolicyStatement({
          sid: 'ExportSnapshots',
          actions: ['ec2:CopySnapshot', 'ec2:ModifySnapshotAttribute', 'ec2:RegisterImage'],
          // Snapshots and images have no owner account in their ARN.
          resources: ['snapshot', 'image'].map((resource) =>
            Stack.of(this).formatArn({ service: 'ec2', account: '', resource, resourceName: '*' }),
          ),
        }),
        new iam.PolicyStatement({
          sid: 'DescribeHasNoResourceLevelPermissions',
          actions: ['ec2:DescribeImages', 'ec2:DescribeSnapshots'],
          resources: ['*'],
        }),
      ],
    });
    this.role = new iam.Role(this, 'Role', {
      roleName: VMIMPORT_ROLE_NAME,
      description: 'VM Import/Export service role: exports images to the exit bucket',
      assumedBy: new iam.ServicePrincipal('vmie.amazonaws.com', {
        conditions: { StringEquals: { 'sts:ExternalId': 'vmimport' } },
      }),
      managedPolicies: [policy],
    });
  }
}

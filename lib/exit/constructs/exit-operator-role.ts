import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

export interface ExitOperatorRoleProps {
  /** Name of the role (`exitOperatorRoleName`): the exit bucket policy and the runbook name it. */
  readonly roleName: string;
  /** The exit bucket the operator downloads exports from. */
  readonly bucket: s3.IBucket;
  /** Key prefix of the exports. @default 'exports/' */
  readonly prefix?: string;
}

/**
 * The role a named council officer assumes (MFA, one-hour sessions) to list and download exports
 * from the exit bucket: one of the few principals the bucket policy lets near the objects, and
 * only to list and read the export prefix.
 */
export class ExitOperatorRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ExitOperatorRoleProps) {
    super(scope, id);
    const prefix = props.prefix ?? 'exports/';
    this.role = new iam.Role(this, 'Role', {
      roleName: props.roleName,
      description: 'Exit operator: lists and downloads exports from the exit bucket',
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    // Read rights are in the exit bucket's policy (same account: its allow is enough), so no
    // identity policy names objects with a wildcard.
    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ExitOperatorListsExports',
        principals: [this.role],
        actions: ['s3:ListBucket', 's3:GetBucketLocation'],
        resources: [props.bucket.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      }),
    );
    props.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'ExitOperatorReadsExports',
        principals: [this.role],
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [props.bucket.arnForObjects(`${prefix}*`)],
      }),
    );
  }
}

import type { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** The tag the EC2 VSS agent puts on every snapshot and image it creates. */
export const VSS_TAG = 'AwsVssConfig';

/**
 * What a Windows server needs to take its own VSS-consistent snapshots and images (AWS Backup's
 * Windows VSS option runs AWSEC2-CreateVssSnapshot on the instance), as statements of the estate's
 * own server policy instead of the AWS-managed AWSEC2VssSnapshotPolicy.
 *
 * Same rights as AWS's policy (v2: DescribeInstanceAttribute, CreateSnapshots and CreateImage of
 * the calling instance; the new snapshots and images tagged `AwsVssConfig`; tags on them at creation,
 * and afterwards only the `AppConsistent` and `Device` keys; DescribeImages and DescribeSnapshots),
 * narrowed to the estate region. The allows name `*` (new snapshots and images have no ARN yet, and
 * the Describe calls have no resource-level permissions); two denies keep them as tight as AWS's
 * resource conditions: no instance other than the caller's own (ec2:SourceInstanceARN, which is
 * also absent when the role's credentials are used off the instance), and no snapshot or image
 * without the VSS tag.
 */
export function vssStatements(stack: Stack): iam.PolicyStatement[] {
  const region = { 'aws:RequestedRegion': stack.region };
  const arn = (resource: string) => `arn:${stack.partition}:ec2:${resource}`;
  return [
    new iam.PolicyStatement({
      sid: 'VssOwnInstanceSnapshotsAndImages',
      actions: ['ec2:DescribeInstanceAttribute', 'ec2:CreateSnapshots', 'ec2:CreateImage'],
      resources: ['*'],
      conditions: { StringEquals: region },
    }),
    new iam.PolicyStatement({
      sid: 'VssTagCopiesAtCreation',
      actions: ['ec2:CreateTags'],
      resources: ['*'],
      conditions: { StringEquals: { ...region, 'ec2:CreateAction': ['CreateImage', 'CreateSnapshots'] } },
    }),
    new iam.PolicyStatement({
      sid: 'VssMarkCopies',
      actions: ['ec2:CreateTags'],
      resources: ['*'],
      conditions: {
        StringEquals: region,
        StringLike: { [`ec2:ResourceTag/${VSS_TAG}`]: '*' },
        'ForAllValues:StringEquals': { 'aws:TagKeys': ['AppConsistent', 'Device'] },
      },
    }),
    new iam.PolicyStatement({
      sid: 'VssDescribeCopies',
      // No resource-level permissions for these two Describe calls.
      actions: ['ec2:DescribeImages', 'ec2:DescribeSnapshots'],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'VssNoOtherInstance',
      effect: iam.Effect.DENY,
      actions: ['ec2:DescribeInstanceAttribute', 'ec2:CreateSnapshots', 'ec2:CreateImage'],
      resources: [arn('*:*:instance/*')],
      // AWS's policy allows the instance only under this condition; its negation is the deny.
      conditions: { ArnNotLike: { 'ec2:SourceInstanceARN': arn('*:*:instance/${ec2:InstanceId}') } },
    }),
    new iam.PolicyStatement({
      sid: 'VssOnlyTaggedCopies',
      effect: iam.Effect.DENY,
      actions: ['ec2:CreateSnapshots', 'ec2:CreateImage'],
      resources: [arn('*::snapshot/*'), arn('*::image/*')],
      conditions: { Null: { [`aws:RequestTag/${VSS_TAG}`]: 'true' } },
    }),
  ];
}

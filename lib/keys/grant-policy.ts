import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Control Tower CT.KMS.PR.3: a key policy statement that lets grants be created only for AWS
 * resources or by AWS services. Every customer-managed key of the estate carries it.
 */
export function denyGrantsNotForAwsServices(): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'DenyGrantsNotForAwsServices',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
    },
  });
}

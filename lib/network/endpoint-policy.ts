import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * Interface endpoint services whose calls from the estate reach resources AWS owns, so an
 * `aws:ResourceAccount` condition naming the estate's account would break them (AWS's data
 * perimeter examples, aws-samples/data-perimeter-policy-examples, vpc_endpoint_policies and the
 * Systems Manager service-specific guidance): the SSM agent reads AWS-owned documents
 * (`AWS-RunShellScript`, `AWS-ConfigureAWSPackage`) and public parameters (`/aws/service/...`);
 * `ssmmessages` and `ec2messages` carry session and command channels, not account resources;
 * EC2 launches and describes Amazon-owned public images. Every other service (KMS, CloudWatch
 * Logs, Secrets Manager, and any endpoint added later) gets the condition.
 */
export const RESOURCE_ACCOUNT_EXCEPTIONS: Readonly<Record<string, string>> = {
  ssm: 'the agent reads AWS-owned documents and public parameters',
  ssmmessages: 'session channels are not resources of an account',
  ec2messages: 'command channels are not resources of an account',
  ec2: 'launches and describes Amazon-owned public images',
};

/**
 * The one statement of an interface endpoint's policy: only principals of the estate's account
 * (`aws:PrincipalAccount`), and, for every service not in {@link RESOURCE_ACCOUNT_EXCEPTIONS},
 * only resources of that account (`aws:ResourceAccount`): estate credentials cannot reach another
 * account's keys, secrets or log groups through the endpoint, nor can other accounts' credentials
 * use it. `service` is the endpoint's short name (`kms`, `logs`, `secretsmanager`).
 */
export function interfaceEndpointStatement(service: string, account: string): iam.PolicyStatement {
  const resourceAccount = !(service in RESOURCE_ACCOUNT_EXCEPTIONS);
  return new iam.PolicyStatement({
    sid: resourceAccount ? 'EstateAccountPrincipalsAndResourcesOnly' : 'EstateAccountPrincipalsOnly',
    principals: [new iam.AnyPrincipal()],
    actions: ['*'],
    resources: ['*'],
    conditions: {
      StringEquals: {
        'aws:PrincipalAccount': account,
        ...(resourceAccount ? { 'aws:ResourceAccount': account } : {}),
      },
    },
  });
}

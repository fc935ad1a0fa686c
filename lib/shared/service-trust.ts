import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';

/**
 * A service principal that may assume a role only on behalf of this stack's account (and, where
 * the service documents its source ARN, only for resources of `sourceArnService` in this account
 * and region): the cross-service confused-deputy protection of the IAM User Guide ("The confused
 * deputy problem", `aws:SourceAccount`, `aws:SourceArn`). Use it only for services whose own
 * documentation says they set these keys when assuming a role: the caller names that page.
 */
export function servicePrincipalForAccount(
  scope: IConstruct,
  service: string,
  opts: { readonly sourceArnService?: string } = {},
): iam.ServicePrincipal {
  const stack = Stack.of(scope);
  const conditions: Record<string, Record<string, string>> = {
    StringEquals: { 'aws:SourceAccount': stack.account },
  };
  if (opts.sourceArnService)
    conditions.ArnLike = {
      'aws:SourceArn': `arn:${stack.partition}:${opts.sourceArnService}:${stack.region}:${stack.account}:*`,
    };
  return new iam.ServicePrincipal(service, { conditions });
}

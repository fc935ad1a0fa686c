import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * A role RDS assumes for an option (native backup and restore, SQL Server Audit), trusted only
 * for this account's DB instances whose identifiers start with `databaseIdentifierPrefix`
 * (`aws:SourceAccount` and `aws:SourceArn`, as the RDS confused-deputy guidance describes).
 */
export function rdsOptionRole(
  scope: Construct,
  id: string,
  databaseIdentifierPrefix: string,
  description: string,
): iam.Role {
  const stack = Stack.of(scope);
  return new iam.Role(scope, id, {
    assumedBy: new iam.ServicePrincipal('rds.amazonaws.com', {
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: {
          'aws:SourceArn': stack.formatArn({
            service: 'rds',
            resource: 'db',
            resourceName: `${databaseIdentifierPrefix}*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
      },
    }),
    description,
  });
}

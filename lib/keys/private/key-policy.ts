import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { KEY_PURPOSE_SERVICE, type KeyPurpose } from '../key-purpose';
import { pascalCase } from '../../shared/naming';

const USE_ACTIONS = [
  'kms:Encrypt',
  'kms:Decrypt',
  'kms:ReEncrypt*',
  'kms:GenerateDataKey*',
  'kms:DescribeKey',
];

/**
 * Use statements of an estate key (administration is in `administeredKey`): the account may use the key
 * through the service the key is for (`kms:ViaService`), and services that write with their own
 * principal (CloudWatch Logs; services publishing to encrypted SNS topics) get an explicit grant.
 */
export function servicePolicyStatements(stack: Stack, purpose: KeyPurpose): iam.PolicyStatement[] {
  const { account, region } = stack;
  const service = KEY_PURPOSE_SERVICE[purpose];
  const statements: iam.PolicyStatement[] = [];

  if (purpose === 'logs') {
    statements.push(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogsWithEncryptionContext',
        principals: [new iam.ServicePrincipal(`logs.${region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': stack.formatArn({
              service: 'logs',
              resource: 'log-group',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    return statements;
  }

  statements.push(
    new iam.PolicyStatement({
      sid: `AllowUseVia${pascalCase(service)}`,
      principals: [new iam.AccountPrincipal(account)],
      actions: [...USE_ACTIONS, 'kms:CreateGrant', 'kms:ListGrants'],
      resources: ['*'],
      conditions: {
        StringEquals: {
          'kms:ViaService': `${service}.${region}.amazonaws.com`,
          'kms:CallerAccount': account,
        },
      },
    }),
  );

  if (purpose === 'sns') {
    statements.push(
      new iam.PolicyStatement({
        sid: 'AllowServicesToPublishToEncryptedTopics',
        principals: ['backup.amazonaws.com', 'cloudwatch.amazonaws.com', 'events.amazonaws.com'].map(
          (p) => new iam.ServicePrincipal(p),
        ),
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': account } },
      }),
    );
  }
  return statements;
}

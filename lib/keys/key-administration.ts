import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** Who administers keys, and who alone may disable them or schedule their deletion. */
export interface KeyAdministration {
  /** IAM role name (in the key's account) that administers the keys but does not use them. */
  readonly adminRole: string;
  /** IAM role name (in the key's account): the only principal allowed to disable or delete keys. */
  readonly breakGlassRole: string;
}

/** Actions that destroy access to everything a key encrypts. */
export const KEY_DESTRUCTION_ACTIONS = ['kms:ScheduleKeyDeletion', 'kms:DisableKey'] as const;

/** Administration without use: no Encrypt/Decrypt/GenerateDataKey, no destruction. */
const ADMIN_ACTIONS = [
  'kms:Create*',
  'kms:Describe*',
  'kms:Enable*',
  'kms:List*',
  'kms:Put*',
  'kms:Update*',
  'kms:Revoke*',
  'kms:Get*',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:CancelKeyDeletion',
];

function roleArn(stack: Stack, name: string): string {
  return `arn:${stack.partition}:iam::${stack.account}:role/${name}`;
}

/**
 * Key policy statements that separate the key administrator role from key users, and deny
 * `kms:ScheduleKeyDeletion` and `kms:DisableKey` to every principal (the account root and
 * administrators included) except the break-glass role. A compromised administrator can then no
 * longer make the recovery points unreadable.
 */
export function keyAdministrationStatements(stack: Stack, admin: KeyAdministration): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'KeyAdministratorsAdministerWithoutUse',
      principals: [new iam.ArnPrincipal(roleArn(stack, admin.adminRole))],
      actions: ADMIN_ACTIONS,
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'OnlyBreakGlassMayDisableOrDeleteKey',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [...KEY_DESTRUCTION_ACTIONS],
      resources: ['*'],
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': roleArn(stack, admin.breakGlassRole) } },
    }),
    new iam.PolicyStatement({
      sid: 'BreakGlassMayDisableOrDeleteKey',
      principals: [new iam.ArnPrincipal(roleArn(stack, admin.breakGlassRole))],
      actions: [...KEY_DESTRUCTION_ACTIONS],
      resources: ['*'],
    }),
  ];
}

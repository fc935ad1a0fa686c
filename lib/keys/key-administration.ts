import { DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** Who administers keys, and who alone may disable them, schedule their deletion or rewrite their policy. */
export interface KeyAdministration {
  /** IAM role name (in the key's account) that administers the keys but does not use them. */
  readonly adminRole: string;
  /** IAM role name (in the key's account): the only principal allowed to disable, delete or re-policy keys. */
  readonly breakGlassRole: string;
}

/**
 * Actions that destroy access to everything a key encrypts, or remove the guard itself: a
 * principal that may `kms:PutKeyPolicy` can drop the deny below and then delete the key.
 */
export const KEY_GUARDED_ACTIONS = ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy'] as const;

/**
 * Administration without use and without the guarded actions, named one by one (no `kms:Create*`,
 * which would include `kms:CreateGrant`, a way to give oneself use of the key).
 */
export const KEY_ADMIN_ACTIONS = [
  'kms:CancelKeyDeletion',
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:EnableKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListGrants',
  'kms:ListKeyPolicies',
  'kms:ListKeyRotations',
  'kms:ListResourceTags',
  'kms:RevokeGrant',
  'kms:RotateKeyOnDemand',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

/**
 * What CloudFormation needs to create and update an `AWS::KMS::Key` and its alias after
 * `kms:CreateKey` (an IAM permission, not a key-policy one): rotation, tags, description, alias,
 * and the reads of its handlers. Not `kms:PutKeyPolicy`: a key policy change is a break-glass change.
 */
const DEPLOYER_ACTIONS = [
  'kms:CreateAlias',
  'kms:DeleteAlias',
  'kms:DescribeKey',
  'kms:EnableKeyRotation',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
  'kms:TagResource',
  'kms:UntagResource',
  'kms:UpdateAlias',
  'kms:UpdateKeyDescription',
] as const;

export function roleArn(stack: Stack, name: string): string {
  return `arn:${stack.partition}:iam::${stack.account}:role/${name}`;
}

/**
 * The CloudFormation execution role of the CDK bootstrap in the stack's account and region
 * (`cdk-<qualifier>-cfn-exec-role-<account>-<region>`; qualifier from the context
 * `@aws-cdk/core:bootstrapQualifier`, `hnb659fds` by default), the principal that deploys the key.
 */
export function deployerRoleArn(stack: Stack): string {
  const context = stack.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as unknown;
  const qualifier = typeof context === 'string' ? context : DefaultStackSynthesizer.DEFAULT_QUALIFIER;
  return roleArn(stack, `cdk-${qualifier}-cfn-exec-role-${stack.account}-${stack.region}`);
}

/**
 * The administration part of every key policy of the estate. There is no `kms:*` for the account
 * root: the AWS KMS Developer Guide ("Default key policy", "Allows access to the AWS account and
 * enables IAM policies") explains that this statement is what lets IAM policies grant access to
 * the key; without it only the principals named here administer the key, so IAM rights alone
 * cannot grant key administration. Instead:
 * - the key administrator role administers without use and without the guarded actions;
 * - the CDK deployment role keeps the key's rotation, tags, description and alias as deployed;
 * - `kms:ScheduleKeyDeletion`, `kms:DisableKey` and `kms:PutKeyPolicy` are denied to every
 *   principal but the break-glass role (an explicit deny wins over any allow);
 * - the break-glass role administers everything, including the policy itself, so the key never
 *   becomes unmanageable.
 * Use statements (by service, with `kms:ViaService`) are added by the callers.
 */
export function keyAdministrationStatements(stack: Stack, admin: KeyAdministration): iam.PolicyStatement[] {
  const breakGlass = roleArn(stack, admin.breakGlassRole);
  return [
    new iam.PolicyStatement({
      sid: 'KeyAdministratorsAdministerWithoutUse',
      principals: [new iam.ArnPrincipal(roleArn(stack, admin.adminRole))],
      actions: [...KEY_ADMIN_ACTIONS],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'DeploymentRoleMaintainsKeyAsDeployed',
      principals: [new iam.ArnPrincipal(deployerRoleArn(stack))],
      actions: [...DEPLOYER_ACTIONS],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'OnlyBreakGlassMayDisableDeleteOrRepolicyKey',
      effect: iam.Effect.DENY,
      principals: [new iam.AnyPrincipal()],
      actions: [...KEY_GUARDED_ACTIONS],
      resources: ['*'],
      conditions: { ArnNotEquals: { 'aws:PrincipalArn': breakGlass } },
    }),
    new iam.PolicyStatement({
      sid: 'BreakGlassAdministersKey',
      principals: [new iam.ArnPrincipal(breakGlass)],
      actions: [...KEY_ADMIN_ACTIONS, ...KEY_GUARDED_ACTIONS, 'kms:DisableKeyRotation'],
      resources: ['*'],
    }),
  ];
}

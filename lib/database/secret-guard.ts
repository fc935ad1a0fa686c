import { Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { createHash } from 'node:crypto';

/** Secret actions that read or change the credentials, or delete them. */
export const GUARDED_SECRET_ACTIONS = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:PutSecretValue',
  'secretsmanager:UpdateSecret',
  'secretsmanager:UpdateSecretVersionStage',
  'secretsmanager:DeleteSecret',
] as const;

/** Properties of {@link SecretGuard}. */
export interface SecretGuardProps {
  /** Role ARNs that may read or change the secret (DMS's access role, the break-glass role). */
  readonly readers: readonly string[];
  /**
   * Name of the secret's hosted rotation function, which rotates with its own role. Lambda names
   * the role session after the function, so its calls carry `aws:userid` `<role id>:<name>`.
   * @default - no rotation
   */
  readonly rotationFunctionName?: string;
}

/**
 * The secret's resource policy denies reading, changing and deleting its value to every principal
 * but the named roles, the hosted rotation function (by its session: `aws:userid` ends with
 * `:<function name>`, "AWS global condition context keys": aws:userid of an assumed role is
 * `role-id:role-session-name`, and Lambda's session name is the function name) and the CDK
 * CloudFormation execution role, which resolves the `{{resolve:secretsmanager:...}}` reference of
 * the database's master password at every stack update. An administrator of the account with
 * `secretsmanager:*` is denied too.
 */
export class SecretGuard {
  private readonly readers: string[];

  constructor(secret: secretsmanager.ISecret, props: SecretGuardProps) {
    this.readers = [...props.readers];
    const stack = Stack.of(secret);
    const cfnExecRole = stack.formatArn({
      service: 'iam',
      region: '',
      resource: 'role',
      resourceName: `cdk-*-cfn-exec-role-${stack.account}-${stack.region}`,
    });
    secret.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'OnlyRotationDmsAndBreakGlass',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...GUARDED_SECRET_ACTIONS],
        resources: ['*'],
        conditions: {
          ArnNotLike: {
            'aws:PrincipalArn': Lazy.list({ produce: () => [...this.readers, cfnExecRole] }),
          },
          ...(props.rotationFunctionName
            ? { StringNotLike: { 'aws:userid': `*:${props.rotationFunctionName}` } }
            : {}),
        },
      }),
    );
  }

  /** Lets one more role (by ARN) read the secret, e.g. DMS's access role for a target secret. */
  allow(roleArn: string): void {
    this.readers.push(roleArn);
  }
}

/** A hosted rotation function's name: `<estate>-<database>-rotation`, hashed down to 64 characters. */
export function rotationFunctionName(estateId: string, databaseId: string): string {
  const name = `${estateId}-${databaseId}-rotation`;
  if (name.length <= 64) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, 55)}-${hash}`;
}

/** ARN of a role in the stack's account, by name. */
export function roleArnByName(stack: Stack, roleName: string): string {
  return stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: roleName });
}

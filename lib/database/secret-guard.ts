import { Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
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
    secret.addToResourcePolicy(
      guardStatement(Stack.of(secret), () => this.readers, props.rotationFunctionName),
    );
  }

  /** Lets one more role (by ARN) read the secret, e.g. DMS's access role for a target secret. */
  allow(roleArn: string): void {
    this.readers.push(roleArn);
  }
}

/**
 * The deny of {@link SecretGuard}: reading, changing and deleting the value, for every principal
 * but `readers`, the CDK CloudFormation execution role and (by its session) the rotation function.
 */
function guardStatement(
  stack: Stack,
  readers: () => readonly string[],
  rotationFunctionName?: string,
): iam.PolicyStatement {
  const cfnExecRole = stack.formatArn({
    service: 'iam',
    region: '',
    resource: 'role',
    resourceName: `cdk-*-cfn-exec-role-${stack.account}-${stack.region}`,
  });
  return new iam.PolicyStatement({
    sid: 'OnlyRotationDmsAndBreakGlass',
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: [...GUARDED_SECRET_ACTIONS],
    resources: ['*'],
    conditions: {
      ArnNotLike: {
        'aws:PrincipalArn': Lazy.list({ produce: () => [...readers(), cfnExecRole] }),
      },
      ...(rotationFunctionName ? { StringNotLike: { 'aws:userid': `*:${rotationFunctionName}` } } : {}),
    },
  });
}

/** Properties of {@link NamedSecretGuard}. */
export interface NamedSecretGuardProps {
  /** Name of a secret the stack does not own (e.g. the DMS source secret the council's DBA creates). */
  readonly secretName: string;
  /** Role ARNs that may read or change the secret (DMS's access role, the break-glass role). */
  readonly readers: readonly string[];
}

/**
 * {@link SecretGuard}'s resource policy on a secret the stack does not create, referred to by
 * name: `AWS::SecretsManager::ResourcePolicy` takes "the ARN or name of the secret" (CloudFormation
 * template reference, SecretId). Secrets Manager refuses a second policy on a secret that has one,
 * so the secret is created without one (docs/organisation.md, "The DMS source secret").
 */
export class NamedSecretGuard extends Construct {
  readonly policy: secretsmanager.CfnResourcePolicy;

  constructor(scope: Construct, id: string, props: NamedSecretGuardProps) {
    super(scope, id);
    const document = new iam.PolicyDocument({
      statements: [guardStatement(Stack.of(this), () => props.readers)],
    });
    this.policy = new secretsmanager.CfnResourcePolicy(this, 'Resource', {
      secretId: props.secretName,
      resourcePolicy: document,
      blockPublicPolicy: true,
    });
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

import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { denyGrantsNotForAwsServices } from './grant-policy';
import { keyAdministrationStatements, type KeyAdministration } from './key-administration';

/** Properties of {@link administeredKey}. */
export interface AdministeredKeyProps {
  readonly description: string;
  readonly administration: KeyAdministration;
  /** Alias, e.g. `alias/<estate>/finance`. @default - none */
  readonly alias?: string;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The one key builder of the estate: every customer-managed key of every stack comes from here.
 * Rotated, retained, administered by the plan's admin role, deletable, disablable and
 * re-policied only by the break-glass role, granting only for AWS resources (CT.KMS.PR.3), and
 * with no `kms:*` for the account root (see {@link keyAdministrationStatements}). Callers add the
 * use statements (by service principal, or the account with `kms:ViaService`).
 *
 * The policy is given to `kms.Key` whole, so aws-cdk-lib adds no default "Enable IAM User
 * Permissions" statement. CloudFormation creates the key with the CDK deployment role, which the
 * policy does not allow `kms:PutKeyPolicy`; KMS's policy lockout safety check would refuse that
 * (KMS API Reference, CreateKey, `BypassPolicyLockoutSafetyCheck`: "Use this parameter only when
 * you intend to prevent the principal that is making the request from making a subsequent
 * PutKeyPolicy request on the KMS key"). That is the intent here, and the break-glass role keeps
 * `kms:PutKeyPolicy`, so the key stays manageable: the check is bypassed on creation only.
 */
export function administeredKey(scope: Construct, id: string, props: AdministeredKeyProps): kms.Key {
  const key = new kms.Key(scope, id, {
    description: props.description,
    alias: props.alias,
    enableKeyRotation: true,
    removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    policy: new iam.PolicyDocument(),
  });
  for (const s of keyAdministrationStatements(Stack.of(scope), props.administration))
    key.addToResourcePolicy(s);
  key.addToResourcePolicy(denyGrantsNotForAwsServices());
  (key.node.defaultChild as kms.CfnKey).bypassPolicyLockoutSafetyCheck = true;
  return key;
}

/**
 * A statement letting principals of the key's own account use it only through the named AWS
 * services (`kms:ViaService`, `kms:CallerAccount`; KMS Developer Guide, "kms:ViaService"): IAM
 * policies can then grant use through those services and nothing else.
 */
export function useViaServicesStatement(
  stack: Stack,
  sid: string,
  services: readonly string[],
  actions: readonly string[] = [
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:ReEncrypt*',
    'kms:GenerateDataKey*',
    'kms:DescribeKey',
  ],
): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid,
    principals: [new iam.AccountPrincipal(stack.account)],
    actions: [...actions],
    resources: ['*'],
    conditions: {
      StringEquals: {
        'kms:ViaService': services.map((s) => `${s}.${stack.region}.amazonaws.com`),
        'kms:CallerAccount': stack.account,
      },
    },
  });
}

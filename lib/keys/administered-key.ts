import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { denyGrantsNotForAwsServices } from './grant-policy';
import { keyAdministrationStatements, type KeyAdministration } from './key-administration';

/**
 * A customer-managed key of its own for one resource (a recovery vault, an audit-log bucket):
 * rotated, retained, administered by the plan's admin role, deletable and disablable only by
 * the break-glass role, and granting only for AWS resources. Callers add the use statements.
 */
export function administeredKey(
  scope: Construct,
  id: string,
  props: { readonly description: string; readonly administration: KeyAdministration },
): kms.Key {
  const key = new kms.Key(scope, id, {
    description: props.description,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const s of keyAdministrationStatements(Stack.of(scope), props.administration))
    key.addToResourcePolicy(s);
  key.addToResourcePolicy(denyGrantsNotForAwsServices());
  return key;
}

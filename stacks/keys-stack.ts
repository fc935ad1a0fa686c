import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { EstateKeys, keyScopesFor, type KeyPurpose } from '../lib/keys';
import type { Plan } from '../lib/plan/plan';
import type { DataClassification } from '../lib/plan/schema';
import { applyTags, sharedTags } from '../lib/tagging';
import { EstateStack } from './private/estate-stack';

export interface KeysStackProps {
  /** The validated plan. */
  readonly plan: Plan;
}

/**
 * Customer-managed KMS keys for the estate. Stateful: termination-protected, keys retained.
 * Other stacks receive keys through `keyFor(purpose, classification)`.
 */
export class KeysStack extends EstateStack {
  private readonly keys: EstateKeys;

  constructor(scope: Construct, props: KeysStackProps) {
    super(scope, {
      plan: props.plan,
      role: 'Keys',
      description: `${props.plan.estate.name}: customer-managed KMS keys (stateful, retained)`,
      stateful: true,
    });
    applyTags(this, sharedTags(props.plan));
    this.keys = new EstateKeys(this, 'Keys', {
      estateId: props.plan.estate.id,
      scopes: keyScopesFor(props.plan),
      administration: props.plan.keyAdministration,
      ...(props.plan.accounts.multiAccount ? { backupCopyAccount: props.plan.accounts.backup } : {}),
    });
  }

  /** The key for data of this purpose and classification (a shared key when the plan needs no split). */
  keyFor(purpose: KeyPurpose, classification: DataClassification): kms.IKey {
    return this.keys.keyFor(purpose, classification);
  }
}

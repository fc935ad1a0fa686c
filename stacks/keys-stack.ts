import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { AdministrationRoles } from '../lib/administration';
import { EstateKeys, keyScopesFor, type KeyPurpose } from '../lib/keys';
import type { Plan } from '../lib/plan/plan';
import type { DataClassification } from '../lib/plan/schema';
import { applyTags, sharedTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface KeysStackProps {
  /** The validated plan. */
  readonly plan: Plan;
  /**
   * The workload account these keys are for (estate model): its applications decide the key
   * scopes, its shared tags tag the keys. @default - the production account, every application
   */
  readonly account?: WorkloadAccount;
}

/**
 * Customer-managed KMS keys for the estate. Stateful: termination-protected, keys retained.
 * Other stacks receive keys through `keyFor(purpose, classification)`.
 */
export class KeysStack extends EstateStack {
  private readonly keys: EstateKeys;
  /** The key administrator and break-glass roles, when the Organization does not provide them. */
  readonly administrationRoles?: AdministrationRoles;

  constructor(scope: Construct, props: KeysStackProps) {
    const { plan, account } = props;
    super(scope, {
      plan,
      ...workloadStackProps(account, 'Keys'),
      description: `${plan.estate.name}: customer-managed KMS keys${account?.role === 'non-production' ? ' of the non-production account' : ''} (stateful, retained)`,
      stateful: true,
    });
    applyTags(this, account?.sharedTags ?? sharedTags(plan));
    const applications = account
      ? plan.applications.filter((a) => account.applications.includes(a.id))
      : plan.applications;
    this.keys = new EstateKeys(this, 'Keys', {
      estateId: plan.estate.id,
      scopes: keyScopesFor({ applications }),
      administration: plan.keyAdministration,
      ...(plan.accounts.multiAccount ? { backupCopyAccount: plan.accounts.backup } : {}),
    });
    // The key policies name these roles: KMS refuses a principal that does not exist yet. Every
    // later stack of the account (buckets naming break-glass) depends on this one.
    if (!plan.organisation.provides.keyAdministrationRoles) {
      this.administrationRoles = new AdministrationRoles(this, 'Administration', {
        administration: plan.keyAdministration,
      });
      this.keys.node.addDependency(this.administrationRoles);
    }
  }

  /** The key for data of this purpose and classification (a shared key when the plan needs no split). */
  keyFor(purpose: KeyPurpose, classification: DataClassification): kms.IKey {
    return this.keys.keyFor(purpose, classification);
  }
}

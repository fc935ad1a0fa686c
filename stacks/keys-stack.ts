import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { AdministrationRoles } from '../lib/administration';
import { EstateKeys, keyScopesFor, type KeyPurpose } from '../lib/keys';
import type { EstateModel } from '../lib/estate-model/estate-model';
import type { DataClassification } from '../lib/plan/schema';
import { applyTags } from '../lib/tagging';
import type { WorkloadAccount } from '../lib/estate-model/accounts';
import { EstateStack, workloadStackProps } from './private/estate-stack';

export interface KeysStackProps {
  /** The estate model (applications, key administration, accounts, what the Organization provides). */
  readonly model: EstateModel;
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
    const { model, account } = props;
    super(scope, {
      model,
      ...workloadStackProps(account, 'Keys'),
      description: `${model.estate.name}: customer-managed KMS keys${account?.role === 'non-production' ? ' of the non-production account' : ''} (stateful, retained)`,
      stateful: true,
    });
    applyTags(this, account?.sharedTags ?? model.sharedTags);
    const applications = account
      ? model.planned.applications.filter((a) => account.applications.includes(a.id))
      : model.planned.applications;
    this.keys = new EstateKeys(this, 'Keys', {
      estateId: model.estate.id,
      scopes: keyScopesFor({ applications }),
      administration: model.settings.keyAdministration,
      ...(model.settings.accounts.multiAccount ? { backupCopyAccount: model.settings.accounts.backup } : {}),
    });
    // The key policies name these roles: KMS refuses a principal that does not exist yet. Every
    // later stack of the account (buckets naming break-glass) depends on this one.
    if (!model.settings.organisation.provides.keyAdministrationRoles) {
      this.administrationRoles = new AdministrationRoles(this, 'Administration', {
        administration: model.settings.keyAdministration,
      });
      this.keys.node.addDependency(this.administrationRoles);
    }
  }

  /** The key for data of this purpose and classification (a shared key when the plan needs no split). */
  keyFor(purpose: KeyPurpose, classification: DataClassification): kms.IKey {
    return this.keys.keyFor(purpose, classification);
  }
}

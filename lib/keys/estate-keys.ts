import { RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { pascalCase } from '../shared/naming';
import type { DataClassification } from '../plan/schema';
import { KEY_PURPOSES, type KeyPurpose } from './key-purpose';
import { scopeSuffix, type KeyScope } from './key-scopes';
import { servicePolicyStatements } from './private/key-policy';
import type { KeyAdministration } from './key-administration';
import { administeredKey } from './administered-key';
import { BACKUP_COPY_PURPOSES, backupCopyStatements } from './backup-copy-policy';

export interface EstateKeysProps {
  /** Estate id; aliases are `alias/<estate>/<purpose>[-<classification>]`. */
  readonly estateId: string;
  /**
   * Key scopes: `['shared']` for one key per purpose, or the classifications that get their own.
   * See `keyScopesFor(plan)`.
   */
  readonly scopes: readonly KeyScope[];
  /**
   * What happens to the keys when removed from the stack. Keys guard data that outlives stacks.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /** Key administrator and break-glass roles; every key's policy separates and restricts them. */
  readonly administration: KeyAdministration;
  /**
   * Another account that AWS Backup copies recovery points to (the backup account of a
   * multi-account plan): the keys those recovery points stay encrypted with (ebs, rds, backup)
   * are shared with it. @default - none
   */
  readonly backupCopyAccount?: string;
}

/**
 * Customer-managed KMS keys for an estate, one per purpose (ebs, rds, logs, backup, secrets, sns)
 * and, when the scopes say so, per data classification. Rotation is on for every key.
 */
export class EstateKeys extends Construct {
  private readonly keys = new Map<string, kms.Key>();
  private readonly scopes: readonly KeyScope[];

  constructor(scope: Construct, id: string, props: EstateKeysProps) {
    super(scope, id);
    if (props.scopes.length === 0)
      throw new Error(`EstateKeys "${id}": scopes is empty; expected ['shared'] or classifications`);
    this.scopes = props.scopes;
    const stack = Stack.of(this);
    for (const keyScope of props.scopes) {
      for (const purpose of KEY_PURPOSES) {
        const suffix = scopeSuffix(keyScope);
        const key = administeredKey(this, `${pascalCase(purpose)}${pascalCase(suffix)}Key`, {
          alias: estateKeyAlias(props.estateId, purpose, keyScope),
          description: `${props.estateId}: ${purpose} encryption${keyScope === 'shared' ? '' : ` for ${keyScope} data`}`,
          removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
          administration: props.administration,
        });
        for (const statement of servicePolicyStatements(stack, purpose)) key.addToResourcePolicy(statement);
        if (
          BACKUP_COPY_PURPOSES.includes(purpose) &&
          props.backupCopyAccount &&
          props.backupCopyAccount !== stack.account
        )
          for (const statement of backupCopyStatements(stack, props.backupCopyAccount))
            key.addToResourcePolicy(statement);
        // A key kept for one classification says so, whatever the stack-wide tag is.
        if (keyScope !== 'shared') Tags.of(key).add('DataClassification', keyScope, { priority: 200 });
        this.keys.set(mapKey(purpose, keyScope), key);
      }
    }
  }

  /** The key that protects data of this purpose and classification. */
  keyFor(purpose: KeyPurpose, classification: DataClassification): kms.IKey {
    const keyScope: KeyScope = this.scopes.includes('shared') ? 'shared' : classification;
    const key = this.keys.get(mapKey(purpose, keyScope));
    if (!key) {
      throw new Error(
        `No ${purpose} key for ${classification} data: this estate has keys for ${this.scopes.join(', ')}`,
      );
    }
    return key;
  }
}

/** The alias of an estate key: `alias/<estate>/<purpose>[-<classification>]`. */
export function estateKeyAlias(estateId: string, purpose: KeyPurpose, keyScope: KeyScope): string {
  const suffix = scopeSuffix(keyScope);
  return `alias/${estateId}/${purpose}${suffix ? `-${suffix}` : ''}`;
}

function mapKey(purpose: KeyPurpose, scope: KeyScope): string {
  return `${purpose}/${scope}`;
}

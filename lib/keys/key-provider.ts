/**
 * What the landing-zone constructs need from the keys stack, as a structural type: `KeysStack`
 * satisfies it, and tests can pass a plain `Key`.
 */
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { DataClassification } from '../plan/schema';
import type { KeyPurpose } from './key-purpose';

/** Hands out the customer-managed key for a purpose and data classification. */
export interface KeyProvider {
  keyFor(purpose: KeyPurpose, classification: DataClassification): kms.IKey;
}

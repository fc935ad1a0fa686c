import { stableHash } from '../shared/stable-hash';

/**
 * The RDS instance identifier: "<estate>-<database>" (unique per account and region, at most
 * 63 characters). Longer pairs keep the database id's start plus a stable hash suffix.
 * The log groups RDS writes to are named after it, which is why it is set explicitly.
 */
export function instanceIdentifierFor(estateId: string, databaseId: string): string {
  const full = `${estateId}-${databaseId}`;
  if (full.length <= 63) return full;
  const suffix = stableHash(full).toString(16).padStart(8, '0');
  return `${full.slice(0, 54).replace(/-+$/, '')}-${suffix}`;
}

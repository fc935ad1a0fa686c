import type { DataClassification } from '../plan/schema';

/**
 * Which data each set of keys covers: `shared` (one key per purpose for all data) or one
 * classification (separate keys per classification).
 */
export type KeyScope = 'shared' | DataClassification;

/**
 * Key scopes for a plan: a separate set of keys per data classification when the plan holds
 * applications of both classifications (so OFFICIAL-SENSITIVE data never shares a key with
 * OFFICIAL data); otherwise one shared set.
 */
export function keyScopesFor(estate: {
  readonly applications: readonly { readonly dataClassification: DataClassification }[];
}): readonly KeyScope[] {
  const present = new Set(estate.applications.map((a) => a.dataClassification));
  if (present.has('OFFICIAL') && present.has('OFFICIAL-SENSITIVE')) return ['OFFICIAL', 'OFFICIAL-SENSITIVE'];
  return ['shared'];
}

/** Suffix used in construct ids and aliases: `''` for shared, `official-sensitive`, ... */
export function scopeSuffix(scope: KeyScope): string {
  return scope === 'shared' ? '' : scope.toLowerCase();
}

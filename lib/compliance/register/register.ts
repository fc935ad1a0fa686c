import type { DisabledControl, Suppression } from './schema';

/** Where an entry was written, for error messages. */
export interface EntryLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type RegisterSuppression = Suppression & { readonly location: EntryLocation };
export type RegisterDisabledControl = DisabledControl & { readonly location: EntryLocation };

/** The loaded, validated compliance register. */
export interface ComplianceRegister {
  readonly file: string;
  /** An estate's own decisions, or the product's (applied to every estate). @default 'estate' */
  readonly kind?: 'estate' | 'product';
  /** The estate id; the product name for the product register. */
  readonly estate: string;
  readonly owner: string;
  readonly suppressions: readonly RegisterSuppression[];
  readonly disabledControls: readonly RegisterDisabledControl[];
}

/** An empty register (no suppressions), for apps and tests that have none. */
export function emptyRegister(estate: string): ComplianceRegister {
  return { file: '<none>', estate, owner: '', suppressions: [], disabledControls: [] };
}

/**
 * The product and estate registers as one, for the audit report and the Control Tower
 * validator (each entry keeps the file and line it was written at).
 */
export function combineRegisters(
  product: ComplianceRegister,
  estate: ComplianceRegister,
): ComplianceRegister {
  return {
    ...estate,
    suppressions: [...product.suppressions, ...estate.suppressions],
    disabledControls: [...product.disabledControls, ...estate.disabledControls],
  };
}

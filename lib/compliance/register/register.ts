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
  readonly estate: string;
  readonly owner: string;
  readonly suppressions: readonly RegisterSuppression[];
  readonly disabledControls: readonly RegisterDisabledControl[];
}

/** An empty register (no suppressions), for apps and tests that have none. */
export function emptyRegister(estate: string): ComplianceRegister {
  return { file: '<none>', estate, owner: '', suppressions: [], disabledControls: [] };
}

/**
 * Text stored by key between runs: what every cache of lib/ is given (the Control Tower results,
 * template validation, the packs' outcomes). lib/ chooses no folder and touches no files; the
 * entry points pass one in (bin/private/keyed-file-cache.ts keeps each in a folder of .cache/).
 */
export interface KeyedTextCache {
  readonly get: (key: string) => string | undefined;
  readonly put: (key: string, text: string) => void;
}

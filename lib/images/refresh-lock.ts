/**
 * The pure core of `images refresh`: from the current lock, the images the plan needs and the
 * values read from the public parameters, the new lock and what changed. Entries for other
 * regions and hand-pinned (`manual`) entries are kept as they are.
 */
import type { ImageLockEntry } from '../plan/image-lock';
import type { BaseImage } from '../plan/schema';
import { BASE_IMAGE_PARAMETERS } from './public-parameters';

export type LockChange =
  | {
      readonly kind: 'added' | 'changed' | 'unchanged';
      readonly baseImage: BaseImage;
      readonly imageId: string;
      readonly previous?: string;
    }
  | {
      readonly kind: 'no-parameter' | 'not-returned';
      readonly baseImage: BaseImage;
      readonly previous?: string;
    };

export interface RefreshResult {
  readonly entries: ImageLockEntry[];
  readonly changes: LockChange[];
}

/** The parameter names to read for `wanted` (images without a public parameter are skipped). */
export function parametersFor(wanted: readonly BaseImage[]): string[] {
  return wanted.map((b) => BASE_IMAGE_PARAMETERS[b]).filter((p): p is string => p !== undefined);
}

function order(a: ImageLockEntry, b: ImageLockEntry): number {
  return a.region.localeCompare(b.region) || a.baseImage.localeCompare(b.baseImage);
}

export function refreshLock(input: {
  readonly previous: readonly ImageLockEntry[];
  readonly region: string;
  readonly wanted: readonly BaseImage[];
  /** Parameter name to AMI id, as returned by GetParameters. */
  readonly values: ReadonlyMap<string, string>;
  /** YYYY-MM-DD. */
  readonly today: string;
}): RefreshResult {
  const entries = input.previous.filter(
    (e) => e.region !== input.region || !input.wanted.includes(e.baseImage) || e.source === 'manual',
  );
  const changes: LockChange[] = [];
  for (const baseImage of [...input.wanted].sort()) {
    const old = input.previous.find((e) => e.region === input.region && e.baseImage === baseImage);
    const parameter = BASE_IMAGE_PARAMETERS[baseImage];
    if (old?.source === 'manual') {
      changes.push({ kind: 'unchanged', baseImage, imageId: old.imageId, previous: old.imageId });
      continue;
    }
    const value = parameter ? input.values.get(parameter) : undefined;
    if (!parameter || value === undefined) {
      if (old) entries.push(old);
      changes.push({
        kind: parameter ? 'not-returned' : 'no-parameter',
        baseImage,
        ...(old ? { previous: old.imageId } : {}),
      });
      continue;
    }
    const same = old?.imageId === value;
    entries.push(
      same && old
        ? old
        : { baseImage, region: input.region, imageId: value, source: parameter, resolvedOn: input.today },
    );
    changes.push({
      kind: old === undefined ? 'added' : same ? 'unchanged' : 'changed',
      baseImage,
      imageId: value,
      ...(old ? { previous: old.imageId } : {}),
    });
  }
  return { entries: entries.sort(order), changes };
}

/** The bundled price snapshot, validated once on first use. */
import bundled from '../../sizing/prices/eu-west-2.json';
import { PriceSnapshotSchema, PricingError, type PriceSnapshot } from './types';

let cached: PriceSnapshot | undefined;

/** Parses and validates a snapshot object (e.g. one just rebuilt by refresh-prices). */
export function parseSnapshot(value: unknown, where: string): PriceSnapshot {
  const r = PriceSnapshotSchema.safeParse(value);
  if (!r.success) {
    const first = r.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new PricingError(`Price snapshot ${where} is invalid:\n  ${first.join('\n  ')}`);
  }
  return r.data;
}

/** The bundled eu-west-2 snapshot (lib/sizing/prices/eu-west-2.json). */
export function bundledSnapshot(): PriceSnapshot {
  cached ??= Object.freeze(parseSnapshot(bundled, 'lib/sizing/prices/eu-west-2.json'));
  return cached;
}

/** Hours in a costed month: AWS prices monthly estimates at 730 hours (8760 / 12). */
export const HOURS_PER_MONTH = 730;

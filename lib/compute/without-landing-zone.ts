/**
 * Servers and databases whose strategy gets no landing-zone resources (retire, retain, repurchase,
 * refactor), as the estate model marks them. They appear in no wave stack, so the access stack records them in its template
 * metadata (`EstateWithoutLandingZone`) for the synth summary.
 */
import type { EstateModel } from '../estate-model/estate-model';

export interface ItemWithoutLandingZone {
  readonly kind: 'server' | 'database';
  readonly id: string;
  readonly wave: string;
  readonly waveOrder: number;
  readonly strategy: string;
}

/** Metadata key in the access stack's template. */
export const WITHOUT_LANDING_ZONE_METADATA = 'EstateWithoutLandingZone';

/** The items the estate model marks as getting no resources, in wave order, then id. */
export function itemsWithoutLandingZone(model: EstateModel): ItemWithoutLandingZone[] {
  const items: ItemWithoutLandingZone[] = [...model.servers, ...model.databases]
    .filter((item) => !item.landingZone)
    .map((item) => ({
      kind: item.kind,
      id: item.id,
      wave: item.wave,
      waveOrder: item.waveOrder,
      strategy: item.strategy,
    }));
  return items.sort((a, b) => a.waveOrder - b.waveOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Servers and databases whose strategy gets no landing-zone resources (retire, retain, repurchase,
 * refactor). They appear in no wave stack, so the access stack records them in its template
 * metadata (`EstateWithoutLandingZone`) for the synth summary.
 */
import type { Plan } from '../plan/plan';
import { getsLandingZone } from '../plan/plan';

export interface ItemWithoutLandingZone {
  readonly kind: 'server' | 'database';
  readonly id: string;
  readonly wave: string;
  readonly waveOrder: number;
  readonly strategy: string;
}

/** Metadata key in the access stack's template. */
export const WITHOUT_LANDING_ZONE_METADATA = 'EstateWithoutLandingZone';

export function itemsWithoutLandingZone(plan: Plan): ItemWithoutLandingZone[] {
  const order = new Map(plan.waves.map((w) => [w.id, w.order]));
  const items: ItemWithoutLandingZone[] = [
    ...plan.servers
      .filter((s) => !getsLandingZone(s))
      .map((s) => ({
        kind: 'server' as const,
        id: s.id,
        wave: s.wave,
        waveOrder: order.get(s.wave) ?? 0,
        strategy: s.strategy,
      })),
    ...plan.databases
      .filter((d) => !getsLandingZone(d))
      .map((d) => ({
        kind: 'database' as const,
        id: d.id,
        wave: d.wave,
        waveOrder: order.get(d.wave) ?? 0,
        strategy: d.strategy,
      })),
  ];
  return items.sort((a, b) => a.waveOrder - b.waveOrder || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The per-item migration routes. The entry route (how an item moves in: MGN replication, VM
 * Import, rebuild; DMS, native backup restore, dump and restore) is decided by the pure decider in
 * `lib/estate-model/routes/entry-route.ts` and set for every landing-zone item. The exit route
 * (how it would move out again) is decided in `lib/estate-model/routes/exit-route.ts` and priced
 * by lib/exit; its slot is not filled yet (the exit plan computes it from the same deciders).
 */
import type { DatabaseEntry, ServerEntry } from './routes/entry-route';

/** Routes decided for one server or database. */
export interface RouteSlots {
  /** How the item moves onto AWS (the entry-route decider). */
  readonly entry?: ServerEntry | DatabaseEntry;
  /** How the item would leave AWS again (set by the exit-route decider). @default - not decided yet */
  readonly exit?: unknown;
}

/**
 * The per-item migration routes. The entry route (how an item moves in: MGN replication, VM
 * Import, rebuild; DMS, native backup restore, dump and restore) is decided by the pure decider in
 * `lib/estate-model/routes/entry-route.ts` and set for every landing-zone item. The exit route
 * (how it would move out again) is decided in `lib/estate-model/routes/exit-route.ts` and priced
 * by lib/exit, which reads the same decision (routes/item-routes.ts).
 */
import type { DatabaseEntry, ServerEntry } from './routes/entry-route';
import type { DatabaseExitRoute, ServerExitRoute } from './routes/exit-route';

/** Routes decided for one server or database. */
export interface RouteSlots {
  /** How the item moves onto AWS (the entry-route decider). */
  readonly entry?: ServerEntry | DatabaseEntry;
  /** How the item would leave AWS again (the exit-route decider, given the entry route). */
  readonly exit?: ServerExitRoute | DatabaseExitRoute;
}

/**
 * The per-item migration routes. The entry route (how an item moves in: MGN replication, VM
 * Import, rebuild; DMS, native backup restore, dump and restore) is decided by the pure decider in
 * `lib/estate-model/routes/entry-route.ts`; the exit route (how it would move out again) in
 * `lib/estate-model/routes/exit-route.ts`. The model decides both once for every item
 * (routes/item-routes.ts); the stacks, the estimate, the runbooks and the exit plan read them.
 */
import type { DatabaseRoutes, ServerRoutes } from './routes/item-routes';

/** Routes decided for one server or database. */
export type RouteSlots = ServerRoutes | DatabaseRoutes;
export type { DatabaseRoutes, ServerRoutes };

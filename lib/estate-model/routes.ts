/**
 * The slot for the per-item migration routes. The entry route (how an item moves in: MGN
 * replication, native backup restore, DMS, ...) and the exit route (how it would move out again)
 * are decided by pure deciders in `lib/estate-model/routes/entry-route.ts` and
 * `lib/estate-model/routes/exit-route.ts`, added by the migration and exit work. Until a decider
 * exists its slot stays unset; consumers must treat an absent route as "not decided yet".
 */

/** Routes decided for one server or database. */
export interface RouteSlots {
  /** How the item moves onto AWS (set by the entry-route decider). @default - not decided yet */
  readonly entry?: unknown;
  /** How the item would leave AWS again (set by the exit-route decider). @default - not decided yet */
  readonly exit?: unknown;
}

/**
 * Both routes of one item, decided once: how it comes in (entry-route.ts) and how it would leave
 * again (exit-route.ts, which depends on the entry). The estate model stores them per item and the
 * exit plan reads the same decision, so the two never disagree.
 */
import type { PlanDatabase, PlanServer } from '../../plan/plan';
import {
  databaseEntry,
  defaultDatabaseRoute,
  defaultServerRoute,
  serverEntry,
  type DatabaseEntry,
  type DatabaseEntryRoute,
  type ServerEntry,
  type ServerEntryRoute,
} from './entry-route';
import {
  decideDatabaseExitRoute,
  decideServerExitRoute,
  type DatabaseExitRoute,
  type ServerExitRoute,
} from './exit-route';

/** Every EBS volume this tool creates is encrypted with the estate's EBS key (lib/compute/disks.ts). */
export const LANDING_ZONE_VOLUMES_ENCRYPTED = true;

export interface ServerRoutes {
  readonly entry: ServerEntry;
  /** The entry route the exit depends on (the default rule for an item that does not move). */
  readonly entryRoute: ServerEntryRoute;
  readonly exit: ServerExitRoute;
}

export interface DatabaseRoutes {
  readonly entry: DatabaseEntry;
  readonly entryRoute: DatabaseEntryRoute;
  readonly exit: DatabaseExitRoute;
}

export function serverRoutes(server: PlanServer): ServerRoutes {
  const entry = serverEntry(server);
  const entryRoute = entry.route === 'none' ? defaultServerRoute(server) : entry.route;
  return {
    entry,
    entryRoute,
    exit: decideServerExitRoute(server, entryRoute, LANDING_ZONE_VOLUMES_ENCRYPTED),
  };
}

export function databaseRoutes(database: PlanDatabase): DatabaseRoutes {
  const entry = databaseEntry(database);
  const entryRoute = entry.route === 'none' ? defaultDatabaseRoute(database) : entry.route;
  return { entry, entryRoute, exit: decideDatabaseExitRoute(database, entryRoute) };
}

/**
 * The entry route of every server and database: how it arrives in its landing zone. Pure: from the
 * frozen plan only. One rule, stated once:
 *
 * - the plan's `entryRoute` wins when given (and is checked below);
 * - otherwise servers: rehost/relocate -> `vm-import` when `image.importedImageId` is given (the
 *   council already imported the disks), else `mgn`; replatform -> `rebuild`;
 * - otherwise databases: SQL Server and Oracle -> `native-backup`; PostgreSQL, MySQL and
 *   MariaDB -> `dump-restore`. `dms` is chosen explicitly (large or busy databases whose
 *   downtime window is too short for a backup/restore).
 *
 * Items that get no landing zone (retain, retire, repurchase) have no route (`none`).
 */
import type { PlanProblem } from '../../plan/errors';
import { IMAGE_LOCK_FILE, pinnedImage } from '../../plan/image-lock';
import type { Plan, PlanDatabase, PlanServer } from '../../plan/plan';
import { getsLandingZone } from '../../plan/plan';
import type { DatabaseEntryRoute, ServerEntryRoute } from '../../plan/schema';
import { mgnSupportsOs } from './mgn-supported-os';

export type { DatabaseEntryRoute, ServerEntryRoute } from '../../plan/schema';

/** Where a route came from: the plan's own field, or the default rule. */
export type RouteSource = 'plan' | 'default';

/** How one server arrives. */
export type ServerEntry =
  | { readonly route: 'none'; readonly reason: string }
  | {
      readonly route: ServerEntryRoute;
      readonly source: RouteSource;
      /** One line for `plan show` and the runbooks. */
      readonly reason: string;
    };

/** How one database's data arrives. */
export type DatabaseEntry =
  | { readonly route: 'none'; readonly reason: string }
  | {
      readonly route: DatabaseEntryRoute;
      readonly source: RouteSource;
      readonly reason: string;
    };

const ENGINE_NAMES: Readonly<Record<PlanDatabase['engine'], string>> = {
  sqlserver: 'SQL Server',
  oracle: 'Oracle',
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
};

/** Engines whose native backups RDS can restore (SQL Server .bak, Oracle Data Pump). */
export const NATIVE_BACKUP_ENGINES: readonly PlanDatabase['engine'][] = ['sqlserver', 'oracle'];
/** Engines restored from a logical dump (pg_dump, mysqldump / mariadb-dump). */
export const DUMP_RESTORE_ENGINES: readonly PlanDatabase['engine'][] = ['postgresql', 'mysql', 'mariadb'];

export function defaultServerRoute(server: PlanServer): ServerEntryRoute {
  if (server.strategy === 'replatform') return 'rebuild';
  return server.image && 'importedImageId' in server.image ? 'vm-import' : 'mgn';
}

export function defaultDatabaseRoute(database: PlanDatabase): DatabaseEntryRoute {
  return NATIVE_BACKUP_ENGINES.includes(database.engine) ? 'native-backup' : 'dump-restore';
}

const SERVER_REASONS: Readonly<Record<ServerEntryRoute, string>> = {
  mgn: 'replicated block by block with AWS Application Migration Service; test launch, then cut-over',
  'vm-import': 'boots the AMI the council imported with VM Import',
  rebuild: 'new server built from a pinned image; the application is reinstalled and its data copied',
};

const DATABASE_REASONS: Readonly<Record<DatabaseEntryRoute, string>> = {
  dms: 'AWS DMS full load, then ongoing replication (CDC) until cut-over; validation on',
  'native-backup': 'native backup restored into RDS through S3 (SQL Server .bak, Oracle Data Pump)',
  'dump-restore': 'logical dump restored into RDS during the cut-over window',
};

export function serverEntry(server: PlanServer): ServerEntry {
  if (!getsLandingZone(server)) return { route: 'none', reason: `strategy ${server.strategy}` };
  const route = server.entryRoute ?? defaultServerRoute(server);
  return { route, source: server.entryRoute ? 'plan' : 'default', reason: SERVER_REASONS[route] };
}

export function databaseEntry(database: PlanDatabase): DatabaseEntry {
  if (!getsLandingZone(database)) return { route: 'none', reason: `strategy ${database.strategy}` };
  const route = database.entryRoute ?? defaultDatabaseRoute(database);
  return { route, source: database.entryRoute ? 'plan' : 'default', reason: DATABASE_REASONS[route] };
}

function serverProblems(plan: Plan, server: PlanServer, i: number): PlanProblem[] {
  const path = `servers[${i}]`;
  const problems: PlanProblem[] = [];
  if (!getsLandingZone(server)) {
    if (server.entryRoute !== undefined) {
      problems.push({
        file: 'servers.yaml',
        path: `${path}.entryRoute`,
        message: `must not be set for strategy ${server.strategy} (the server does not move to AWS)`,
        received: JSON.stringify(server.entryRoute),
      });
    }
    return problems;
  }
  const entry = serverEntry(server);
  const field = server.entryRoute !== undefined ? `${path}.entryRoute` : `${path}.strategy`;
  if (entry.route === 'mgn') {
    const support = mgnSupportsOs(server.os);
    if (!support.supported) {
      problems.push({
        file: 'servers.yaml',
        path: field,
        message: `server "${server.id}" would move with AWS MGN, which does not support ${server.os.name} ${server.os.version}: ${support.why}; set entryRoute: rebuild (with an image) or vm-import`,
        received: JSON.stringify(entry.route),
        allowed: support.allowed,
      });
    }
  } else if (entry.route === 'vm-import') {
    if (!server.image || !('importedImageId' in server.image)) {
      problems.push({
        file: 'servers.yaml',
        path: `${path}.image`,
        message: `server "${server.id}" has entry route vm-import, which boots the AMI the council imported: set image.importedImageId`,
        allowed: '{importedImageId: ami-...}',
      });
    }
  } else if (entry.route === 'rebuild' && server.image === undefined) {
    problems.push({
      file: 'servers.yaml',
      path: `${path}.image`,
      message: `is required for entry route rebuild (server "${server.id}" is built new from an image)`,
      allowed: '{baseImage} or {importedImageId}',
    });
  } else if (entry.route === 'rebuild' && server.image && 'baseImage' in server.image) {
    const region = plan.estate.region;
    if (!pinnedImage(plan.imageLock, server.image.baseImage, region)) {
      problems.push({
        file: 'servers.yaml',
        path: `${path}.image.baseImage`,
        message: `is not pinned for ${region} in ${IMAGE_LOCK_FILE}: run \`npm run estate -- images refresh\` and review the diff (synth never uses "latest")`,
        received: JSON.stringify(server.image.baseImage),
      });
    }
  }
  return problems;
}

function databaseProblems(database: PlanDatabase, i: number): PlanProblem[] {
  const path = `databases[${i}].entryRoute`;
  const route = database.entryRoute;
  if (route === undefined) return [];
  const engine = ENGINE_NAMES[database.engine];
  const problem = (message: string, allowed: string): PlanProblem => ({
    file: 'databases.yaml',
    path,
    message,
    received: JSON.stringify(route),
    allowed,
  });
  if (!getsLandingZone(database)) {
    return [
      problem(`must not be set for strategy ${database.strategy} (no RDS instance is built)`, 'nothing'),
    ];
  }
  if (route === 'native-backup' && !NATIVE_BACKUP_ENGINES.includes(database.engine)) {
    return [
      problem(
        `database "${database.id}": RDS restores native backups only for SQL Server and Oracle, not ${engine}`,
        'dms, dump-restore',
      ),
    ];
  }
  if (route === 'dump-restore' && !DUMP_RESTORE_ENGINES.includes(database.engine)) {
    return [
      problem(
        `database "${database.id}": a logical dump restore is for PostgreSQL, MySQL and MariaDB, not ${engine}`,
        'dms, native-backup',
      ),
    ];
  }
  if (route === 'dms' && database.engine === 'sqlserver' && database.edition === 'express') {
    return [
      problem(
        `database "${database.id}": AWS DMS cannot capture changes from SQL Server Express`,
        'native-backup',
      ),
    ];
  }
  return [];
}

/** Every route that cannot work for its item, as plan problems (the loader adds line numbers). */
export function entryRouteProblems(plan: Plan): PlanProblem[] {
  return [
    ...plan.servers.flatMap((s, i) => serverProblems(plan, s, i)),
    ...plan.databases.flatMap((d, i) => databaseProblems(d, i)),
  ];
}

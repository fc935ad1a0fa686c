/**
 * How an item came in, until the estate model carries the entry route (issue 9's decider owns
 * the real rule; this mirrors its defaults): an imported AMI is VM Import, a rehost or relocate is
 * MGN, anything else is rebuilt from a base image. SQL Server and Oracle come in by native backup,
 * the open-source engines by dump and restore.
 */
import type { DatabaseEntryRoute, ServerEntryRoute } from '../../estate-model/routes/exit-route';
import type { PlanDatabase, PlanServer } from '../../plan/plan';

export function defaultServerEntryRoute(server: PlanServer): ServerEntryRoute {
  if (server.image && 'importedImageId' in server.image) return 'vm-import';
  return server.strategy === 'rehost' || server.strategy === 'relocate' ? 'mgn' : 'rebuild';
}

export function defaultDatabaseEntryRoute(db: PlanDatabase): DatabaseEntryRoute {
  return db.engine === 'sqlserver' || db.engine === 'oracle' ? 'native-backup' : 'dump-restore';
}

/**
 * The database name both DMS endpoints use: the plan's `sourceDatabaseName`, or the plan id with
 * "-" as "_". MySQL and MariaDB endpoints take no database name (DMS maps schemas). No CDK code:
 * the construct and the runbook share it.
 */
import type { PlanDatabase } from '../../plan/plan';

export function dmsDatabaseNameOf(db: PlanDatabase): string | undefined {
  if (db.engine === 'mysql' || db.engine === 'mariadb') return undefined;
  return db.sourceDatabaseName ?? db.id.replace(/-/g, '_');
}

/**
 * How each engine keeps a database audit trail on RDS, as data. Every engine records connections,
 * schema changes, privilege changes and data changes:
 *
 * - MySQL and MariaDB: the MariaDB Audit Plugin (`MARIADB_AUDIT_PLUGIN` option), exported as the
 *   `audit` log type.
 * - PostgreSQL: `pgaudit` loaded through `shared_preload_libraries`, `pgaudit.log` choosing the
 *   classes, plus connection logging; records land in the exported `postgresql` log.
 * - SQL Server: SQL Server Audit (`SQLSERVER_AUDIT` option) writing .sqlaudit files under `audit/`
 *   to their own encrypted bucket with compliance-mode Object Lock (`SqlServerAuditBucket`).
 * - Oracle: the standard audit trail written as XML files (`audit_trail=XML,EXTENDED`) together
 *   with SYS operations, exported as the `audit` log type; the unified audit policies Oracle 19c
 *   enables by default (logon failures, secure configuration) stay on.
 *
 * The server audit specifications SQL Server needs and `CREATE EXTENSION pgaudit` are one-off
 * database commands run by the DBA at cut-over (README, Compliance).
 */
import type { DatabaseEngine } from '../plan/schema';

/** Audit events the MariaDB Audit Plugin records: connections, DDL, DML except SELECT, DCL. */
export const MARIADB_AUDIT_EVENTS = 'CONNECT,QUERY_DDL,QUERY_DML_NO_SELECT,QUERY_DCL';

/** pgaudit statement classes logged for every session. */
export const PGAUDIT_LOG_CLASSES = 'ddl,role,write';

/** Prefix under which SQL Server Audit writes to its locked audit bucket. */
export const SQLSERVER_AUDIT_PREFIX = 'audit';

export type AuditOption =
  | { readonly name: 'MARIADB_AUDIT_PLUGIN'; readonly settings: Readonly<Record<string, string>> }
  /** Its role and bucket come from the stack's native-backup bucket. */
  | { readonly name: 'SQLSERVER_AUDIT' };

/** The audit mechanism of one engine. */
export interface AuditSettings {
  /** Parameter-group settings that switch auditing on. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Option-group option that records audit events, if the engine audits through one. */
  readonly option?: AuditOption;
  /** Log type the audit records are exported as, when they go to CloudWatch Logs. */
  readonly logExport?: string;
  /** One line for auditors: what records the trail and where it goes. */
  readonly summary: string;
}

/** MySQL and MariaDB: the exported slow-query log records statements over 2 seconds. */
const SLOW_QUERY_LOG = { slow_query_log: '1', long_query_time: '2', log_output: 'FILE' } as const;

/** MySQL and MariaDB both audit through the MariaDB Audit Plugin option. */
const MARIADB_AUDIT: AuditSettings = {
  parameters: SLOW_QUERY_LOG,
  option: {
    name: 'MARIADB_AUDIT_PLUGIN',
    settings: { SERVER_AUDIT_EVENTS: MARIADB_AUDIT_EVENTS, SERVER_AUDIT_EXCL_USERS: 'rdsadmin' },
  },
  logExport: 'audit',
  summary: 'MariaDB Audit Plugin to the exported audit log',
};

export const AUDIT_SETTINGS: Readonly<Record<DatabaseEngine, AuditSettings>> = {
  mysql: MARIADB_AUDIT,
  mariadb: MARIADB_AUDIT,
  postgresql: {
    parameters: {
      shared_preload_libraries: 'pg_stat_statements,pgaudit',
      'pgaudit.log': PGAUDIT_LOG_CLASSES,
      'pgaudit.role': 'rds_pgaudit',
      log_connections: '1',
      log_disconnections: '1',
    },
    summary: 'pgaudit (ddl, role, write) and connection logging to the exported postgresql log',
  },
  sqlserver: {
    parameters: {},
    option: { name: 'SQLSERVER_AUDIT' },
    summary: `SQL Server Audit to its own encrypted, object-locked bucket (${SQLSERVER_AUDIT_PREFIX}/)`,
  },
  oracle: {
    parameters: { audit_trail: 'XML,EXTENDED', audit_sys_operations: 'TRUE' },
    logExport: 'audit',
    summary: 'standard audit trail (XML, extended) and SYS operations to the exported audit log',
  },
};

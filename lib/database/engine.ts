/**
 * Maps the plan's engine, edition and vendor version ("2019", "19", "16", "8.0") to an RDS engine
 * with a concrete version from aws-cdk-lib (the newest minor release aws-cdk-lib 2.276 names for that
 * major version; RDS applies later minor releases itself, autoMinorVersionUpgrade is on), and records what the engine supports (Multi-AZ, IAM
 * authentication, Performance Insights), its port, log types, TLS setting and hosted rotation.
 */
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { engineOffersMultiAz } from '../estate-model/high-availability';
import type { PlanDatabase } from '../plan/plan';
import { SQLSERVER_RELEASES } from '../plan/sqlserver-version';
import { AUDIT_SETTINGS, type AuditSettings } from './audit-settings';

/** Engine facts the landing zone needs for one database. */
export interface EngineProfile {
  readonly engine: rds.IInstanceEngine;
  /** e.g. "sqlserver-se 15.00", for the synth summary. */
  readonly label: string;
  readonly licenseModel?: rds.LicenseModel;
  /** Port clients connect on (for Oracle: the TLS listener of the SSL option). */
  readonly port: number;
  /** Log types exported to CloudWatch Logs (the audit log among them where the engine has one). */
  readonly logExports: readonly string[];
  /** The engine's audit trail (see audit-settings.ts). */
  readonly audit: AuditSettings;
  /** Parameter that forces TLS, if the engine enforces it through a parameter group. */
  readonly tlsParameter?: { readonly name: string; readonly value: string };
  /** True for Oracle: TLS is enforced by the SSL option (listener on `port`). */
  readonly tlsOption: boolean;
  readonly supportsMultiAz: boolean;
  readonly supportsIamAuthentication: boolean;
  /** Native backup/restore to S3 (SQL Server's SQLSERVER_BACKUP_RESTORE option). */
  readonly nativeBackupRestore: boolean;
  readonly hostedRotation: (
    options: secretsmanager.SingleUserHostedRotationOptions,
  ) => secretsmanager.HostedRotation;
}

const SQLSERVER_VERSIONS: Readonly<Record<string, rds.SqlServerEngineVersion>> = {
  '2016': rds.SqlServerEngineVersion.VER_13_00_6475_1_V1,
  '2017': rds.SqlServerEngineVersion.VER_14_00_3515_1_V1,
  '2019': rds.SqlServerEngineVersion.VER_15_00_4455_2_V1,
  '2022': rds.SqlServerEngineVersion.VER_16_00_4236_2_V1,
};
const ORACLE_VERSIONS: Readonly<Record<string, rds.OracleEngineVersion>> = {
  '19': rds.OracleEngineVersion.VER_19_0_0_0_2025_10_R1,
};
const POSTGRES_VERSIONS: Readonly<Record<string, rds.PostgresEngineVersion>> = {
  '13': rds.PostgresEngineVersion.VER_13_23,
  '14': rds.PostgresEngineVersion.VER_14_22,
  '15': rds.PostgresEngineVersion.VER_15_17,
  '16': rds.PostgresEngineVersion.VER_16_13,
  '17': rds.PostgresEngineVersion.VER_17_9,
  '18': rds.PostgresEngineVersion.VER_18_3,
};
const MYSQL_VERSIONS: Readonly<Record<string, rds.MysqlEngineVersion>> = {
  '8.0': rds.MysqlEngineVersion.VER_8_0_46,
  '8.4': rds.MysqlEngineVersion.VER_8_4_10,
};
const MARIADB_VERSIONS: Readonly<Record<string, rds.MariaDbEngineVersion>> = {
  '10.5': rds.MariaDbEngineVersion.VER_10_5_29,
  '10.6': rds.MariaDbEngineVersion.VER_10_6_25,
  '10.11': rds.MariaDbEngineVersion.VER_10_11_16,
  '11.4': rds.MariaDbEngineVersion.VER_11_4_10,
  '11.8': rds.MariaDbEngineVersion.VER_11_8_6,
};

function pick<T>(
  table: Readonly<Record<string, T>>,
  db: PlanDatabase,
  what: string,
  show: (version: string) => string = (v) => `"${v}"`,
): T {
  const found = table[db.version];
  if (found === undefined) {
    throw new Error(
      `Database "${db.id}": ${what} version "${db.version}" is not supported on RDS here; use one of ${Object.keys(
        table,
      )
        .map(show)
        .join(', ')}`,
    );
  }
  return found;
}

/** A plan database of one engine. */
type EngineDatabase<E extends PlanDatabase['engine']> = Extract<PlanDatabase, { readonly engine: E }>;

/** The engine profile of a database, or a clear error naming the database and what is allowed. */
export function engineProfileFor(db: PlanDatabase): EngineProfile {
  switch (db.engine) {
    case 'sqlserver':
      return sqlServerProfile(db);
    case 'oracle':
      return oracleProfile(db);
    case 'postgresql':
      return postgresProfile(db);
    case 'mysql':
      return mysqlProfile(db);
    case 'mariadb':
      return mariaDbProfile(db);
  }
}

/** RDS for SQL Server: licence-included editions (Express, Web, Standard, Enterprise). */
function sqlServerProfile(db: EngineDatabase<'sqlserver'>): EngineProfile {
  if (db.licence === 'bring-your-own') {
    throw new Error(
      `Database "${db.id}": RDS for SQL Server is licence-included only; set licence: aws-licence-included or rehost it on EC2`,
    );
  }
  const version = pick(
    SQLSERVER_VERSIONS,
    db,
    'SQL Server',
    (year) => `"${year}" (${SQLSERVER_RELEASES[year] ?? '?'})`,
  );
  const engine =
    db.edition === 'express'
      ? rds.DatabaseInstanceEngine.sqlServerEx({ version })
      : db.edition === 'web'
        ? rds.DatabaseInstanceEngine.sqlServerWeb({ version })
        : db.edition === 'standard'
          ? rds.DatabaseInstanceEngine.sqlServerSe({ version })
          : rds.DatabaseInstanceEngine.sqlServerEe({ version });
  return {
    engine,
    label: `${engine.engineType} ${version.sqlServerFullVersion}`,
    licenseModel: rds.LicenseModel.LICENSE_INCLUDED,
    port: 1433,
    logExports: ['error', 'agent'],
    audit: AUDIT_SETTINGS.sqlserver,
    tlsParameter: { name: 'rds.force_ssl', value: '1' },
    tlsOption: false,
    // RDS Multi-AZ for SQL Server needs Standard or Enterprise edition.
    supportsMultiAz: engineOffersMultiAz(db),
    supportsIamAuthentication: false,
    nativeBackupRestore: true,
    hostedRotation: (o) => secretsmanager.HostedRotation.sqlServerSingleUser(o),
  };
}

/** RDS for Oracle: Standard Edition 2, or Enterprise Edition with the customer's own licence. */
function oracleProfile(db: EngineDatabase<'oracle'>): EngineProfile {
  const version = pick(ORACLE_VERSIONS, db, 'Oracle');
  const byol = db.licence === 'bring-your-own';
  if (db.edition === 'enterprise' && !byol) {
    throw new Error(
      `Database "${db.id}": Oracle Enterprise Edition on RDS is bring-your-own licence only; set licence: bring-your-own or use edition standard-2`,
    );
  }
  const engine =
    db.edition === 'enterprise'
      ? rds.DatabaseInstanceEngine.oracleEe({ version })
      : rds.DatabaseInstanceEngine.oracleSe2({ version });
  return {
    engine,
    label: `${engine.engineType} ${version.oracleFullVersion}`,
    licenseModel: byol ? rds.LicenseModel.BRING_YOUR_OWN_LICENSE : rds.LicenseModel.LICENSE_INCLUDED,
    port: 2484,
    // oemagent too: empty while Enterprise Manager is not used, but exported from the day it is.
    logExports: ['alert', 'audit', 'listener', 'oemagent', 'trace'],
    audit: AUDIT_SETTINGS.oracle,
    tlsOption: true,
    supportsMultiAz: true,
    supportsIamAuthentication: false,
    nativeBackupRestore: false,
    hostedRotation: (o) => secretsmanager.HostedRotation.oracleSingleUser(o),
  };
}

/** RDS for PostgreSQL. */
function postgresProfile(db: PlanDatabase): EngineProfile {
  const version = pick(POSTGRES_VERSIONS, db, 'PostgreSQL');
  const engine = rds.DatabaseInstanceEngine.postgres({ version });
  return {
    engine,
    label: `postgres ${version.postgresFullVersion}`,
    port: 5432,
    logExports: ['postgresql', 'upgrade'],
    audit: AUDIT_SETTINGS.postgresql,
    tlsParameter: { name: 'rds.force_ssl', value: '1' },
    tlsOption: false,
    supportsMultiAz: true,
    supportsIamAuthentication: true,
    nativeBackupRestore: false,
    hostedRotation: (o) => secretsmanager.HostedRotation.postgreSqlSingleUser(o),
  };
}

/** RDS for MySQL. */
function mysqlProfile(db: PlanDatabase): EngineProfile {
  const version = pick(MYSQL_VERSIONS, db, 'MySQL');
  const engine = rds.DatabaseInstanceEngine.mysql({ version });
  return {
    engine,
    label: `mysql ${version.mysqlFullVersion}`,
    port: 3306,
    logExports: ['audit', 'error', 'general', 'slowquery'],
    audit: AUDIT_SETTINGS.mysql,
    tlsParameter: { name: 'require_secure_transport', value: '1' },
    tlsOption: false,
    supportsMultiAz: true,
    supportsIamAuthentication: true,
    nativeBackupRestore: false,
    hostedRotation: (o) => secretsmanager.HostedRotation.mysqlSingleUser(o),
  };
}

/** RDS for MariaDB. */
function mariaDbProfile(db: PlanDatabase): EngineProfile {
  const version = pick(MARIADB_VERSIONS, db, 'MariaDB');
  const engine = rds.DatabaseInstanceEngine.mariaDb({ version });
  return {
    engine,
    label: `mariadb ${version.mariaDbFullVersion}`,
    port: 3306,
    logExports: ['audit', 'error', 'general', 'slowquery'],
    audit: AUDIT_SETTINGS.mariadb,
    tlsParameter: { name: 'require_secure_transport', value: '1' },
    tlsOption: false,
    supportsMultiAz: true,
    supportsIamAuthentication: true,
    nativeBackupRestore: false,
    hostedRotation: (o) => secretsmanager.HostedRotation.mariaDbSingleUser(o),
  };
}

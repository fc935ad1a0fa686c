/**
 * The runbook section for a wave's databases that move with DMS: each engine's source
 * prerequisites, the DMS user's grants, the firewall rule from the VPC's database subnets (where
 * DMS Serverless places its network interfaces: the replication subnet group) to the source port,
 * the target database, then starting the replication. Engine prerequisites follow the AWS DMS user
 * guide's source pages ("Using a Microsoft SQL Server database as a source", "Using a MySQL-
 * compatible database as a source", "Using a PostgreSQL database as a source", "Using an Oracle
 * database as a source").
 */
import type { EstateModel } from '../../estate-model';
import { dmsDatabaseNameOf } from '../dms/database-name';
import { dmsSourceSecrets } from '../dms/source-secrets';
import type { PlanDatabase, PlanWave } from '../../plan/plan';
import type { RunbookSection, RunbookStep } from './runbook-types';

const PORT: Readonly<Record<PlanDatabase['engine'], number>> = {
  sqlserver: 1433,
  oracle: 1521,
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
};

function prerequisites(db: PlanDatabase, name: string): RunbookStep[] {
  switch (db.engine) {
    case 'sqlserver':
      return [
        {
          text: `${db.id}: source in the FULL recovery model with a full backup taken since (the log chain CDC reads starts there)`,
          command: `ALTER DATABASE [${name}] SET RECOVERY FULL; BACKUP DATABASE [${name}] TO DISK = N'${name}_full.bak' WITH CHECKSUM;`,
        },
        {
          text: `${db.id}: ongoing replication through MS-CDC (Standard/Enterprise; tables without a primary key need CDC per table), or MS-Replication with a distributor (needs sysadmin)`,
          command: `USE [${name}]; EXEC sys.sp_cdc_enable_db; -- then per table without a primary key: EXEC sys.sp_cdc_enable_table @source_schema = N'dbo', @source_name = N'<table>', @role_name = NULL;`,
        },
        {
          text: `${db.id}: the DMS login (the source secret's username) can read the data and the log`,
          command: `CREATE LOGIN dms_migration WITH PASSWORD = '<from the source secret>'; GRANT VIEW SERVER STATE TO dms_migration; USE [${name}]; CREATE USER dms_migration FOR LOGIN dms_migration; ALTER ROLE db_owner ADD MEMBER dms_migration; USE msdb; CREATE USER dms_migration FOR LOGIN dms_migration; GRANT SELECT ON dbo.backupset TO dms_migration; GRANT SELECT ON dbo.backupmediafamily TO dms_migration; GRANT SELECT ON dbo.backupfile TO dms_migration;`,
        },
        {
          text: `${db.id}: create the target database on RDS (RDS for SQL Server creates none at instance creation and DMS creates tables, not databases), as the RDS master user`,
          command: `sqlcmd -S <${db.id} RDS endpoint> -U <master user> -Q "CREATE DATABASE [${name}]"`,
        },
      ];
    case 'mysql':
    case 'mariadb':
      return [
        {
          text: `${db.id}: binary logging on with row-based logging and at least 24 hours' retention (DMS reads CDC from the binlog)`,
          command:
            db.engine === 'mysql'
              ? 'SET PERSIST binlog_format = ROW; SET PERSIST binlog_row_image = FULL; SET PERSIST binlog_expire_logs_seconds = 86400; -- log_bin must be on (my.cnf) before the full load'
              : 'SET GLOBAL binlog_format = ROW; SET GLOBAL binlog_row_image = FULL; SET GLOBAL expire_logs_days = 1; -- and in my.cnf; log_bin must be on before the full load',
        },
        {
          text: `${db.id}: the DMS user can read every schema and the binlog`,
          command:
            "CREATE USER 'dms_migration'@'%' IDENTIFIED BY '<from the source secret>'; GRANT SELECT, REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO 'dms_migration'@'%';",
        },
        { text: `${db.id}: the target schemas are created by DMS (MySQL targets take no database name)` },
      ];
    case 'postgresql':
      return [
        {
          text: `${db.id}: logical decoding on (a restart is needed) with a replication slot and WAL sender free for DMS`,
          command:
            "ALTER SYSTEM SET wal_level = 'logical'; ALTER SYSTEM SET max_replication_slots = 10; ALTER SYSTEM SET max_wal_senders = 10; -- then restart PostgreSQL",
        },
        {
          text: `${db.id}: the DMS user can replicate and read the tables, and pg_hba.conf admits it for replication from the database subnets`,
          command: `CREATE ROLE dms_migration WITH LOGIN REPLICATION PASSWORD '<from the source secret>'; GRANT SELECT ON ALL TABLES IN SCHEMA public TO dms_migration;`,
        },
        {
          text: `${db.id}: create the target database on RDS as the master user (the instance is created without it)`,
          command: `psql -h <${db.id} RDS endpoint> -U <master user> -d postgres -c 'CREATE DATABASE ${name}'`,
        },
      ];
    case 'oracle':
      return [
        {
          text: `${db.id}: ARCHIVELOG mode and supplemental logging on (DMS reads CDC with LogMiner or Binary Reader)`,
          command:
            'ALTER DATABASE ADD SUPPLEMENTAL LOG DATA; ALTER DATABASE ADD SUPPLEMENTAL LOG DATA (PRIMARY KEY) COLUMNS; -- ARCHIVELOG mode: SELECT log_mode FROM v$database;',
        },
        {
          text: `${db.id}: the DMS user has the grants the DMS user guide lists for an Oracle source (CREATE SESSION, SELECT ANY TRANSACTION, LOGMINING, SELECT on the V$ views and the tables)`,
          command:
            'CREATE USER dms_migration IDENTIFIED BY "<from the source secret>"; GRANT CREATE SESSION, SELECT ANY TRANSACTION, LOGMINING, SELECT ANY TABLE TO dms_migration;',
        },
        {
          text: `${db.id}: the target RDS for Oracle database (its default ORCL service) receives the schemas`,
        },
      ];
  }
}

/**
 * Before the wave stack is deployed: the council's DBA creates the source secret by its name, with
 * the estate's secrets key and no rotation (the stack refers to it and never rotates it;
 * docs/organisation.md, "The DMS source secret"); `estate preflight` checks it.
 */
function sourceSecretStep(
  db: PlanDatabase,
  secret: { readonly name: string; readonly keyAlias: string } | undefined,
  port: number,
  region: string,
): RunbookStep[] {
  if (!secret) return [];
  return [
    {
      text: `${db.id}: before the wave stack is deployed, the council's DBA creates the source secret ${secret.name} (host, port, username dms_migration, password), encrypted with ${secret.keyAlias}, no rotation; then "npm run estate -- preflight" finds it`,
      command: `aws secretsmanager create-secret --region ${region} --name ${secret.name} --kms-key-id ${secret.keyAlias} --secret-string '{"host":"<source host>","port":${port},"username":"dms_migration","password":"<password>"}'`,
    },
  ];
}

export function dmsSection(model: EstateModel, wave: PlanWave, dbs: readonly PlanDatabase[]): RunbookSection {
  const secrets = new Map(dmsSourceSecrets(model).map((s) => [s.database, s]));
  return {
    title: 'Databases moving with DMS (start at least two weeks before the cut-over: full load, then CDC)',
    steps: [
      ...dbs.flatMap((db) => {
        const name = dmsDatabaseNameOf(db) ?? db.id.replace(/-/g, '_');
        const port = db.engine === 'oracle' ? 1521 : PORT[db.engine];
        return [
          ...prerequisites(db, name),
          {
            text: `${db.id}: the on-premises firewall admits TCP ${port} from the VPC's database subnets (within ${model.settings.network.vpcCidr}, where DMS runs) to the source database over the hybrid link`,
          },
          ...sourceSecretStep(db, secrets.get(db.id), port, model.estate.region),
        ];
      }),
      {
        text: "Start the wave's replications (full load, then ongoing CDC with validation); a re-run leaves started ones alone",
        command: `npm run estate -- migrate db start --wave ${wave.id}`,
      },
      {
        text: 'Each replication reaches running; full load 100%; no failure messages',
        command: `npm run estate -- migrate db status --wave ${wave.id}`,
      },
    ],
  };
}

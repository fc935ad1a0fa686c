/**
 * The exit route of one server or database: how it leaves AWS, in which open format, and what
 * blocks or degrades that. Pure: it reads plan facts and the entry route (how the item came in),
 * nothing else. Volumes, durations and costs are added by lib/exit from these decisions.
 *
 * Service limits this decider applies (checked against AWS documentation on 2026-11-30):
 * - VM Import/Export, "Considerations for image export"
 *   (https://docs.aws.amazon.com/vm-import/latest/userguide/limits-image-export.html):
 *   formats VMDK (stream-optimized), VHD and RAW; an image that contains third-party software
 *   provided by AWS cannot be exported ("VM Export cannot export Windows or SQL Server images, or
 *   any image created from an image in the AWS Marketplace"); an image with encrypted EBS
 *   snapshots in its block device mapping cannot be exported; volumes larger than 1 TiB are not
 *   supported; at most five export tasks per Region in progress at once.
 * - RDS, "Exporting DB snapshot data to Amazon S3"
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ExportSnapshot.html): MySQL,
 *   MariaDB and PostgreSQL snapshots only, written as Apache Parquet (analysable, not
 *   restorable as a database); at most five concurrent export tasks per account.
 * - RDS for SQL Server native backup to S3 (`msdb.dbo.rds_backup_database`, option
 *   SQLSERVER_BACKUP_RESTORE); RDS for Oracle Data Pump with S3 integration
 *   (`DBMS_DATAPUMP` + `rdsadmin.rdsadmin_s3_tasks.upload_to_s3`, option S3_INTEGRATION).
 */
import { LANDING_ZONE_STRATEGIES } from '../../plan/schema';

/** How a server came in (mirrors the entry-route decider; typed locally to keep this file pure). */
export type ServerEntryRoute = 'mgn' | 'vm-import' | 'rebuild';
/** How a database came in. */
export type DatabaseEntryRoute = 'dms' | 'native-backup' | 'dump-restore';

export type ServerExitRouteKind =
  /** ExportImage of the running server's AMI straight to the exit bucket. */
  | 'image-export'
  /** Copy encrypted volumes to unencrypted staging volumes in the isolated exit subnet, then export. */
  | 'staged-export'
  /** The image cannot leave (licence-bound, unsupported): copy the data volumes' files out, rebuild the OS. */
  | 'data-export'
  /** Not on AWS (retired, retained on premises, or bought as a service): nothing to export here. */
  | 'none';

export type DatabaseExitRouteKind = 'sqlserver-native-backup' | 'oracle-data-pump' | 'logical-dump' | 'none';

/** Open formats an exit route can produce. */
export type ExitFormat = 'vmdk' | 'vhd' | 'raw' | 'files' | 'bak' | 'dmp' | 'sql' | 'pgdump' | 'parquet';

export const IMAGE_FORMATS = ['vmdk', 'vhd', 'raw'] as const satisfies readonly ExitFormat[];

/** `degrades`: the route works with extra steps or loss; `blocks`: it cannot run until resolved. */
export type BlockerSeverity = 'degrades' | 'blocks';

export interface ExitBlocker {
  /** Stable code, e.g. `aws-provided-image`. */
  readonly code: string;
  readonly severity: BlockerSeverity;
  /** One sentence for the runbook and the audit report. */
  readonly message: string;
}

/** What the decider needs to know about a server. Structural: the plan's server satisfies it. */
export interface ExitServerFacts {
  readonly id: string;
  readonly strategy: string;
  readonly os: { readonly family: 'windows' | 'linux'; readonly name: string; readonly version: string };
  readonly licence: 'aws-licence-included' | 'bring-your-own';
  readonly image?: { readonly baseImage?: string; readonly importedImageId?: string };
  readonly disks: readonly { readonly sizeGiB: number }[];
}

export interface ExitDatabaseFacts {
  readonly id: string;
  readonly strategy: string;
  readonly engine: 'sqlserver' | 'oracle' | 'postgresql' | 'mysql' | 'mariadb';
  readonly edition?: string;
  readonly licence: 'aws-licence-included' | 'bring-your-own';
  readonly sizeGiB: number;
}

export interface ServerExitRoute {
  readonly kind: ServerExitRouteKind;
  /** Formats this route can produce; the first is the default. Empty for `none`. */
  readonly formats: readonly ExitFormat[];
  /** Why this route, in one sentence. */
  readonly reason: string;
  readonly blockers: readonly ExitBlocker[];
  /** True when the item leaves the way it came in (MGN or VM Import from the council's own VM). */
  readonly reversesEntry: boolean;
}

export interface DatabaseExitRoute {
  readonly kind: DatabaseExitRouteKind;
  /** Restorable formats first (the default), then analysable ones (Parquet). */
  readonly formats: readonly ExitFormat[];
  readonly reason: string;
  readonly blockers: readonly ExitBlocker[];
  /** RDS snapshot export to Parquet is available as an extra, non-restorable copy. */
  readonly parquetSnapshotExport: boolean;
}

/** VM Import/Export does not support volumes larger than 1 TiB. */
export const MAX_EXPORT_VOLUME_GIB = 1024;

/** Base images that are AWS-provided third-party software or carry a licence billed through AWS. */
const LICENCE_BOUND_BASE_IMAGE = /^(windows-server-|rhel-)/;

/** Operating systems VM Import/Export lists as exportable (families and versions; older ones are not). */
function osExportable(os: ExitServerFacts['os']): boolean {
  if (os.family === 'windows') {
    // Windows Server 2012 and later (2012 R2, 2016, 2019, 2022, 2025).
    const year = Number(/(\d{4})/.exec(os.version)?.[1] ?? NaN);
    return year >= 2012;
  }
  return /ubuntu|red hat|rhel|centos|debian|suse|amazon linux|oracle linux|rocky|alma/i.test(os.name);
}

function notOnAws(strategy: string): string | undefined {
  switch (strategy) {
    case 'retire':
      return 'retired: switched off in its wave, nothing reaches AWS';
    case 'retain':
      return 'retained on premises: it never leaves the data centre';
    case 'repurchase':
      return "bought as a service: exit through the vendor's data export in the contract";
    case 'refactor':
      return "refactored: no server of this plan runs it; exit through the application's own data export";
    default:
      return (LANDING_ZONE_STRATEGIES as readonly string[]).includes(strategy)
        ? undefined
        : `strategy "${strategy}" puts nothing on AWS`;
  }
}

/** The exit route of a server, given how it came in and whether its volumes are encrypted. */
export function decideServerExitRoute(
  server: ExitServerFacts,
  entry: ServerEntryRoute,
  encryptedVolumes: boolean,
): ServerExitRoute {
  const absent = notOnAws(server.strategy);
  if (absent) return { kind: 'none', formats: [], reason: absent, blockers: [], reversesEntry: false };

  const blockers: ExitBlocker[] = [];
  const base = server.image?.baseImage;
  const fromOwnVm = entry === 'mgn' || entry === 'vm-import';
  // The image carries AWS-provided licensed software when it was built from an AWS Windows/RHEL
  // image, or when MGN/VM Import converted a Windows server to an AWS licence-included one.
  if (entry === 'rebuild' && base !== undefined && LICENCE_BOUND_BASE_IMAGE.test(base)) {
    blockers.push({
      code: 'aws-provided-image',
      severity: 'degrades',
      message: `built from the AWS-provided ${base} image: VM Export refuses images with AWS-provided Windows, SQL Server, RHEL or Marketplace software; only the data can leave`,
    });
  } else if (server.os.family === 'windows' && server.licence === 'aws-licence-included') {
    blockers.push({
      code: 'licence-included-windows',
      severity: 'degrades',
      message:
        'runs under an AWS licence-included Windows licence: VM Export refuses the image; the data leaves and the OS is rebuilt under the council licence on the target',
    });
  }
  if (!osExportable(server.os)) {
    blockers.push({
      code: 'os-not-exportable',
      severity: 'degrades',
      message: `${server.os.name} ${server.os.version} is not an operating system VM Import/Export can export; only the data can leave`,
    });
  }
  const large = server.disks.filter((d) => d.sizeGiB > MAX_EXPORT_VOLUME_GIB);
  if (large.length > 0) {
    blockers.push({
      code: 'volume-over-1tib',
      severity: 'degrades',
      message: `${large.length} volume(s) over 1 TiB (${large.map((d) => `${d.sizeGiB} GiB`).join(', ')}): VM Export does not support them; those volumes leave as files`,
    });
  }
  const imageBlocked = blockers.length > 0;
  if (imageBlocked) {
    return {
      kind: 'data-export',
      formats: ['files'],
      reason: 'the image cannot be exported, so the data volumes leave as files and the OS is rebuilt',
      blockers,
      reversesEntry: false,
    };
  }
  const via = fromOwnVm
    ? `came in through ${entry === 'mgn' ? 'AWS MGN' : 'VM Import'} from the council's own VM, so it can leave the way it came`
    : `rebuilt from ${base ?? 'an imported image'} with no AWS-provided licensed software`;
  if (encryptedVolumes) {
    blockers.push({
      code: 'encrypted-volumes',
      severity: 'degrades',
      message:
        'its EBS volumes are encrypted and VM Export refuses encrypted snapshots: volumes are copied to unencrypted staging volumes in the isolated exit subnet first',
    });
    return {
      kind: 'staged-export',
      formats: [...IMAGE_FORMATS],
      reason: `${via}; staged through the exit subnet because its volumes are encrypted`,
      blockers,
      reversesEntry: fromOwnVm,
    };
  }
  return {
    kind: 'image-export',
    formats: [...IMAGE_FORMATS],
    reason: via,
    blockers,
    reversesEntry: fromOwnVm,
  };
}

/** RDS for SQL Server native backups stripe over at most 10 files of at most 5 TiB each. */
export const MAX_SQLSERVER_NATIVE_BACKUP_GIB = 10 * 5 * 1024;

/** The exit route of a database. The entry route does not change it: every engine has a native dump. */
export function decideDatabaseExitRoute(
  db: ExitDatabaseFacts,
  _entry: DatabaseEntryRoute,
): DatabaseExitRoute {
  const absent = notOnAws(db.strategy);
  if (absent)
    return { kind: 'none', formats: [], reason: absent, blockers: [], parquetSnapshotExport: false };
  const blockers: ExitBlocker[] = [];
  if (
    db.licence === 'aws-licence-included' &&
    (db.engine === 'oracle' || (db.engine === 'sqlserver' && db.edition !== 'express'))
  ) {
    blockers.push({
      code: 'licence-included-database',
      severity: 'degrades',
      message: `${db.engine === 'oracle' ? 'Oracle' : 'SQL Server'} is licence-included on RDS: the licence stays with AWS, the target needs the council's own`,
    });
  }
  switch (db.engine) {
    case 'sqlserver':
      if (db.sizeGiB > MAX_SQLSERVER_NATIVE_BACKUP_GIB) {
        blockers.push({
          code: 'backup-too-large',
          severity: 'blocks',
          message: `${db.sizeGiB} GiB exceeds what RDS native backup can write to S3 (10 files of 5 TiB): split by filegroup or use DMS to the target`,
        });
      }
      return {
        kind: 'sqlserver-native-backup',
        formats: ['bak'],
        reason: 'SQL Server native backup (.bak) to the exit bucket; restores on any SQL Server',
        blockers,
        parquetSnapshotExport: false,
      };
    case 'oracle':
      return {
        kind: 'oracle-data-pump',
        formats: ['dmp'],
        reason: 'Oracle Data Pump export (.dmp) uploaded to the exit bucket through S3 integration',
        blockers,
        parquetSnapshotExport: false,
      };
    case 'postgresql':
      return {
        kind: 'logical-dump',
        formats: ['pgdump', 'parquet'],
        reason:
          'pg_dump (custom format) to the exit bucket; RDS snapshot export to Parquet as an analysable copy',
        blockers,
        parquetSnapshotExport: true,
      };
    case 'mysql':
    case 'mariadb':
      return {
        kind: 'logical-dump',
        formats: ['sql', 'parquet'],
        reason: `${db.engine === 'mysql' ? 'mysqldump' : 'mariadb-dump'} (SQL) to the exit bucket; RDS snapshot export to Parquet as an analysable copy`,
        blockers,
        parquetSnapshotExport: true,
      };
  }
}

/** Readiness score 0-100: 100 with no blockers, 15 off per degrading one, 60 off per blocking one. */
export function exitReadinessScore(blockers: readonly ExitBlocker[]): number {
  const penalty = blockers.reduce((sum, b) => sum + (b.severity === 'blocks' ? 60 : 15), 0);
  return Math.max(0, 100 - penalty);
}

export type ExitReadiness = 'ready' | 'degraded' | 'blocked' | 'not-applicable';

export function exitReadiness(kind: string, blockers: readonly ExitBlocker[]): ExitReadiness {
  if (kind === 'none') return 'not-applicable';
  if (blockers.some((b) => b.severity === 'blocks')) return 'blocked';
  return blockers.length > 0 ? 'degraded' : 'ready';
}

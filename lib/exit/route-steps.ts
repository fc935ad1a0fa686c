/**
 * The runbook's exact steps for each exit route. SQL Server and Oracle get their native commands
 * (RDS stored procedures); servers get the estate CLI command and the AWS CLI calls it makes.
 * Sources: RDS for SQL Server "Backing up and restoring with native backup"
 * (msdb.dbo.rds_backup_database, rds_task_status); RDS for Oracle "Importing using Oracle Data
 * Pump" and "Amazon S3 integration" (DBMS_DATAPUMP, rdsadmin.rdsadmin_s3_tasks.upload_to_s3);
 * VM Import/Export "Export from an AMI" (aws ec2 export-image).
 */
import type { DatabaseExitRouteKind, ServerExitRouteKind } from '../estate-model/routes/exit-route';
import { exportPrefix, VMIMPORT_ROLE_NAME } from './exit-names';

export interface StepContext {
  readonly id: string;
  readonly wave: string;
  readonly bucket: string;
  /** RDS instance identifier (databases). */
  readonly instanceIdentifier?: string;
  readonly osFamily?: 'windows' | 'linux';
}

function s3(ctx: StepContext, file = ''): string {
  return `s3://${ctx.bucket}/${exportPrefix(ctx.wave, ctx.id)}${file}`;
}

export function serverSteps(route: ServerExitRouteKind, ctx: StepContext): string[] {
  const cli = `npm run estate -- exit export --server ${ctx.id} --format vmdk`;
  const exportImage =
    `aws ec2 export-image --image-id <ami> --disk-image-format VMDK --role-name ${VMIMPORT_ROLE_NAME} ` +
    `--s3-export-location S3Bucket=${ctx.bucket},S3Prefix=${exportPrefix(ctx.wave, ctx.id)} --client-token exit-${ctx.id}`;
  switch (route) {
    case 'image-export':
      return [
        `Rehearse: ${cli} --dry-run`,
        `Export: ${cli} (creates the image, exports it, waits, writes the manifest)`,
        `Same by hand: aws ec2 create-image --instance-id <instance> --name exit-${ctx.id} --no-reboot; ${exportImage}`,
        `Download: aws s3 cp ${s3(ctx)} . --recursive`,
      ];
    case 'staged-export':
      return [
        `Rehearse: npm run estate -- exit stage --server ${ctx.id} --dry-run (reads its volumes and licence; checks the calls with DryRun)`,
        `Stage: npm run estate -- exit stage --server ${ctx.id} (snapshots every volume at once, copies them block by block onto unencrypted volumes in the isolated exit subnet through SSM Run Command with a SHA-256 per volume, registers an image of every volume tagged ExitStagedFor=${ctx.id}, deletes the worker and every temporary volume and snapshot); --abort deletes everything it made`,
        'The unencrypted copies of council data exist only inside the exit subnet (no route out, reached through Systems Manager only) and only until the export has finished: exit export deletes the staged image and its snapshots once the exported object is verified',
        `Export the staged image: ${cli} (finds the AMI by its ExitStagedFor tag, exports it, verifies the object's SHA-256, deletes the staged image, writes the manifest); by hand: ${exportImage.replace('<ami>', '<staged-ami>')}`,
        `Download: aws s3 cp ${s3(ctx)} . --recursive; check each file against the manifest's sha256 (sha256sum)`,
      ];
    case 'data-export':
      return ctx.osFamily === 'windows'
        ? [
            `aws ssm send-command --document-name AWS-RunPowerShellScript --targets Key=tag:ServerId,Values=${ctx.id} --parameters commands=["aws s3 sync D:\\ ${s3(ctx, 'files/D/')} --sse AES256"] (repeat per data drive)`,
            'Record installed roles and software for the rebuild: Get-WindowsFeature | Where Installed; Get-Package',
            `Download: aws s3 cp ${s3(ctx, 'files/')} . --recursive; rebuild the OS on the target under the council's own licence`,
          ]
        : [
            `aws ssm send-command --document-name AWS-RunShellScript --targets Key=tag:ServerId,Values=${ctx.id} --parameters commands=["tar --xattrs --acls -czf - /data /etc | aws s3 cp - ${s3(ctx, 'files/data.tar.gz')} --sse AES256"]`,
            `Download: aws s3 cp ${s3(ctx, 'files/')} . --recursive; rebuild the OS on the target and restore the files`,
          ];
    case 'none':
      return [];
  }
}

export function databaseSteps(route: DatabaseExitRouteKind, engine: string, ctx: StepContext): string[] {
  const endpoint = `<endpoint of ${ctx.instanceIdentifier ?? ctx.id}>`;
  switch (route) {
    case 'sqlserver-native-backup':
      return [
        `Per database: exec msdb.dbo.rds_backup_database @source_db_name='<db>', @s3_arn_to_backup_to='arn:aws:s3:::<native-backup-bucket>/exit/${ctx.id}/<db>-*.bak', @kms_master_key_arn='<rds key arn>', @type='FULL', @number_of_files=4;`,
        "Wait for SUCCESS: exec msdb.dbo.rds_task_status @db_name='<db>';",
        `Copy to the exit bucket: aws s3 cp s3://<native-backup-bucket>/exit/${ctx.id}/ ${s3(ctx)} --recursive --sse AES256`,
        "Restore on the target: RESTORE DATABASE [<db>] FROM DISK = N'<db>-1.bak', ... WITH RECOVERY;",
      ];
    case 'oracle-data-pump':
      return [
        'Add the S3_INTEGRATION option (with a role that can write the exit bucket) to the instance option group, if not already there',
        `DECLARE h NUMBER; BEGIN h := DBMS_DATAPUMP.OPEN(operation => 'EXPORT', job_mode => 'SCHEMA', job_name => 'EXIT_${ctx.id.toUpperCase().replace(/-/g, '_')}'); ` +
          `DBMS_DATAPUMP.ADD_FILE(handle => h, filename => '${ctx.id}-%U.dmp', directory => 'DATA_PUMP_DIR', filetype => DBMS_DATAPUMP.KU$_FILE_TYPE_DUMP_FILE); ` +
          `DBMS_DATAPUMP.ADD_FILE(handle => h, filename => '${ctx.id}-exp.log', directory => 'DATA_PUMP_DIR', filetype => DBMS_DATAPUMP.KU$_FILE_TYPE_LOG_FILE); ` +
          `DBMS_DATAPUMP.METADATA_FILTER(h, 'SCHEMA_EXPR', 'IN (SELECT username FROM dba_users WHERE oracle_maintained = ''N'')'); ` +
          'DBMS_DATAPUMP.START_JOB(h); END;',
        `SELECT rdsadmin.rdsadmin_s3_tasks.upload_to_s3(p_bucket_name => '${ctx.bucket}', p_prefix => '${ctx.id}-', p_s3_prefix => '${exportPrefix(ctx.wave, ctx.id)}', p_directory_name => 'DATA_PUMP_DIR') AS task_id FROM DUAL;`,
        "Check the upload: SELECT text FROM TABLE(rdsadmin.rds_file_util.read_text_file('BDUMP', 'dbtask-<task_id>.log'));",
        'Import on the target: impdp ... DIRECTORY=<dir> DUMPFILE=' + `${ctx.id}-%U.dmp`,
      ];
    case 'logical-dump': {
      const dump =
        engine === 'postgresql'
          ? `pg_dump --host ${endpoint} --username <master> --format=custom --no-owner --file ${ctx.id}.pgdump <dbname>; pg_dumpall --host ${endpoint} --username <master> --globals-only --no-role-passwords --file ${ctx.id}-globals.sql`
          : `${engine === 'mariadb' ? 'mariadb-dump' : 'mysqldump'} --host ${endpoint} --user <master> --single-transaction --routines --triggers --events --all-databases${engine === 'mysql' ? ' --set-gtid-purged=OFF --ssl-mode=REQUIRED' : ' --ssl'} > ${ctx.id}.sql`;
      return [
        `From a server in the same VPC: ${dump}`,
        `aws s3 cp . ${s3(ctx)} --recursive --exclude "*" --include "${ctx.id}*" --sse AES256`,
        `Analysable copy (optional): npm run estate -- exit export --database ${ctx.id} (RDS snapshot export to Parquet; not restorable)`,
      ];
    }
    case 'none':
      return [];
  }
}

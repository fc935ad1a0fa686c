/**
 * RDS snapshot export to Parquet for the engines that support it (MySQL, MariaDB, PostgreSQL):
 * manual snapshot -> StartExportTask into the exit bucket with the Exit stack's role and key ->
 * poll DescribeExportTasks. The Parquet copy is analysable, not restorable: the restorable exit is
 * the dump in the runbook. SQL Server and Oracle have no snapshot export; their runbook steps give
 * the native commands. State is written after every step; identifiers are fixed per run, so a
 * repeat finds the snapshot and the task instead of creating new ones.
 */
import {
  CreateDBSnapshotCommand,
  DescribeDBSnapshotsCommand,
  DescribeExportTasksCommand,
  StartExportTaskCommand,
  type RDSClient,
} from '@aws-sdk/client-rds';
import { instanceIdentifierFor } from '../../database/instance-identifier';
import type { ExitItem } from '../exit-item';
import { exportPrefix, rdsExportRoleName, type ExitNaming } from '../exit-names';
import { progressLine } from './progress';

export interface DatabaseExportState {
  readonly version: 1;
  readonly database: string;
  readonly instanceIdentifier: string;
  readonly snapshotId: string;
  readonly snapshotArn: string;
  readonly exportTaskId: string;
  readonly bucket: string;
  readonly prefix: string;
  readonly roleArn: string;
  readonly kmsKeyId: string;
  readonly phase: 'pending' | 'snapshotting' | 'snapshot-ready' | 'exporting' | 'completed' | 'failed';
  readonly progress?: number;
  readonly error?: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
}

/** The first state of a database export: every identifier derived from the plan and the run stamp. */
export function initialDatabaseExport(
  item: ExitItem,
  naming: ExitNaming,
  bucket: string,
  startedAt: string,
): DatabaseExportState {
  const stamp = startedAt.replace(/[^0-9]/g, '').slice(0, 12);
  const instanceIdentifier = instanceIdentifierFor(naming.estateId, item.id);
  const snapshotId = `exit-${instanceIdentifier}-${stamp}`.slice(0, 255);
  return {
    version: 1,
    database: item.id,
    instanceIdentifier,
    snapshotId,
    snapshotArn: `arn:aws:rds:${naming.region}:${naming.account}:snapshot:${snapshotId}`,
    exportTaskId: `exit-${item.id}-${stamp}`.slice(0, 60),
    bucket,
    prefix: `${exportPrefix(item.wave, item.id)}parquet`,
    roleArn: `arn:aws:iam::${naming.account}:role/${rdsExportRoleName(naming)}`,
    kmsKeyId: `arn:aws:kms:${naming.region}:${naming.account}:alias/${naming.estateId}/rds-exit-export`,
    phase: 'pending',
    startedAt,
  };
}

export interface DatabaseExportSystem {
  readonly rds: RDSClient;
  readonly writeState: (state: DatabaseExportState) => void;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly print: (line: string) => void;
}

function named(e: unknown, name: string): boolean {
  return (e as { name?: string }).name === name;
}

export async function runDatabaseExport(
  initial: DatabaseExportState,
  sys: DatabaseExportSystem,
  pollMs = 30_000,
): Promise<DatabaseExportState> {
  let state = initial;
  const save = (change: Partial<DatabaseExportState>) => {
    state = { ...state, ...change };
    sys.writeState(state);
  };
  while (state.phase !== 'completed' && state.phase !== 'failed') {
    switch (state.phase) {
      case 'pending':
        try {
          await sys.rds.send(
            new CreateDBSnapshotCommand({
              DBInstanceIdentifier: state.instanceIdentifier,
              DBSnapshotIdentifier: state.snapshotId,
              Tags: [{ Key: 'ExitExportOf', Value: state.database }],
            }),
          );
        } catch (e) {
          if (!named(e, 'DBSnapshotAlreadyExistsFault')) throw e;
        }
        save({ phase: 'snapshotting' });
        break;
      case 'snapshotting': {
        const out = await sys.rds.send(
          new DescribeDBSnapshotsCommand({ DBSnapshotIdentifier: state.snapshotId }),
        );
        const status = out.DBSnapshots?.[0]?.Status;
        if (status === 'available') save({ phase: 'snapshot-ready' });
        else if (status === 'failed' || status === 'error')
          save({ phase: 'failed', error: `snapshot ${state.snapshotId} ${status}` });
        else await sys.sleep(pollMs);
        break;
      }
      case 'snapshot-ready':
        try {
          await sys.rds.send(
            new StartExportTaskCommand({
              ExportTaskIdentifier: state.exportTaskId,
              SourceArn: state.snapshotArn,
              S3BucketName: state.bucket,
              S3Prefix: state.prefix,
              IamRoleArn: state.roleArn,
              KmsKeyId: state.kmsKeyId,
            }),
          );
        } catch (e) {
          if (!named(e, 'ExportTaskAlreadyExistsFault')) throw e;
        }
        save({ phase: 'exporting' });
        break;
      case 'exporting': {
        const out = await sys.rds.send(
          new DescribeExportTasksCommand({ ExportTaskIdentifier: state.exportTaskId }),
        );
        const task = out.ExportTasks?.[0];
        const status = (task?.Status ?? '').toUpperCase();
        if (status === 'COMPLETE') {
          save({ phase: 'completed', progress: 100, finishedAt: sys.now().toISOString() });
        } else if (status === 'FAILED' || status === 'CANCELED') {
          save({
            phase: 'failed',
            finishedAt: sys.now().toISOString(),
            error: `export task ${state.exportTaskId} ${status.toLowerCase()}: ${task?.FailureCause ?? 'no failure cause given'}`,
          });
        } else {
          save({ progress: task?.PercentProgress ?? state.progress });
          sys.print(`${progressLine(state.database, state.progress ?? 0, state.exportTaskId)}\n`);
          await sys.sleep(pollMs);
        }
        break;
      }
    }
  }
  return state;
}

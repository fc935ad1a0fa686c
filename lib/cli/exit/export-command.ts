/**
 * `estate exit export`: exports the image of one server, or of every image-route server of a wave,
 * to the exit bucket with the real EC2 API (create image -> export image -> poll -> manifest).
 * State is written atomically after every step under reports/exit/exports/<server|wave>-<format>/,
 * so running the same command again resumes the run instead of starting new exports.
 */
import { buildEstateModel } from '../../estate-model';
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { RDSClient } from '@aws-sdk/client-rds';
import { S3Client } from '@aws-sdk/client-s3';
import { EXIT, stringOption, UsageError, type CliIo, type Command, type ParsedArgs } from '../command';
import { awsClient } from '../aws-clients';
import { loadPlanForCli } from '../plan-load';
import { DEFAULT_EXIT_ASSUMPTIONS } from '../../exit/assumptions';
import { planExit } from '../../exit/exit-plan';
import {
  dryRunExport,
  initialDatabaseExport,
  runDatabaseExport,
  type DatabaseExportState,
  exportManifest,
  ExportInputError,
  initialRunState,
  retryFailed,
  runExport,
  selectExportTargets,
  type ExportRunState,
} from '../../exit/export';
import type { Plan } from '../../plan/plan';
import { absolutePath, nodeExitFiles, type ExitFiles } from './private/files';
import { resolvePlanDir } from '../plan-dir';

type ExitPlan = ReturnType<typeof planExit>;

export interface ExportClients {
  readonly ec2: EC2Client;
  readonly s3: S3Client;
  readonly rds: RDSClient;
}

export interface ExitExportDeps {
  readonly files: ExitFiles;
  /** Clients for the estate's region. @default real clients (endpoints from AWS_ENDPOINT_URL_EC2/_S3) */
  readonly clients: (region: string, io: CliIo) => ExportClients;
  readonly sleep: (ms: number) => Promise<void>;
  /** Lets a caller stop a run between calls (tests; a signal handler). */
  readonly signal?: { aborted: boolean };
}

export function realClients(region: string, io: CliIo): ExportClients {
  return {
    rds: awsClient(RDSClient, io, 'RDS', region, { maxAttempts: 6 }),
    ec2: awsClient(EC2Client, io, 'EC2', region, { maxAttempts: 6 }),
    s3: awsClient(S3Client, io, 'S3', region, { maxAttempts: 6, forcePathStyle: true }),
  };
}

const USAGE = [
  'Usage: npm run estate -- exit export (--server <id> | --wave <id>) [--format vmdk|vhd|raw] [--dry-run]',
  '       npm run estate -- exit export --database <id> [--dry-run]   (RDS snapshot export to Parquet)',
  '                                     [--bucket <exit bucket>] [--plan DIR] [--state-dir DIR]',
  '',
  "Exports server images to the exit bucket with VM Import/Export: creates an image of the server's",
  'instance (or takes the staged image the runbook registered for an encrypted server), exports it,',
  'shows progress, and writes a manifest (object keys, sizes, SHA-256 read back from S3, timings).',
  "Each server's route is confirmed against the account first (its volumes' encryption, its licence).",
  'At most 5 exports run at once per Region (the documented quota; --max-concurrent to change it); a',
  'ResourceLimitExceeded is waited out. Run the same command again to resume; failed servers are retried.',
  '',
  'Options:',
  '  --server ID       one server',
  '  --wave ID         every server of the wave with an image route',
  '  --database ID     a MySQL, MariaDB or PostgreSQL database: snapshot, then export to Parquet',
  "                    (analysable, not restorable; SQL Server and Oracle: the runbook's native commands)",
  '  --format F        vmdk (default), vhd or raw; parquet for --database',
  '  --dry-run         send the calls with DryRun: checks permissions, creates nothing',
  '  --bucket NAME     the exit bucket (the Exit stack output ExitBucketName; or ESTATE_EXIT_BUCKET)',
  '  --plan DIR        plan folder (default: the "plan" context value in cdk.json)',
  '  --state-dir DIR   where run state and manifests go (default reports/exit/exports/)',
  '  --poll-seconds N  seconds between progress polls (default 30)',
  '  --max-concurrent N  export tasks at once (default 5, the VM Import/Export quota per Region)',
  '',
  'Exit codes: 0 exported (or dry run clean), 1 a server failed or the run stopped, 2 bad input.',
].join('\n');

export function exitExportCommandWith(deps: ExitExportDeps): Command {
  return {
    path: ['exit', 'export'],
    summary: 'Export server images to the exit bucket (VM Import/Export), resumable, with a manifest',
    usage: USAGE,
    options: {
      plan: { type: 'string' },
      server: { type: 'string' },
      wave: { type: 'string' },
      database: { type: 'string' },
      format: { type: 'string' },
      bucket: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'state-dir': { type: 'string' },
      'poll-seconds': { type: 'string' },
      'max-concurrent': { type: 'string' },
    },
    async run(args, io) {
      const dir = resolvePlanDir(args, io);
      const { pollSeconds, maxConcurrent } = runOptions(args);
      const plan = loadPlanForCli(dir, io);
      if (!plan) return EXIT.badInput;
      const exit = planExit(buildEstateModel(plan));
      const database = stringOption(args, 'database');
      if (database !== undefined) return exportDatabase(exit, plan, database, args, io, deps);
      const selection = selectTargets(exit, args, io);
      const runDir = join(
        absolutePath(io, stringOption(args, 'state-dir') ?? join('reports', 'exit', 'exports')),
        `${selection.runName}-${selection.format}`,
      );
      const statePath = join(runDir, 'state.json');
      // VM Import/Export User Guide, "Quotas": 5 concurrent export image tasks per Region.
      const fresh = initialRunState(
        exit,
        selection,
        io.now().toISOString(),
        maxConcurrent ?? DEFAULT_EXIT_ASSUMPTIONS.imageExportConcurrency,
        maxConcurrent === undefined ? 'the VM Import/Export default quota' : '--max-concurrent',
      );
      const { ec2, s3 } = deps.clients(plan.estate.region, io);
      for (const s of selection.skipped) io.stdout(`  ${s.id}: not exported by this command (${s.reason})\n`);
      if (args.values['dry-run'] === true) return printDryRun(fresh, ec2, io);
      const state = startingState(fresh, deps.files.read(statePath), statePath, maxConcurrent, io);
      io.stdout(
        `Exporting ${state.servers.length} server(s) as ${state.format.toUpperCase()} to s3://${state.bucket}/ (at most ${state.concurrency} at once).\n`,
      );
      const { state: final, outcome } = await runExport(
        state,
        {
          ec2,
          s3,
          writeState: (s) => deps.files.write(statePath, `${JSON.stringify(s, null, 2)}\n`),
          now: io.now,
          sleep: deps.sleep,
          print: io.stdout,
          signal: deps.signal,
          region: plan.estate.region,
        },
        { pollMs: pollSeconds * 1000 },
      );
      const manifestPath = join(runDir, 'manifest.json');
      deps.files.write(manifestPath, `${JSON.stringify(exportManifest(final), null, 2)}\n`);
      printOutcome(final, outcome, manifestPath, io);
      return outcome === 'completed' ? EXIT.ok : EXIT.failure;
    },
  };
}

/** `--poll-seconds` and `--max-concurrent`, checked (a bad value is a usage error). */
function runOptions(args: ParsedArgs): { pollSeconds: number; maxConcurrent: number | undefined } {
  const pollSeconds = Number(stringOption(args, 'poll-seconds') ?? '30');
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0)
    throw new UsageError('--poll-seconds needs a number of seconds');
  const maxText = stringOption(args, 'max-concurrent');
  const maxConcurrent = maxText === undefined ? undefined : Number(maxText);
  if (maxConcurrent !== undefined && !(Number.isInteger(maxConcurrent) && maxConcurrent >= 1))
    throw new UsageError(
      `exit export: --max-concurrent needs a whole number of tasks, 1 or more; received "${maxText}"`,
    );
  return { pollSeconds, maxConcurrent };
}

/** The servers `--server`/`--wave` name, with format and bucket; bad input is a usage error. */
function selectTargets(exit: ExitPlan, args: ParsedArgs, io: CliIo): ReturnType<typeof selectExportTargets> {
  try {
    return selectExportTargets(exit, {
      server: stringOption(args, 'server'),
      wave: stringOption(args, 'wave'),
      format: stringOption(args, 'format'),
      bucket: stringOption(args, 'bucket') ?? io.env.ESTATE_EXIT_BUCKET,
    });
  } catch (e) {
    if (e instanceof ExportInputError) throw new UsageError(e.message);
    throw e;
  }
}

/** `--dry-run`: sends the calls with DryRun and prints what would succeed; returns the exit code. */
async function printDryRun(fresh: ExportRunState, ec2: EC2Client, io: CliIo): Promise<number> {
  const lines = await dryRunExport(fresh, ec2);
  for (const l of lines) io.stdout(`  ${l.server}: ${l.call}: ${l.detail}\n`);
  const bad = lines.filter((l) => !l.wouldSucceed).length;
  io.stdout(
    `Dry run: ${lines.length - bad} of ${lines.length} call(s) would succeed; nothing was created.\n`,
  );
  return bad === 0 ? EXIT.ok : EXIT.failure;
}

/**
 * The state to run from: a fresh run, or the saved one resumed (same bucket required; failed
 * servers retried; a new `--max-concurrent` applied).
 */
function startingState(
  fresh: ExportRunState,
  previous: string | undefined,
  statePath: string,
  maxConcurrent: number | undefined,
  io: CliIo,
): ExportRunState {
  if (previous === undefined) return fresh;
  let state = JSON.parse(previous) as ExportRunState;
  if (state.bucket !== fresh.bucket) {
    throw new UsageError(
      `exit export: ${statePath} is a run into bucket ${state.bucket}; pass that bucket to resume it, or move the folder away`,
    );
  }
  if (maxConcurrent !== undefined)
    state = { ...state, concurrency: maxConcurrent, concurrencySource: '--max-concurrent' };
  const { state: retrying, retried } = retryFailed(state);
  io.stdout(
    `Resuming the run started ${retrying.startedAt} (${statePath})${retried.length > 0 ? `; trying again: ${retried.join(', ')}` : ''}.\n`,
  );
  return retrying;
}

/** Failures, notes and the one-line summary of a finished or stopped run. */
function printOutcome(final: ExportRunState, outcome: string, manifestPath: string, io: CliIo): void {
  const done = final.servers.filter((s) => s.phase === 'completed').length;
  const failed = final.servers.filter((s) => s.phase === 'failed');
  for (const f of failed) io.stderr(`${f.id}: ${f.error}\n`);
  for (const n of final.servers.filter((x) => x.note)) io.stdout(`  ${n.id}: ${n.note}\n`);
  io.stdout(
    outcome === 'interrupted'
      ? `Stopped: ${done} of ${final.servers.length} exported; run the same command again to resume. Manifest: ${manifestPath}\n`
      : `${done} of ${final.servers.length} exported, ${failed.length} failed. Manifest: ${manifestPath}\n`,
  );
}

async function exportDatabase(
  exit: ExitPlan,
  plan: Plan,
  id: string,
  args: ParsedArgs,
  io: CliIo,
  deps: ExitExportDeps,
): Promise<number> {
  if (stringOption(args, 'server') !== undefined || stringOption(args, 'wave') !== undefined) {
    throw new UsageError('exit export: give --database on its own, not with --server or --wave');
  }
  const item = exit.items.find((i) => i.id === id && i.type === 'database');
  if (!item) {
    const absent = exit.notOnAws.find((i) => i.id === id);
    throw new UsageError(
      absent
        ? `exit export: database "${id}" is not on AWS (${absent.reason})`
        : `exit export: unknown database "${id}"`,
    );
  }
  const format = stringOption(args, 'format') ?? 'parquet';
  if (!item.formats.includes('parquet') || format !== 'parquet') {
    throw new UsageError(
      `exit export: database "${id}" (${item.route}, ${item.formats.join('/')}) cannot produce ${format} with RDS snapshot export; run its native commands from the exit runbook`,
    );
  }
  const bucket = stringOption(args, 'bucket') ?? io.env.ESTATE_EXIT_BUCKET;
  if (!bucket) {
    throw new UsageError(
      `exit export: no exit bucket; deploy the Exit stack and pass --bucket ${exit.bucket} (its ExitBucketName output)`,
    );
  }
  // The database's own workload account (the estate model's decision) holds its snapshot and roles.
  const account =
    buildEstateModel(plan).databases.find((d) => d.id === id)?.account.account ?? plan.estate.account;
  const naming = { estateId: plan.estate.id, account, region: plan.estate.region };
  const runDir = join(
    absolutePath(io, stringOption(args, 'state-dir') ?? join('reports', 'exit', 'exports')),
    `${id}-parquet`,
  );
  const statePath = join(runDir, 'state.json');
  const previous = deps.files.read(statePath);
  const state = previous
    ? (JSON.parse(previous) as DatabaseExportState)
    : initialDatabaseExport(item, naming, bucket, io.now().toISOString());
  if (args.values['dry-run'] === true) {
    io.stdout(
      `RDS has no DryRun flag; the run would call:\n  CreateDBSnapshot ${state.instanceIdentifier} -> ${state.snapshotId}\n` +
        `  StartExportTask ${state.exportTaskId}: ${state.snapshotArn} -> s3://${state.bucket}/${state.prefix} (role ${state.roleArn}, key ${state.kmsKeyId})\n`,
    );
    return EXIT.ok;
  }
  if (previous) io.stdout(`Resuming the export started ${state.startedAt} (${statePath}).\n`);
  const pollSeconds = Number(stringOption(args, 'poll-seconds') ?? '30');
  const final = await runDatabaseExport(
    state,
    {
      rds: deps.clients(plan.estate.region, io).rds,
      writeState: (s) => deps.files.write(statePath, `${JSON.stringify(s, null, 2)}\n`),
      now: io.now,
      sleep: deps.sleep,
      print: io.stdout,
    },
    pollSeconds * 1000,
  );
  if (final.phase === 'failed') {
    io.stderr(`${id}: ${final.error}\n`);
    return EXIT.failure;
  }
  io.stdout(`${id}: exported to s3://${final.bucket}/${final.prefix}/ (Parquet). State: ${statePath}\n`);
  return EXIT.ok;
}

export const exitExportCommand = exitExportCommandWith({
  files: nodeExitFiles,
  clients: realClients,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

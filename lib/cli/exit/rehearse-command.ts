/**
 * `estate exit rehearse --wave ID`: stages the wave's encrypted servers, exports every image-route
 * server into the rehearsal prefix of the exit bucket (a lifecycle rule expires it), checks every
 * exported object (size and SHA-256, read back with @aws-sdk/client-s3), and writes the rehearsal
 * report (JSON and HTML) with the measured times, bytes and costs extrapolated to the whole
 * estate. `exit plan` then uses the measured figures. Times come from the CLI's clock (injected).
 */
import { join } from 'node:path';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { EXIT, stringOption, UsageError, type CliIo, type Command, type ParsedArgs } from '../command';
import { awsClient } from '../aws-clients';
import { loadPlanForCli } from '../plan-load';
import { resolvePlanDir } from '../plan-dir';
import { DEFAULT_EXIT_ASSUMPTIONS } from '../../exit/assumptions';
import { planExit } from '../../exit/exit-plan';
import { buildEstateModel } from '../../estate-model/build-estate-model';
import {
  REHEARSAL_PREFIX,
  STAGING_WORKER_BASE_IMAGE,
  stagingWorkerTemplateName,
} from '../../exit/exit-names';
import {
  exportManifest,
  ExportInputError,
  initialRunState,
  retryFailed,
  runExport,
  selectExportTargets,
  type ExportRunState,
} from '../../exit/export';
import { buildRehearsalReport, checkRehearsalObjects, renderRehearsalHtml } from '../../exit/rehearse';
import { initialStageState, retryFailedStaging, runStage, type StageRunState } from '../../exit/stage';
import { pinnedImage } from '../../plan/image-lock';
import { absolutePath, nodeExitFiles, type ExitFiles } from './private/files';
import type { Plan } from '../../plan/plan';

type ExitPlan = ReturnType<typeof planExit>;
type ExportSelection = ReturnType<typeof selectExportTargets>;
type RehearsalReport = ReturnType<typeof buildRehearsalReport>;

export interface RehearseClients {
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
  readonly s3: S3Client;
}

export interface ExitRehearseDeps {
  readonly files: ExitFiles;
  /** @default real clients (endpoints from AWS_ENDPOINT_URL_EC2 / _SSM / _S3) */
  readonly clients: (region: string, io: CliIo) => RehearseClients;
  readonly sleep: (ms: number) => Promise<void>;
}

export function realRehearseClients(region: string, io: CliIo): RehearseClients {
  return {
    ec2: awsClient(EC2Client, io, 'EC2', region, { maxAttempts: 6 }),
    ssm: awsClient(SSMClient, io, 'SSM', region, { maxAttempts: 6 }),
    s3: awsClient(S3Client, io, 'S3', region, { maxAttempts: 6, forcePathStyle: true }),
  };
}

const USAGE = [
  'Usage: npm run estate -- exit rehearse --wave <id> [--bucket <exit bucket>] [--format vmdk|vhd|raw]',
  '                                       [--plan DIR] [--out DIR] [--poll-seconds N] [--max-concurrent N]',
  '',
  "Rehearses a wave's exit for real: stages its encrypted servers (exit stage), exports every server",
  `with an image route into s3://<exit bucket>/${REHEARSAL_PREFIX}<wave>/ (the Exit stack's lifecycle rule`,
  'expires it after 2 days), checks every exported object (size and SHA-256 read back from S3), and',
  'writes the rehearsal report (rehearsal.json, rehearsal.html): per server the time of each step,',
  'bytes and cost, extrapolated to the whole estate. "exit plan" then uses the measured figures.',
  'Run the same command again to resume.',
  '',
  'Options:',
  '  --wave ID          the wave to rehearse',
  '  --bucket NAME      the exit bucket (Exit stack output ExitBucketName; or ESTATE_EXIT_BUCKET)',
  '  --format F         vmdk (default), vhd or raw',
  '  --out DIR          report and run state folder (default reports/exit/rehearsals/<wave>/)',
  '  --poll-seconds N   seconds between polls (default 30)',
  '  --max-concurrent N export tasks at once (default 5)',
  '',
  'Exit codes: 0 every server exported and verified (or left as data, as planned), 1 otherwise, 2 bad input.',
].join('\n');

export function exitRehearseCommandWith(deps: ExitRehearseDeps): Command {
  return {
    path: ['exit', 'rehearse'],
    summary: 'Rehearse a wave: stage, export, verify every object, report measured time and cost',
    usage: USAGE,
    options: {
      plan: { type: 'string' },
      wave: { type: 'string' },
      bucket: { type: 'string' },
      format: { type: 'string' },
      out: { type: 'string' },
      'poll-seconds': { type: 'string' },
      'max-concurrent': { type: 'string' },
    },
    async run(args, io) {
      const { wave, pollSeconds, max } = rehearseOptions(args);
      const plan = loadPlanForCli(resolvePlanDir(args, io), io);
      if (!plan) return EXIT.badInput;
      const exit = planExit(buildEstateModel(plan));
      const selection = selectWave(exit, wave, args, io);
      if (!pinnedImage(plan.imageLock, STAGING_WORKER_BASE_IMAGE, plan.estate.region))
        throw new UsageError(
          `exit rehearse: image-lock.yaml pins no ${STAGING_WORKER_BASE_IMAGE} image for ${plan.estate.region}; the staging worker boots only a pinned image: run "npm run estate -- images refresh" (or pin one by hand) and redeploy the Exit stack`,
        );
      const out = absolutePath(io, stringOption(args, 'out') ?? join('reports', 'exit', 'rehearsals', wave));
      const run: RehearsalRun = {
        plan,
        exit,
        selection,
        wave,
        max,
        out,
        pollMs: pollSeconds * 1000,
        clients: deps.clients(plan.estate.region, io),
        deps,
        io,
      };
      const staged = await stageWave(run); // 1. Stage.
      const exported = await exportWave(run); // 2. Export into the rehearsal prefix.
      // 3. Check every object; 4. report.
      const objects = await checkRehearsalObjects(run.clients.s3, exported, `${REHEARSAL_PREFIX}${wave}/`);
      const report = buildRehearsalReport({
        plan: exit,
        wave,
        stage: staged,
        exported,
        objects,
        finishedAt: io.now().toISOString(),
        assumptions: DEFAULT_EXIT_ASSUMPTIONS,
      });
      writeReport(run, report);
      const ok =
        report.servers.every((s) => s.outcome !== 'failed') && objects.every((o) => o.status === 'verified');
      return ok ? EXIT.ok : EXIT.failure;
    },
  };
}

/** What one rehearsal works on, once its arguments are checked and its plan loaded. */
interface RehearsalRun {
  readonly plan: Plan;
  readonly exit: ExitPlan;
  readonly selection: ExportSelection;
  readonly wave: string;
  readonly max: number | undefined;
  /** Report and run state folder. */
  readonly out: string;
  readonly pollMs: number;
  readonly clients: RehearseClients;
  readonly deps: ExitRehearseDeps;
  readonly io: CliIo;
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** `--wave`, `--poll-seconds` and `--max-concurrent`, checked (a bad value is a usage error). */
function rehearseOptions(args: ParsedArgs): { wave: string; pollSeconds: number; max: number | undefined } {
  const wave = stringOption(args, 'wave');
  if (wave === undefined) throw new UsageError('exit rehearse: give --wave <id>');
  const pollSeconds = Number(stringOption(args, 'poll-seconds') ?? '30');
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0)
    throw new UsageError('exit rehearse: --poll-seconds needs a number of seconds');
  const maxText = stringOption(args, 'max-concurrent');
  const max = maxText === undefined ? undefined : Number(maxText);
  if (max !== undefined && !(Number.isInteger(max) && max >= 1))
    throw new UsageError(
      `exit rehearse: --max-concurrent needs a whole number of tasks, 1 or more; received "${maxText}"`,
    );
  return { wave, pollSeconds, max };
}

/** The wave's image-route servers, format and bucket; bad input is a usage error. */
function selectWave(exit: ExitPlan, wave: string, args: ParsedArgs, io: CliIo): ExportSelection {
  try {
    return selectExportTargets(exit, {
      wave,
      format: stringOption(args, 'format'),
      bucket: stringOption(args, 'bucket') ?? io.env.ESTATE_EXIT_BUCKET,
    });
  } catch (e) {
    if (e instanceof ExportInputError)
      throw new UsageError(e.message.replace(/^exit export:/, 'exit rehearse:'));
    throw e;
  }
}

/** Step 1: stages the wave's servers (resuming a saved run, failed servers retried). */
async function stageWave(run: RehearsalRun): Promise<StageRunState> {
  const { plan, deps, io } = run;
  const stagePath = join(run.out, 'stage-state.json');
  const previousStage = deps.files.read(stagePath);
  const stage0: StageRunState = previousStage
    ? retryFailedStaging(JSON.parse(previousStage) as StageRunState).state
    : initialStageState({
        estate: plan.estate.id,
        region: plan.estate.region,
        availabilityZone: plan.network.availabilityZones[0]!,
        workerTemplate: stagingWorkerTemplateName(plan.estate.id),
        servers: run.selection.targets.map((t) => t.id),
        startedAt: io.now().toISOString(),
      });
  io.stdout(`Rehearsing ${run.wave}: staging ${stage0.servers.length} server(s).\n`);
  const staged = await runStage(
    stage0,
    {
      ec2: run.clients.ec2,
      ssm: run.clients.ssm,
      writeState: (s) => deps.files.write(stagePath, json(s)),
      now: io.now,
      sleep: deps.sleep,
      print: io.stdout,
    },
    { pollMs: run.pollMs },
  );
  return staged.state;
}

/** Step 2: exports the wave into the rehearsal prefix (resuming a saved run); writes the manifest. */
async function exportWave(run: RehearsalRun): Promise<ExportRunState> {
  const { wave, max, deps, io } = run;
  const exportPath = join(run.out, 'export-state.json');
  const previousExport = deps.files.read(exportPath);
  const fresh = initialRunState(
    run.exit,
    run.selection,
    io.now().toISOString(),
    max ?? DEFAULT_EXIT_ASSUMPTIONS.imageExportConcurrency,
    max === undefined ? 'the VM Import/Export default quota' : '--max-concurrent',
  );
  const export0: ExportRunState = previousExport
    ? retryFailed(JSON.parse(previousExport) as ExportRunState).state
    : {
        ...fresh,
        servers: fresh.servers.map((s) => ({
          ...s,
          exportPrefix: `${REHEARSAL_PREFIX}${wave}/${s.id}/`,
        })),
      };
  io.stdout(
    `Exporting ${export0.servers.length} server(s) to s3://${export0.bucket}/${REHEARSAL_PREFIX}${wave}/.\n`,
  );
  const exported = await runExport(
    export0,
    {
      ec2: run.clients.ec2,
      s3: run.clients.s3,
      writeState: (s) => deps.files.write(exportPath, json(s)),
      now: io.now,
      sleep: deps.sleep,
      print: io.stdout,
      region: run.plan.estate.region,
    },
    { pollMs: run.pollMs },
  );
  deps.files.write(join(run.out, 'manifest.json'), json(exportManifest(exported.state)));
  return exported.state;
}

/** Step 4: writes rehearsal.json and rehearsal.html, prints failures and the whole-estate figures. */
function writeReport(run: RehearsalRun, report: RehearsalReport): void {
  const { deps, io, out } = run;
  deps.files.write(join(out, 'rehearsal.json'), json(report));
  deps.files.write(join(out, 'rehearsal.html'), renderRehearsalHtml(report));
  for (const s of report.servers.filter((x) => x.outcome === 'failed'))
    io.stderr(`${s.server}: ${s.detail ?? 'failed'}\n`);
  const x = report.extrapolation;
  io.stdout(
    `${report.totals.exported} of ${report.totals.servers} exported and verified, $${report.totals.costUsd}. ` +
      `Whole estate (${x.servers} servers, ${x.gib} GiB): ${x.taskHours ?? '?'} task-hours, about ${x.elapsedHours ?? '?'} h elapsed, $${x.costUsd ?? '?'}.\n` +
      `Report: ${join(out, 'rehearsal.html')} (and rehearsal.json). Rehearsal objects expire by the exit bucket's lifecycle rule.\n`,
  );
}

export const exitRehearseCommand = exitRehearseCommandWith({
  files: nodeExitFiles,
  clients: realRehearseClients,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

/**
 * `estate exit stage`: stages the servers whose volumes are encrypted so VM Export can take them
 * (lib/exit/stage). State is written atomically after every step under
 * reports/exit/staging/<server|wave>/state.json; running the same command again resumes it (and
 * starts failed servers again); `--abort` deletes everything the run made.
 */
import { join } from 'node:path';
import { CreateSnapshotsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import { EXIT, stringOption, UsageError, type CliIo, type Command, type ParsedArgs } from '../command';
import { awsClient } from '../aws-clients';
import { loadPlanForCli } from '../plan-load';
import { resolvePlanDir } from '../plan-dir';
import { planExit } from '../../exit/exit-plan';
import { buildEstateModel } from '../../estate-model/build-estate-model';
import { STAGING_WORKER_BASE_IMAGE, stagingWorkerTemplateName } from '../../exit/exit-names';
import { confirmRoute, readInstanceFacts } from '../../exit/export';
import {
  abortStage,
  initialStageState,
  retryFailedStaging,
  runStage,
  type StageRunState,
} from '../../exit/stage';
import { pinnedImage } from '../../plan/image-lock';
import { absolutePath, nodeExitFiles, type ExitFiles } from './private/files';

export interface StageClients {
  readonly ec2: EC2Client;
  readonly ssm: SSMClient;
}

export interface ExitStageDeps {
  readonly files: ExitFiles;
  /** @default real clients (endpoints from AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_SSM) */
  readonly clients: (region: string, io: CliIo) => StageClients;
  readonly sleep: (ms: number) => Promise<void>;
  readonly signal?: { aborted: boolean };
}

export function realStageClients(region: string, io: CliIo): StageClients {
  return {
    ec2: awsClient(EC2Client, io, 'EC2', region, { maxAttempts: 6 }),
    ssm: awsClient(SSMClient, io, 'SSM', region, { maxAttempts: 6 }),
  };
}

const USAGE = [
  'Usage: npm run estate -- exit stage (--server <id> | --wave <id>) [--dry-run | --abort]',
  '                                    [--worker-image ami-...] [--plan DIR] [--state-dir DIR] [--poll-seconds N]',
  '',
  'VM Export refuses images with encrypted snapshots. For each server whose volumes are encrypted,',
  'this snapshots all its volumes at once, copies them block by block onto unencrypted volumes in the',
  "isolated exit subnet (a short-lived worker from the Exit stack's launch template, reached through",
  'SSM only, with a SHA-256 per volume), registers an image of every volume tagged ExitStagedFor, and',
  'deletes the worker, the temporary volumes and snapshots. `exit export` then exports the image and',
  'deletes it. Servers with unencrypted volumes need no staging; licence-included ones leave as data.',
  'Run the same command again to resume; failed servers are started again.',
  '',
  'Options:',
  '  --server ID        one server',
  '  --wave ID          every server of the wave with an image route',
  '  --dry-run          read each server and check the calls with DryRun; creates nothing',
  '  --abort            delete everything this run made (worker, volumes, snapshots, staged images)',
  "  --worker-image ID  an AMI for the worker instead of the launch template's pinned one",
  '  --plan DIR         plan folder (default: the "plan" context value in cdk.json)',
  '  --state-dir DIR    where run state goes (default reports/exit/staging/)',
  '  --poll-seconds N   seconds between polls (default 15)',
  '',
  'Exit codes: 0 staged (or nothing to stage), 1 a server failed or the run stopped, 2 bad input.',
].join('\n');

function dryRunError(e: unknown): [boolean, string] {
  const name = (e as { name?: string }).name ?? '';
  return name === 'DryRunOperation'
    ? [true, 'would succeed']
    : [false, `${name}: ${(e as { message?: string }).message ?? String(e)}`];
}

export function exitStageCommandWith(deps: ExitStageDeps): Command {
  return {
    path: ['exit', 'stage'],
    summary: 'Stage encrypted servers for VM Export (block copy in the exit subnet), resumable',
    usage: USAGE,
    options: {
      plan: { type: 'string' },
      server: { type: 'string' },
      wave: { type: 'string' },
      'dry-run': { type: 'boolean' },
      abort: { type: 'boolean' },
      'worker-image': { type: 'string' },
      'state-dir': { type: 'string' },
      'poll-seconds': { type: 'string' },
    },
    async run(args, io) {
      const { server, wave, pollSeconds, workerImage } = stageOptions(args);
      const plan = loadPlanForCli(resolvePlanDir(args, io), io);
      if (!plan) return EXIT.badInput;
      const exit = planExit(buildEstateModel(plan));
      const targets = selectStageTargets(exit, server, wave);
      const runDir = join(
        absolutePath(io, stringOption(args, 'state-dir') ?? join('reports', 'exit', 'staging')),
        server ?? wave!,
      );
      const statePath = join(runDir, 'state.json');
      const previous = deps.files.read(statePath);
      const write = (s: StageRunState) => deps.files.write(statePath, `${JSON.stringify(s, null, 2)}\n`);
      const { ec2, ssm } = deps.clients(plan.estate.region, io);

      if (args.values.abort === true) {
        if (previous === undefined)
          throw new UsageError(`exit stage: nothing to abort: no staging run at ${statePath}`);
        write(
          await abortStage(
            JSON.parse(previous) as StageRunState,
            ec2,
            deps.sleep,
            io.stdout,
            pollSeconds * 1000,
          ),
        );
        io.stdout(`Aborted: nothing this run made is left. State: ${statePath}\n`);
        return EXIT.ok;
      }
      const pinned = pinnedImage(plan.imageLock, STAGING_WORKER_BASE_IMAGE, plan.estate.region);
      if (!pinned && !workerImage)
        throw new UsageError(
          `exit stage: image-lock.yaml pins no ${STAGING_WORKER_BASE_IMAGE} image for ${plan.estate.region}; the staging worker boots only a pinned image: run "npm run estate -- images refresh" (or pin one by hand) and redeploy the Exit stack, or pass --worker-image`,
        );
      const template = stagingWorkerTemplateName(plan.estate.id);
      if (args.values['dry-run'] === true)
        return dryRunStage(
          targets.map((t) => t.id),
          template,
          workerImage,
          plan.estate.region,
          ec2,
          io,
        );

      const state =
        previous !== undefined
          ? resumedState(previous, statePath, io)
          : initialStageState({
              estate: plan.estate.id,
              region: plan.estate.region,
              availabilityZone: plan.network.availabilityZones[0]!,
              workerTemplate: template,
              workerImageId: workerImage,
              servers: targets.map((t) => t.id),
              startedAt: io.now().toISOString(),
            });
      io.stdout(
        `Staging ${state.servers.length} server(s) in ${state.availabilityZone} (run ${state.runId}).\n`,
      );
      const { state: final, outcome } = await runStage(
        state,
        {
          ec2,
          ssm,
          writeState: write,
          now: io.now,
          sleep: deps.sleep,
          print: io.stdout,
          signal: deps.signal,
        },
        { pollMs: pollSeconds * 1000 },
      );
      printOutcome(final, outcome, server ? `--server ${server}` : `--wave ${wave}`, statePath, io);
      return outcome === 'completed' ? EXIT.ok : EXIT.failure;
    },
  };
}

/** `--server`/`--wave`, `--poll-seconds` and `--worker-image`, checked (bad input is a usage error). */
function stageOptions(args: ParsedArgs): {
  server: string | undefined;
  wave: string | undefined;
  pollSeconds: number;
  workerImage: string | undefined;
} {
  const server = stringOption(args, 'server');
  const wave = stringOption(args, 'wave');
  if ((server === undefined) === (wave === undefined))
    throw new UsageError('exit stage: give exactly one of --server <id> or --wave <id>');
  if (args.values['dry-run'] === true && args.values.abort === true)
    throw new UsageError('exit stage: give --dry-run or --abort, not both');
  const pollSeconds = Number(stringOption(args, 'poll-seconds') ?? '15');
  if (!Number.isFinite(pollSeconds) || pollSeconds < 0)
    throw new UsageError('exit stage: --poll-seconds needs a number of seconds');
  const workerImage = stringOption(args, 'worker-image');
  if (workerImage !== undefined && !/^ami-[0-9a-f]{8,17}$/.test(workerImage))
    throw new UsageError(
      `exit stage: --worker-image needs an AMI id such as ami-0abc12345678def01; received "${workerImage}"`,
    );
  return { server, wave, pollSeconds, workerImage };
}

/** A saved run resumed, its failed servers started again. */
function resumedState(previous: string, statePath: string, io: CliIo): StageRunState {
  const resumed = retryFailedStaging(JSON.parse(previous) as StageRunState);
  io.stdout(
    `Resuming the staging run started ${resumed.state.startedAt} (${statePath})${resumed.retried.length ? `; starting again: ${resumed.retried.join(', ')}` : ''}.\n`,
  );
  return resumed.state;
}

/** Failures and the one-line summary of a finished or stopped run, with the next command. */
function printOutcome(
  final: StageRunState,
  outcome: string,
  target: string,
  statePath: string,
  io: CliIo,
): void {
  const count = (p: string) => final.servers.filter((s) => s.phase === p).length;
  for (const f of final.servers.filter((s) => s.phase === 'failed')) io.stderr(`${f.id}: ${f.detail}\n`);
  io.stdout(
    outcome === 'interrupted'
      ? `Stopped; run the same command again to resume. State: ${statePath}\n`
      : `${count('staged')} staged, ${count('not-needed')} need no staging, ${count('data-only')} data only, ${count('failed')} failed. ` +
          `Next: npm run estate -- exit export ${target}. State: ${statePath}\n`,
  );
}

function selectStageTargets(exit: ReturnType<typeof planExit>, server?: string, wave?: string) {
  const images = ['staged-export', 'image-export'];
  if (server !== undefined) {
    const item = exit.items.find((i) => i.id === server && i.type === 'server');
    if (!item) {
      const absent = exit.notOnAws.find((i) => i.id === server);
      throw new UsageError(
        absent
          ? `exit stage: server "${server}" is not on AWS (${absent.reason})`
          : `exit stage: unknown server "${server}" (see "npm run estate -- exit plan" for the servers on AWS)`,
      );
    }
    if (!images.includes(item.route))
      throw new UsageError(
        `exit stage: server "${server}" leaves by ${item.route} (${item.reason}); it is never an image, so there is nothing to stage`,
      );
    return [item];
  }
  if (!exit.waves.some((w) => w.wave === wave))
    throw new UsageError(
      `exit stage: unknown wave "${wave}" (waves: ${exit.waves.map((w) => w.wave).join(', ')})`,
    );
  const targets = exit.items.filter(
    (i) => i.wave === wave && i.type === 'server' && images.includes(i.route),
  );
  if (targets.length === 0)
    throw new UsageError(`exit stage: wave "${wave}" has no server with an image route`);
  return targets;
}

async function dryRunStage(
  servers: readonly string[],
  template: string,
  workerImage: string | undefined,
  region: string,
  ec2: EC2Client,
  io: CliIo,
): Promise<number> {
  let bad = 0;
  for (const id of servers) {
    let facts;
    try {
      facts = await readInstanceFacts(ec2, id, region);
    } catch (e) {
      io.stdout(`  ${id}: ${(e as Error).message}\n`);
      bad++;
      continue;
    }
    const route = confirmRoute(id, 'staged-export', facts);
    if (route.route !== 'staged-export') {
      io.stdout(
        `  ${id}: ${route.route === 'refused' ? route.reason : 'no encrypted volume: no staging needed'}\n`,
      );
      continue;
    }
    const gib = facts.volumes.reduce((a, v) => a + v.sizeGiB, 0);
    io.stdout(
      `  ${id}: would stage ${facts.volumes.length} volume(s), ${gib} GiB (${facts.volumes.map((v) => `${v.device} ${v.sizeGiB} GiB`).join(', ')})\n`,
    );
    for (const [call, command] of [
      [
        `CreateSnapshots ${facts.instanceId}`,
        new CreateSnapshotsCommand({ InstanceSpecification: { InstanceId: facts.instanceId }, DryRun: true }),
      ],
      [
        `RunInstances from ${template}`,
        new RunInstancesCommand({
          LaunchTemplate: { LaunchTemplateName: template, Version: '$Default' },
          ...(workerImage ? { ImageId: workerImage } : {}),
          MinCount: 1,
          MaxCount: 1,
          DryRun: true,
        }),
      ],
    ] as const) {
      const [ok, detail] = await ec2
        .send(command as RunInstancesCommand)
        .then(() => [false, 'the API ignored DryRun'] as [boolean, string], dryRunError);
      if (!ok) bad++;
      io.stdout(`  ${id}: ${call}: ${detail}\n`);
    }
  }
  io.stdout(
    `Dry run: ${bad === 0 ? 'every check would succeed' : `${bad} check(s) would fail`}; nothing was created.\n`,
  );
  return bad === 0 ? EXIT.ok : EXIT.failure;
}

export const exitStageCommand = exitStageCommandWith({
  files: nodeExitFiles,
  clients: realStageClients,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

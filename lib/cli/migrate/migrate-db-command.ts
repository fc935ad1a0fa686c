/**
 * `estate migrate db start|status|stop --wave ID`: the wave's DMS Serverless replications
 * (StartReplication, DescribeReplications, StopReplication). One database's failure is reported
 * and the others carry on; `start` on a started replication calls nothing.
 */
import {
  StartReplicationCommand,
  StopReplicationCommand,
  type DatabaseMigrationServiceClient,
} from '@aws-sdk/client-database-migration-service';
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { buildEstateModel, databaseDecision } from '../../estate-model';
import { dmsDatabasesOf, planDmsStart, planDmsStop, type DmsStep } from '../../migration/dms/db-plan';
import { readDmsReplications } from '../../migration/dms/read-replications';
import { dmsReplicationConfigId } from '../../migration/dms/replication-id';
import type { DmsReplicationObserved } from '../../migration/dms/replication-state';
import type { Plan, PlanDatabase } from '../../plan/plan';
import { EXIT, UsageError, type CliIo, type Command, type ParsedArgs } from '../command';
import { loadPlanForCli } from '../plan-load';
import { dmsClientFor } from './private/aws-clients';
import { flagOption, planDirOption, stringOption } from '../private/options';
import { waveOption } from '../private/wave-option';

const OPTIONS_HELP = [
  'Options:',
  '  --wave ID        the wave (required)',
  '  --account ROLE   workload account the credentials reach: production (default) or non-production',
  '  --plan DIR       plan folder (default: the "plan" context in cdk.json)',
  '  --endpoint URL   DMS endpoint (else AWS_ENDPOINT_URL_DATABASE_MIGRATION_SERVICE, AWS_ENDPOINT_URL)',
];

/** The wave's `dms` databases the estate model placed in the `--account` account. */
function targetDatabases(plan: Plan, args: ParsedArgs): PlanDatabase[] {
  const wave = waveOption(plan, args, true);
  const model = buildEstateModel(plan);
  const role = stringOption(args, 'account') ?? 'production';
  if (!model.accounts.some((a) => a.role === role))
    throw new UsageError(
      `--account ${role}: not a workload account of this plan (one of: ${model.accounts.map((a) => a.role).join(', ')})`,
    );
  return dmsDatabasesOf(model, wave).filter((d) => databaseDecision(model, d.id).stack.account.role === role);
}

async function observe(
  client: DatabaseMigrationServiceClient,
  dbs: readonly PlanDatabase[],
  io: CliIo,
): Promise<Map<string, DmsReplicationObserved> | undefined> {
  try {
    return await readDmsReplications(
      client,
      dbs.map((d) => dmsReplicationConfigId(d.id)),
    );
  } catch (e) {
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.stderr(`Could not read AWS DMS (${what}). Check credentials, region and --endpoint.\n`);
    return undefined;
  }
}

async function execute(
  client: DatabaseMigrationServiceClient,
  steps: readonly DmsStep[],
  dry: boolean,
  io: CliIo,
): Promise<number> {
  let failed = 0;
  for (const step of steps) {
    switch (step.action) {
      case 'none':
        io.stdout(`  ok      ${step.database}: ${step.reason}\n`);
        break;
      case 'missing':
        io.stdout(`  MISSING ${step.database}: ${step.reason}\n`);
        failed++;
        break;
      default: {
        const what = step.action === 'start' ? `StartReplication (${step.startType})` : 'StopReplication';
        if (dry) {
          io.stdout(`  would   ${step.database}: ${what}\n`);
          break;
        }
        try {
          if (step.action === 'start') {
            await client.send(
              new StartReplicationCommand({
                ReplicationConfigArn: step.configArn,
                StartReplicationType: step.startType,
              }),
            );
          } else {
            await client.send(new StopReplicationCommand({ ReplicationConfigArn: step.configArn }));
          }
          io.stdout(`  done    ${step.database}: ${what}\n`);
        } catch (e) {
          failed++;
          const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          io.stdout(`  FAILED  ${step.database}: ${what}: ${message}\n`);
        }
      }
    }
  }
  return failed > 0 ? EXIT.failure : EXIT.ok;
}

function dbCommand(verb: 'start' | 'status' | 'stop', summary: string, about: string[]): Command {
  return {
    path: ['migrate', 'db', verb],
    summary,
    usage: [
      `Usage: npm run estate -- migrate db ${verb} --wave ID [--account ROLE] [--plan DIR]${verb === 'status' ? '' : ' [--dry-run]'} [--endpoint URL]`,
      '',
      ...about,
      '',
      ...OPTIONS_HELP,
      ...(verb === 'status' ? [] : ['  --dry-run        print what would be called; call nothing']),
      '',
      'Exit codes: 0 done, 1 a replication missing or a call failed, 2 bad arguments or plan.',
    ].join('\n'),
    options: {
      plan: { type: 'string' },
      wave: { type: 'string' },
      account: { type: 'string' },
      endpoint: { type: 'string' },
      ...(verb === 'status' ? {} : { 'dry-run': { type: 'boolean' as const } }),
    },
    async run(args, io) {
      const plan = loadPlanForCli(planDirOption(args, io), io, ESTATE_PLAN_CHECKS);
      if (!plan) return EXIT.badInput;
      const dbs = targetDatabases(plan, args);
      if (dbs.length === 0) {
        io.stdout('No database of this wave moves with DMS in this account: nothing to do.\n');
        return EXIT.ok;
      }
      const client = dmsClientFor(plan, io, stringOption(args, 'endpoint'));
      try {
        const observed = await observe(client, dbs, io);
        if (!observed) return EXIT.failure;
        if (verb === 'status') {
          io.stdout('database  replication-config  status  full-load  stop-reason / failure\n');
          let missing = 0;
          for (const db of dbs) {
            const o = observed.get(dmsReplicationConfigId(db.id));
            if (!o) {
              missing++;
              io.stdout(
                `${db.id}  (no replication config ${dmsReplicationConfigId(db.id)}: deploy the wave stack)\n`,
              );
              continue;
            }
            const why = [o.stopReason, ...(o.failureMessages ?? [])].filter(Boolean).join('; ') || '-';
            const load = o.fullLoadProgressPercent !== undefined ? `${o.fullLoadProgressPercent}%` : '-';
            io.stdout(`${db.id}  ${o.configId}  ${o.status ?? 'never started'}  ${load}  ${why}\n`);
          }
          return missing > 0 ? EXIT.failure : EXIT.ok;
        }
        const steps = verb === 'start' ? planDmsStart(dbs, observed) : planDmsStop(dbs, observed);
        return await execute(client, steps, flagOption(args, 'dry-run'), io);
      } finally {
        client.destroy();
      }
    },
  };
}

export const migrateDbStartCommand = dbCommand(
  'start',
  "Start the wave's DMS replications (full load + CDC); started ones are left alone",
  [
    'Starts the DMS Serverless replication of every database of the wave that moves with DMS',
    '(StartReplication: a first start, or resume-processing for a stopped one). Replications already',
    'starting or running are left alone, so a re-run calls nothing. Fill in the source credentials',
    'secret and meet the engine prerequisites in the wave runbook first.',
  ],
);

export const migrateDbStatusCommand = dbCommand(
  'status',
  "State of the wave's DMS replications: status, full-load progress, stop reason",
  ['Lists each database of the wave that moves with DMS with its replication status (DescribeReplications).'],
);

export const migrateDbStopCommand = dbCommand(
  'stop',
  "Stop the wave's DMS replications (at cut-over, after CDC has caught up)",
  [
    'Stops the running DMS replication of every database of the wave that moves with DMS',
    '(StopReplication). Run it at cut-over, after application writes stopped and CDC caught up.',
  ],
);

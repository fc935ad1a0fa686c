/** `estate migrate status [--wave ID]`: replication state of the plan's mgn servers, matched by hostname. */
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { EXIT, type Command } from '../command';
import { matchServers } from '../../migration/mgn/match-servers';
import { mgnClientFor } from './private/mgn-client';
import { planDirOption } from '../private/options';
import { loadPlanForCli } from '../plan-load';
import { readMgnSnapshotOrReport } from './private/read-or-report';
import { ACCOUNT_OPTION_HELP } from './private/account-option';
import { migrationTarget } from './private/migration-target';

export const migrateStatusCommand: Command = {
  path: ['migrate', 'status'],
  summary: "Replication state, lag and last test / cut-over of the plan's mgn servers in AWS MGN",
  usage: [
    'Usage: npm run estate -- migrate status [--wave ID] [--account ROLE] [--plan DIR] [--endpoint URL]',
    '',
    'Lists every mgn server of the plan (or of one wave) with its MGN source server (matched by',
    'hostname), replication state, lag, life-cycle state and last test and cut-over; then the plan',
    'servers MGN does not know and the MGN source servers the plan does not name.',
    '',
    'Options:',
    ...ACCOUNT_OPTION_HELP,
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    wave: { type: 'string' },
    account: { type: 'string' },
    endpoint: { type: 'string' },
  },
  async run(args, io) {
    const plan = loadPlanForCli(planDirOption(args, io), io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    const { wave, servers } = migrationTarget(plan, args, false);
    const client = mgnClientFor(plan, args, io);
    try {
      const snapshot = await readMgnSnapshotOrReport(client, [], io);
      if (!snapshot) return EXIT.failure;
      const match = matchServers(servers, snapshot.sourceServers);
      const rows = match.matched.map(({ server, source }) =>
        [
          server.id,
          source.sourceServerID,
          source.replicationState ?? '-',
          source.lagDuration ?? '-',
          source.lifeCycleState ?? '-',
          source.lastTest ?? '-',
          source.lastCutover ?? '-',
        ].join('  '),
      );
      io.stdout(`server  source-server  replication  lag  life-cycle  last-test  last-cutover\n`);
      for (const r of rows) io.stdout(`${r}\n`);
      // A stalled server: say what MGN reports (error, lag, backlog, ETA) in plain words.
      for (const { server, source } of match.matched) {
        const stalled =
          source.replicationError !== undefined ||
          ['STALLED', 'PAUSED', 'DISCONNECTED', 'STOPPED'].includes(source.replicationState ?? '') ||
          source.lifeCycleState === 'NOT_READY';
        if (!stalled || source.lifeCycleState === 'CUTOVER') continue;
        io.stdout(
          `  ${source.replicationState === 'STALLED' || source.replicationError ? 'STALLED' : 'waiting'} ${server.id}: ` +
            [
              `replication ${source.replicationState ?? 'unknown'}`,
              source.replicationError ? `error ${source.replicationError}` : undefined,
              `lag ${source.lagDuration ?? '-'}`,
              `backlog ${source.backloggedStorageBytes ?? 0} bytes`,
              source.etaDateTime ? `ETA ${source.etaDateTime}` : undefined,
            ]
              .filter(Boolean)
              .join(', ') +
            '\n',
        );
      }
      for (const s of match.planOnly)
        io.stdout(`${s.id}  (not in MGN: no source server with hostname ${s.hostname})\n`);
      for (const s of match.ambiguous)
        io.stdout(`${s.id}  (several MGN source servers report ${s.hostname})\n`);
      // Only list MGN's extras for the whole account: in one wave, others belong to other waves.
      if (wave === undefined) {
        for (const m of match.mgnOnly)
          io.stdout(`(not in the plan) ${m.sourceServerID} ${m.hostname ?? ''}\n`);
      }
      return EXIT.ok;
    } finally {
      client.destroy();
    }
  },
};

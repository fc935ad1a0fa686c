/** `estate migrate adopt --wave ID`: record the instances MGN launched at cut-over in migration-state.yaml. */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { EXIT, UsageError, type Command } from '../command';
import { hostKey } from '../../migration/mgn/match-servers';
import type { MgnSnapshot } from '../../migration/mgn/snapshot';
import { MIGRATION_STATE_FILE } from '../../plan/migration-state';
import { planAdopt } from '../../migration/mgn/adopt-plan';
import { mgnClientFor } from './private/mgn-client';
import { writeFileAtomic } from './private/atomic-write';
import { flagOption, planDirOption, stringOption } from '../private/options';

import { loadPlanForCli } from '../plan-load';
import { readMgnSnapshotOrReport } from './private/read-or-report';
import { ACCOUNT_OPTION_HELP } from './private/account-option';
import { migrationTarget } from './private/migration-target';
import { ec2ClientFor } from './private/aws-clients';
import { protectInstances } from '../../migration/mgn/termination-protection';
import { wantsTerminationProtection } from '../../estate-model/termination-protection';
import { applicationOf } from '../../plan';

/** Seconds between looks at MGN with --wait. */
const POLL_SECONDS = 30;

export const migrateAdoptCommand: Command = {
  path: ['migrate', 'adopt'],
  summary:
    "After cut-over: record each mgn server's launched instance so the wave stack manages it; turn on termination protection",
  usage: [
    'Usage: npm run estate -- migrate adopt --wave ID [--account ROLE] [--plan DIR] [--dry-run] [--wait [--wait-minutes N]] [--endpoint URL]',
    '',
    'Reads the instance MGN launched at cut-over for each mgn server of the wave in the account and records it in',
    '<plan>/migration-state.yaml (written atomically; review and commit it). The next deploy adds the',
    'recovery alarm for it; the stack never creates, replaces or reboots the instance. Then it turns on',
    'termination protection on every adopted instance of the wave through the EC2 API (only where it',
    'is off: a re-run changes nothing). --dry-run writes nothing and changes nothing.',
    'EC2 endpoint: AWS_ENDPOINT_URL_EC2, else AWS_ENDPOINT_URL. MGN marks a server CUTOVER when the',
    'cut-over is finalized (migrate finalize): a server still CUTTING_OVER is not adopted and the',
    'command exits 1. --wait polls MGN every 30 seconds until no server of the wave is cutting over',
    '(at most --wait-minutes, default 30). Exit codes: 0 done, 1 a server still cutting over, a',
    'conflict or a failed instance, 2 bad arguments or plan.',
    '',
    'Options:',
    ...ACCOUNT_OPTION_HELP,
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    wave: { type: 'string' },
    account: { type: 'string' },
    'dry-run': { type: 'boolean' },
    wait: { type: 'boolean' },
    'wait-minutes': { type: 'string' },
    endpoint: { type: 'string' },
  },
  async run(args, io) {
    const dir = planDirOption(args, io);
    const plan = loadPlanForCli(dir, io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    const { wave, model, scope, servers } = migrationTarget(plan, args, true);
    const client = mgnClientFor(plan, args, io);
    const ec2 = ec2ClientFor(plan, io);
    try {
      const waitMinutes = Number(stringOption(args, 'wait-minutes') ?? '30');
      if (!Number.isFinite(waitMinutes) || waitMinutes < 0)
        throw new UsageError(
          `--wait-minutes must be a number of minutes (received ${stringOption(args, 'wait-minutes')})`,
        );
      const polls = flagOption(args, 'wait') && io.sleep ? Math.floor((waitMinutes * 60) / POLL_SECONDS) : 0;
      const hostnames = new Set(servers.map((s) => hostKey(s.hostname)));
      const cuttingOver = (snap: MgnSnapshot) =>
        snap.sourceServers.filter(
          (x) =>
            x.hostname &&
            hostnames.has(hostKey(x.hostname)) &&
            x.lifeCycleState === 'CUTTING_OVER' &&
            !x.isArchived,
        );
      let snapshot = await readMgnSnapshotOrReport(client, [], io);
      for (let i = 0; snapshot && i < polls && cuttingOver(snapshot).length > 0; i++) {
        io.stdout(
          `  waiting: ${cuttingOver(snapshot).length} server(s) still cutting over; looking again in ${POLL_SECONDS} s\n`,
        );
        await io.sleep!(POLL_SECONDS * 1000);
        snapshot = await readMgnSnapshotOrReport(client, [], io);
      }
      if (!snapshot) return EXIT.failure;
      const stillCuttingOver = cuttingOver(snapshot).length;
      const result = planAdopt(model, wave, snapshot, io.now().toISOString(), scope);
      for (const id of result.added) {
        const a = result.adopted.find((x) => x.server === id)!;
        io.stdout(`  adopt  ${id}: ${a.instanceId} (source server ${a.sourceServerId})\n`);
      }
      for (const n of result.notReady) io.stdout(`  wait   ${n.server}: ${n.reason}\n`);
      for (const c of result.conflicts) {
        io.stdout(
          `  CHECK  ${c.server}: recorded ${c.recorded} but MGN reports ${c.mgn}; left as recorded\n`,
        );
      }
      const dry = flagOption(args, 'dry-run');
      if (result.added.length === 0) {
        io.stdout('Nothing new to adopt.\n');
      } else if (dry) {
        io.stdout(`Dry run: ${MIGRATION_STATE_FILE} not written.\n`);
      } else {
        const header =
          '# Written by `npm run estate -- migrate adopt`: instances launched by AWS MGN at cut-over.\n';
        writeFileAtomic(
          join(dir.absolute, MIGRATION_STATE_FILE),
          header + stringify({ adopted: result.adopted }),
        );
        io.stdout(`Wrote ${join(dir.shown, MIGRATION_STATE_FILE)}: commit it, then deploy the wave stack.\n`);
      }
      const production = new Set(
        servers
          .filter((s) => wantsTerminationProtection(applicationOf(plan, s.application)))
          .map((s) => s.id),
      );
      const inWave = new Set(servers.map((s) => s.id));
      for (const a of result.adopted.filter((x) => inWave.has(x.server) && !production.has(x.server)))
        io.stdout(
          `  protect ${a.server}: ${a.instanceId} not production, termination protection left as it is\n`,
        );
      const protect = result.adopted.filter((a) => production.has(a.server));
      const outcomes = await protectInstances(ec2, protect, dry, (o) =>
        io.stdout(
          `  protect ${o.server}: ${o.instanceId} termination protection ${o.state}${o.error ? ` (${o.error})` : ''}\n`,
        ),
      );
      const failed = outcomes.filter((o) => o.state === 'failed').length;
      if (stillCuttingOver > 0)
        io.stdout(
          `${stillCuttingOver} server(s) still cutting over: not adopted. Finalize first (npm run estate -- migrate finalize --wave ${wave.id}), then adopt again.\n`,
        );
      return result.conflicts.length > 0 || failed > 0 || stillCuttingOver > 0 ? EXIT.failure : EXIT.ok;
    } finally {
      client.destroy();
      ec2.destroy();
    }
  },
};

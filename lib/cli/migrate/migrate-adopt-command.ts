/** `estate migrate adopt --wave ID`: record the instances MGN launched at cut-over in migration-state.yaml. */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { EXIT, type Command } from '../command';
import { MIGRATION_STATE_FILE } from '../../plan/migration-state';
import { planAdopt } from '../../migration/mgn/adopt-plan';
import { mgnClientFor } from './private/mgn-client';
import { writeFileAtomic } from './private/atomic-write';
import { flagOption, planDirOption } from './private/options';
import { loadPlanForCli } from '../plan-load';
import { readMgnSnapshotOrReport } from './private/read-or-report';
import { ACCOUNT_OPTION_HELP } from './private/account-option';
import { migrationTarget } from './private/migration-target';
import { ec2ClientFor } from './private/aws-clients';
import { protectInstances } from '../../migration/mgn/termination-protection';
import { wantsTerminationProtection } from '../../estate-model/termination-protection';
import { applicationOf } from '../../plan';

export const migrateAdoptCommand: Command = {
  path: ['migrate', 'adopt'],
  summary:
    "After cut-over: record each mgn server's launched instance so the wave stack manages it; turn on termination protection",
  usage: [
    'Usage: npm run estate -- migrate adopt --wave ID [--account ROLE] [--plan DIR] [--dry-run] [--endpoint URL]',
    '',
    'Reads the instance MGN launched at cut-over for each mgn server of the wave in the account and records it in',
    '<plan>/migration-state.yaml (written atomically; review and commit it). The next deploy adds the',
    'recovery alarm for it; the stack never creates, replaces or reboots the instance. Then it turns on',
    'termination protection on every adopted instance of the wave through the EC2 API (only where it',
    'is off: a re-run changes nothing). --dry-run writes nothing and changes nothing.',
    'EC2 endpoint: AWS_ENDPOINT_URL_EC2, else AWS_ENDPOINT_URL. Exit codes: 0 done, 1 a conflict or a',
    'failed instance, 2 bad arguments or plan.',
    '',
    'Options:',
    ...ACCOUNT_OPTION_HELP,
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    wave: { type: 'string' },
    account: { type: 'string' },
    'dry-run': { type: 'boolean' },
    endpoint: { type: 'string' },
  },
  async run(args, io) {
    const dir = planDirOption(args, io);
    const plan = loadPlanForCli(dir, io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    const { wave, scope, servers } = migrationTarget(plan, args, true);
    const client = mgnClientFor(plan, args, io);
    const ec2 = ec2ClientFor(plan, io);
    try {
      const snapshot = await readMgnSnapshotOrReport(client, [], io);
      if (!snapshot) return EXIT.failure;
      const result = planAdopt(plan, wave, snapshot, io.now().toISOString(), scope);
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
      return result.conflicts.length > 0 || failed > 0 ? EXIT.failure : EXIT.ok;
    } finally {
      client.destroy();
      ec2.destroy();
    }
  },
};

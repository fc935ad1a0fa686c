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
import { waveOption } from './private/wave-option';

export const migrateAdoptCommand: Command = {
  path: ['migrate', 'adopt'],
  summary: "After cut-over: record each mgn server's launched instance so the wave stack manages it",
  usage: [
    'Usage: npm run estate -- migrate adopt --wave ID [--plan DIR] [--dry-run] [--endpoint URL]',
    '',
    'Reads the instance MGN launched at cut-over for each mgn server of the wave and records it in',
    '<plan>/migration-state.yaml (written atomically; review and commit it). The next deploy adds the',
    'recovery alarm for it; the stack never creates, replaces or reboots the instance. Then turn on',
    'termination protection on each instance (see the wave runbook).',
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    wave: { type: 'string' },
    'dry-run': { type: 'boolean' },
    endpoint: { type: 'string' },
  },
  async run(args, io) {
    const dir = planDirOption(args, io);
    const plan = loadPlanForCli(dir, io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    const wave = waveOption(plan, args, true);
    const client = mgnClientFor(plan, args, io);
    try {
      const snapshot = await readMgnSnapshotOrReport(client, [], io);
      if (!snapshot) return EXIT.failure;
      const result = planAdopt(plan, wave, snapshot, io.now().toISOString());
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
      if (result.added.length === 0) {
        io.stdout('Nothing new to adopt.\n');
      } else if (flagOption(args, 'dry-run')) {
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
      return result.conflicts.length > 0 ? EXIT.failure : EXIT.ok;
    } finally {
      client.destroy();
    }
  },
};

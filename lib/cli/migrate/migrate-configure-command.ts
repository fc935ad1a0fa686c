/** `estate migrate configure --wave ID`: bring MGN's applications, waves and launch settings in line with the plan. */
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { EXIT, type Command } from '../command';
import { planConfigure } from '../../migration/mgn/configure-plan';
import { executeGroups } from '../../migration/mgn/execute-calls';
import { createNamed, missingNamed } from '../../migration/mgn/ensure-named';
import { readMgnSnapshotOrReport } from './private/read-or-report';
import { mgnClientFor } from './private/mgn-client';
import { ec2ClientFor, ssmClientFor } from './private/aws-clients';
import { migrationStackName } from '../../migration/mgn/account-scope';
import { matchServers } from '../../migration/mgn/match-servers';
import { readLaunchInputs } from '../../migration/mgn/read-launch-inputs';
import type { MgnCall } from '../../migration/mgn/configure-plan';
import { flagOption, planDirOption } from '../private/options';
import { loadPlanForCli } from '../plan-load';
import { ACCOUNT_OPTION_HELP } from './private/account-option';
import { migrationTarget } from './private/migration-target';

export const migrateConfigureCommand: Command = {
  path: ['migrate', 'configure'],
  summary:
    "Associate a wave's MGN source servers with their application and wave; set launch settings, launch templates and tags",
  usage: [
    'Usage: npm run estate -- migrate configure --wave ID [--account ROLE] [--plan DIR] [--dry-run] [--create-missing] [--endpoint URL]',
    '',
    'Deploy the Migration stack of the account (MGN templates, applications, waves: <Estate>-Migration,',
    'or <Estate>-NonProduction-Migration for --account non-production) and the wave stacks first.',
    "Matches the wave's mgn servers in that account to MGN source servers by hostname, then for each",
    'one: associates it with the MGN application of its plan application (and the application with',
    'the MGN wave), sets',
    'its launch settings (right-sizing off, tags copied, licence from the plan), tags it with the',
    "plan's tags (they select the backup plan after launch), and sets its EC2 launch template from the",
    'estate model: instance type, the subnet of its placement, the application security group, the',
    "wave stack's instance profile, EBS volumes encrypted with the estate CMK, tags. The ids come from",
    'the SSM parameter /estate/<estate>/mgn-launch-target/<server> its wave stack publishes: deploy the',
    'wave stack first. Only differences are changed: a second run changes nothing. A failure on one',
    'server is reported and the others continue.',
    '',
    'Options:',
    '  --wave ID        plan wave to configure (required)',
    '  --plan DIR       plan folder (default: the "plan" context in cdk.json)',
    '  --dry-run        list the changes; change nothing',
    '  --create-missing create the MGN application and wave through the API when they are missing',
    "                   (normally the account's Migration stack owns them: deploy it first)",
    ...ACCOUNT_OPTION_HELP,
    '  --endpoint URL   MGN endpoint (default: AWS_ENDPOINT_URL, else the public one)',
    'EC2 and SSM endpoints: AWS_ENDPOINT_URL_EC2 / AWS_ENDPOINT_URL_SSM, else AWS_ENDPOINT_URL.',
    'Exit codes: 0 done, 1 some server failed or could not be configured, 2 bad arguments or plan.',
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    wave: { type: 'string' },
    account: { type: 'string' },
    'dry-run': { type: 'boolean' },
    'create-missing': { type: 'boolean' },
    endpoint: { type: 'string' },
  },
  async run(args, io) {
    const plan = loadPlanForCli(planDirOption(args, io), io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    const { wave, model, scope, servers } = migrationTarget(plan, args, true);
    const client = mgnClientFor(plan, args, io);
    const ec2 = ec2ClientFor(plan, io);
    const ssm = ssmClientFor(plan, io);
    try {
      const hostnames = servers.map((s) => s.hostname);
      let snapshot = await readMgnSnapshotOrReport(client, hostnames, io);
      if (!snapshot) return EXIT.failure;
      const dry = flagOption(args, 'dry-run');
      const missing = missingNamed(model, wave, snapshot, scope);
      const createMissing = flagOption(args, 'create-missing');
      for (const m of missing) {
        if (!createMissing) {
          io.stdout(
            `  ! MGN has no ${m.kind} named ${m.name}: deploy ${migrationStackName(plan.estate.id, scope)} (it owns the MGN applications and waves), or pass --create-missing\n`,
          );
          continue;
        }
        if (dry) {
          io.stdout(`  would create MGN ${m.kind} ${m.name}\n`);
          continue;
        }
        try {
          await createNamed(client, m);
          io.stdout(`  created MGN ${m.kind} ${m.name}\n`);
        } catch (e) {
          io.stdout(
            `  FAILED creating MGN ${m.kind} ${m.name}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}\n`,
          );
        }
      }
      if (missing.length > 0 && createMissing && !dry) {
        snapshot = await readMgnSnapshotOrReport(client, hostnames, io);
        if (!snapshot) return EXIT.failure;
      }
      const match = matchServers(servers, snapshot.sourceServers);
      const launch = await readLaunchInputs({ ec2, ssm }, plan.estate.id, model, match, snapshot);
      const planned = planConfigure(model, wave, snapshot, launch, scope);
      io.stdout(
        `Wave ${wave.id}, ${scope.account.role} account ${scope.account.account}: ${hostnames.length} mgn server(s), ${planned.match.matched.length} matched in MGN.\n`,
      );
      for (const s of planned.match.planOnly)
        io.stdout(`  ! ${s.id}: no MGN source server with hostname ${s.hostname} (agent not installed?)\n`);
      for (const s of planned.match.ambiguous)
        io.stdout(
          `  ! ${s.id}: several MGN source servers report hostname ${s.hostname}; archive the stale one\n`,
        );
      for (const b of planned.blocked) io.stdout(`  ! ${b.subject}: ${b.reason}\n`);
      if (planned.groups.length === 0) io.stdout('  Nothing to change.\n');
      if (dry) {
        for (const g of planned.groups) {
          io.stdout(`  would change ${g.subject}: ${g.calls.map(describeCall).join(', ')}\n`);
        }
        io.stdout('Dry run: nothing was changed.\n');
        return EXIT.ok;
      }
      const outcomes = await executeGroups({ mgn: client, ec2 }, planned.groups, (o) =>
        io.stdout(
          o.ok
            ? `  ok     ${o.subject}: ${o.done.join(', ')}\n`
            : `  FAILED ${o.subject}: ${o.error}${o.done.length > 0 ? ` (after ${o.done.join(', ')})` : ''}\n`,
        ),
      );
      const failed = outcomes.filter((o) => !o.ok).length;
      const incomplete =
        failed + planned.blocked.length + planned.match.planOnly.length + planned.match.ambiguous.length;
      io.stdout(
        `${outcomes.length - failed} changed, ${failed} failed, ${incomplete - failed} not configurable yet.\n`,
      );
      return incomplete > 0 ? EXIT.failure : EXIT.ok;
    } finally {
      client.destroy();
      ec2.destroy();
      ssm.destroy();
    }
  },
};

function describeCall(call: MgnCall): string {
  return call.op === 'SetLaunchTemplate' ? `SetLaunchTemplate (${call.changes.join('; ')})` : call.op;
}

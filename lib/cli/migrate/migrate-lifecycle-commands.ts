/**
 * The MGN life-cycle commands of a wave: `migrate test | mark-ready | revert | cutover | finalize |
 * archive --wave ID`. Each reads MGN once, plans per server (lifecycle-plan.ts: idempotent, with
 * guards), prints one line per server as it goes, and never lets one server's failure stop the
 * others. `--dry-run` calls nothing.
 */
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { serverDecision } from '../../estate-model';
import { readLaunchTargets } from '../../migration/mgn/ec2-launch-template';
import { executeLifecycle, type LaunchTargetFor } from '../../migration/mgn/lifecycle-execute';
import { planLifecycle, type LifecycleCommand } from '../../migration/mgn/lifecycle-plan';
import { matchServers } from '../../migration/mgn/match-servers';
import { mgnTestLaunchParameterName, parseMgnTestLaunch } from '../../migration/mgn-test-launch';
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import type { Plan } from '../../plan/plan';
import { EXIT, UsageError, type Command, type OptionsConfig } from '../command';
import { loadPlanForCli } from '../plan-load';
import { ACCOUNT_OPTION_HELP } from './private/account-option';
import { ec2ClientFor, ssmClientFor } from './private/aws-clients';
import { mgnClientFor } from './private/mgn-client';
import { migrationTarget } from './private/migration-target';
import { flagOption, planDirOption } from '../private/options';
import { readMgnSnapshotOrReport } from './private/read-or-report';
import type { MgnSnapshot } from '../../migration/mgn/snapshot';
import type { EstateModel } from '../../estate-model';

const RESULT_WORD = { done: 'done', skipped: 'ok', refused: 'REFUSED', failed: 'FAILED', 'dry-run': 'would' };

async function testSecurityGroups(ssm: SSMClient, estateId: string): Promise<readonly string[] | string> {
  const name = mgnTestLaunchParameterName(estateId);
  const r = await ssm.send(new GetParametersCommand({ Names: [name] }));
  const text = r.Parameters?.[0]?.Value;
  if (text === undefined)
    return `no test placement at SSM parameter ${name}: deploy the Migration stack first`;
  const parsed = parseMgnTestLaunch(text);
  return typeof parsed === 'string'
    ? `SSM parameter ${name} is malformed: ${parsed}`
    : parsed.securityGroupIds;
}

/** The launch template wanted for a test (isolated security group) or production launch. */
function launchTargets(
  plan: Plan,
  model: EstateModel,
  snapshot: MgnSnapshot,
  ssm: SSMClient,
): LaunchTargetFor {
  let testGroups: Promise<readonly string[] | string> | undefined;
  return async (server, sourceServerID, purpose) => {
    const launchTemplateId = snapshot.launchTemplateIds.get(sourceServerID);
    if (!launchTemplateId) return 'MGN reports no EC2 launch template for it yet';
    const target = (await readLaunchTargets(ssm, plan.estate.id, [server.id])).get(server.id);
    if (target === undefined || typeof target === 'string') return target ?? 'no launch target';
    const decided = serverDecision(model, server.id);
    let securityGroupIds = target.securityGroupIds;
    if (purpose === 'test') {
      testGroups ??= testSecurityGroups(ssm, plan.estate.id);
      const groups = await testGroups;
      if (typeof groups === 'string') return groups;
      securityGroupIds = groups;
    }
    return {
      launchTemplateId,
      wanted: {
        instanceType: decided.size.instanceType,
        tags: { ...decided.tags },
        target: { ...target, securityGroupIds },
      },
    };
  };
}

interface LifecycleSpec {
  readonly name: LifecycleCommand;
  readonly summary: string;
  readonly about: readonly string[];
  readonly options?: OptionsConfig;
  readonly optionHelp?: readonly string[];
  /** Reads the EC2 launch templates (test and cut-over change them). */
  readonly launches?: boolean;
}

function lifecycleCommand(spec: LifecycleSpec): Command {
  return {
    path: ['migrate', spec.name],
    summary: spec.summary,
    usage: [
      `Usage: npm run estate -- migrate ${spec.name} --wave ID [--account ROLE] [--plan DIR] [--dry-run] [--endpoint URL]${spec.optionHelp ? ' [options]' : ''}`,
      '',
      ...spec.about,
      '',
      'One line per mgn server: done, ok (already done: re-runs change nothing), REFUSED (with why)',
      'or FAILED (what MGN answered); one server never stops the others. Exit codes: 0 every server',
      'done or already done, 1 a server refused or failed, 2 bad arguments or plan.',
      '',
      'Options:',
      '  --wave ID        the wave (required)',
      '  --dry-run        print what would be called; call nothing',
      '  --endpoint URL   MGN endpoint (else AWS_ENDPOINT_URL); EC2 and SSM: AWS_ENDPOINT_URL_EC2 / _SSM',
      ...(spec.optionHelp ?? []),
      ...ACCOUNT_OPTION_HELP,
    ].join('\n'),
    options: {
      plan: { type: 'string' },
      wave: { type: 'string' },
      account: { type: 'string' },
      'dry-run': { type: 'boolean' },
      endpoint: { type: 'string' },
      ...(spec.options ?? {}),
    },
    async run(args, io) {
      const plan = loadPlanForCli(planDirOption(args, io), io, ESTATE_PLAN_CHECKS);
      if (!plan) return EXIT.badInput;
      const { wave, model, servers } = migrationTarget(plan, args, true);
      const sourceStopped = flagOption(args, 'source-stopped');
      if (spec.name === 'cutover' && !sourceStopped)
        throw new UsageError(
          'migrate cutover needs --source-stopped: stop the source services first (final sync), then confirm with --source-stopped',
        );
      const mgn = mgnClientFor(plan, args, io);
      const ec2 = ec2ClientFor(plan, io);
      const ssm = ssmClientFor(plan, io);
      try {
        const snapshot = await readMgnSnapshotOrReport(
          mgn,
          spec.launches ? servers.map((s) => s.hostname) : [],
          io,
        );
        if (!snapshot) return EXIT.failure;
        const steps = planLifecycle(spec.name, matchServers(servers, snapshot.sourceServers), {
          sourceStopped,
          today: io.now().toISOString().slice(0, 10),
          decommission: wave.decommission,
        });
        const dry = flagOption(args, 'dry-run');
        io.stdout(
          `migrate ${spec.name} --wave ${wave.id}${dry ? ' (dry run)' : ''}: ${steps.length} server(s)\n`,
        );
        const outcomes = await executeLifecycle(
          { mgn, ec2 },
          steps,
          launchTargets(plan, model, snapshot, ssm),
          dry,
          (o) => io.stdout(`  ${RESULT_WORD[o.result].padEnd(7)} ${o.server}: ${o.detail}\n`),
        );
        const bad = outcomes.filter((o) => o.result === 'refused' || o.result === 'failed').length;
        if (bad > 0) io.stdout(`${bad} server(s) refused or failed; the others are done.\n`);
        return bad > 0 ? EXIT.failure : EXIT.ok;
      } finally {
        mgn.destroy();
        ec2.destroy();
        ssm.destroy();
      }
    },
  };
}

export const migrateTestCommand = lifecycleCommand({
  name: 'test',
  summary: "Launch test instances of the wave's mgn servers, isolated from on-premises",
  launches: true,
  about: [
    'For each mgn server READY_FOR_TEST with replication CONTINUOUS: puts the isolated test',
    "security group into its EC2 launch template (the Migration stack's /estate/<id>/mgn-test-launch:",
    'nothing in, HTTPS out to the AWS endpoints only, so a domain-joined copy cannot reach the',
    'domain), then StartTest. Servers already TESTING or READY_FOR_CUTOVER are left alone.',
  ],
});

export const migrateMarkReadyCommand = lifecycleCommand({
  name: 'mark-ready',
  launches: true,
  summary: 'After a good test: terminate the test instances and mark the servers ready for cut-over',
  about: [
    'For each mgn server TESTING: TerminateTargetInstances (the test instances go),',
    'ChangeServerLifeCycleState READY_FOR_CUTOVER, and the production placement back in its EC2',
    'launch template.',
  ],
});

export const migrateRevertCommand = lifecycleCommand({
  name: 'revert',
  launches: true,
  summary: 'After a failed test: terminate the test instances and return the servers to ready for testing',
  about: [
    'For each mgn server TESTING or READY_FOR_CUTOVER: TerminateTargetInstances,',
    'ChangeServerLifeCycleState READY_FOR_TEST and the production placement back in its EC2 launch',
    'template. Fix what failed, then migrate test again.',
  ],
});

export const migrateCutoverCommand = lifecycleCommand({
  name: 'cutover',
  summary: 'Cut over (final sync confirmed): launch the production instances',
  launches: true,
  options: { 'source-stopped': { type: 'boolean' } },
  optionHelp: ['  --source-stopped you confirm the source services are stopped (required)'],
  about: [
    'Refused unless --source-stopped confirms the source services are stopped and, per server, MGN',
    'reports replication CONTINUOUS with lag PT0S and no backlog (the final sync is complete: no',
    'write is lost). Then puts the production placement back in the EC2 launch template and',
    'StartCutover. Servers already cutting over or cut over are left alone.',
  ],
});

export const migrateFinalizeCommand = lifecycleCommand({
  name: 'finalize',
  summary: 'After the smoke tests pass: finalize the cut-over (replication stops); then migrate adopt',
  about: [
    'For each mgn server CUTTING_OVER with its cut-over instance: FinalizeCutover (MGN stops',
    'replication and marks it CUTOVER). This ends the rollback path: run it after sign-off.',
  ],
});

export const migrateArchiveCommand = lifecycleCommand({
  name: 'archive',
  summary: "After the wave's decommission month: archive the MGN source servers",
  about: [
    "Refused until the wave's decommission month has passed. For each mgn server cut over and",
    'finalized: MarkAsArchived.',
  ],
});

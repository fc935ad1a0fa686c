/**
 * `estate ops status [--wave ID] [--json]`: alarms in ALARM and patch compliance per server and
 * database, one table per wave (docs/operations.md). CloudWatch and Systems Manager clients take
 * the plan's region, static env credentials when set, and an endpoint from AWS_ENDPOINT_URL_CLOUDWATCH
 * / AWS_ENDPOINT_URL_SSM (else AWS_ENDPOINT_URL, else the public one).
 */
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { SSMClient } from '@aws-sdk/client-ssm';
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { buildEstateModel, type ServerDecision } from '../../estate-model';
import { buildOpsStatus, formatOpsStatusJson, formatOpsStatusTable } from '../../operations';
import { readAlarms, readPatchStates } from '../../operations/read-ops-state';
import { EXIT, type CliIo, type Command } from '../command';
import { loadPlanForCli } from '../plan-load';
import { awsClient } from '../aws-clients';
import { flagOption, planDirOption } from '../private/options';
import { waveOption } from '../private/wave-option';
import { getsLandingZone, type Plan } from '../../plan/plan';
import { lifecycleOfServer } from '../../plan/software-lifecycle';
import type { EndOfSupportServer } from '../../operations';

function clientsFor(plan: Plan, io: CliIo): { cloudwatch: CloudWatchClient; ssm: SSMClient } {
  return {
    cloudwatch: awsClient(CloudWatchClient, io, 'CLOUDWATCH', plan.estate.region),
    ssm: awsClient(SSMClient, io, 'SSM', plan.estate.region),
  };
}

/** Landing-zone servers whose OS leaves support before the agreement ends (lib/plan's lifecycle table). */
function endOfSupportOf(plan: Plan): EndOfSupportServer[] {
  const end = `${plan.estate.agreement.end}-31`;
  return plan.servers.filter(getsLandingZone).flatMap((s) =>
    lifecycleOfServer(s)
      .filter((e) => e.date <= end)
      .map((e) => ({ server: s.id, wave: s.wave, product: e.product, event: e.event, date: e.date })),
  );
}

export const opsStatusCommand: Command = {
  path: ['ops', 'status'],
  summary: 'Alarms in ALARM and patch compliance of every server and database, one table per wave',
  usage: [
    'Usage: npm run estate -- ops status [--wave ID] [--json] [--plan DIR]',
    '',
    "Reads the estate's alarms (CloudWatch) and each server's patch state (Systems Manager Patch",
    'Manager, by patch group) and prints, per wave, every server and database with its alarms in',
    'ALARM and its patch compliance; then the servers whose operating system leaves support during',
    'the agreement (with the date), and the applications whose composite alarm is in ALARM.',
    'See docs/operations.md for what each alarm means and what to do first.',
    '',
    'Options:',
    '  --wave ID     only this wave',
    '  --json        the report as JSON',
    '  --plan DIR    the plan folder (default: cdk.json context "plan")',
    '',
    'Endpoints: AWS_ENDPOINT_URL_CLOUDWATCH, AWS_ENDPOINT_URL_SSM or AWS_ENDPOINT_URL.',
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    wave: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(args, io) {
    const plan = loadPlanForCli(planDirOption(args, io), io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    const wave = waveOption(plan, args, false);
    const model = buildEstateModel(plan);
    const patchGroups = [
      ...new Set(
        model.servers.filter((s): s is ServerDecision => s.landingZone).map((s) => s.operations.patchGroup),
      ),
    ].sort();
    const { cloudwatch, ssm } = clientsFor(plan, io);
    try {
      const alarms = await readAlarms(cloudwatch, `${plan.estate.id}-`);
      const patches = await readPatchStates(ssm, patchGroups);
      const report = buildOpsStatus(
        model,
        new Set(plan.adopted.map((a) => a.server)),
        alarms,
        patches,
        wave?.id,
        endOfSupportOf(plan),
      );
      io.stdout(flagOption(args, 'json') ? formatOpsStatusJson(report) : formatOpsStatusTable(report));
      return EXIT.ok;
    } catch (e) {
      io.stderr(`ops status: could not read the estate's state from AWS: ${(e as Error).message}\n`);
      return EXIT.failure;
    } finally {
      cloudwatch.destroy();
      ssm.destroy();
    }
  },
};

/** `estate migrate init`: initialise AWS MGN in the account (InitializeService), once; re-runs are harmless. */
import { InitializeServiceCommand } from '@aws-sdk/client-mgn';
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { EXIT, type Command } from '../command';
import { loadPlanForCli } from '../plan-load';
import { ACCOUNT_OPTION_HELP } from './private/account-option';
import { mgnClientFor } from './private/mgn-client';
import { flagOption, planDirOption } from '../private/options';

export const migrateInitCommand: Command = {
  path: ['migrate', 'init'],
  summary: 'Initialise AWS MGN in the account (the service roles and templates MGN needs); safe to re-run',
  usage: [
    'Usage: npm run estate -- migrate init [--account ROLE] [--plan DIR] [--dry-run] [--endpoint URL]',
    '',
    "Calls MGN's InitializeService in the plan's region: MGN creates the IAM roles it works with",
    '(MGN API reference, InitializeService). Run it once per workload account before the first',
    'agent is installed and before deploying the Migration stack; running it again changes nothing.',
    '',
    'Options:',
    '  --dry-run        print what would be called; call nothing',
    '  --endpoint URL   MGN endpoint (else AWS_ENDPOINT_URL)',
    ...ACCOUNT_OPTION_HELP,
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    account: { type: 'string' },
    'dry-run': { type: 'boolean' },
    endpoint: { type: 'string' },
  },
  async run(args, io) {
    const plan = loadPlanForCli(planDirOption(args, io), io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    if (flagOption(args, 'dry-run')) {
      io.stdout(`would  InitializeService in ${plan.estate.region}\n`);
      return EXIT.ok;
    }
    const client = mgnClientFor(plan, args, io);
    try {
      await client.send(new InitializeServiceCommand({}));
      io.stdout(`done   AWS MGN initialised in ${plan.estate.region} (InitializeService)\n`);
      return EXIT.ok;
    } catch (e) {
      const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      io.stderr(`Could not initialise AWS MGN (${what}). Check credentials, region and --endpoint.\n`);
      return EXIT.failure;
    } finally {
      client.destroy();
    }
  },
};

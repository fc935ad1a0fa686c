/** `estate migrate export-csv`: an AWS MGN import file for the plan's mgn servers. */
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { EXIT, type Command } from '../command';
import { mgnImportCsv } from '../../migration/mgn/import-csv';
import { serverDecision } from '../../estate-model';
import { writeFileAtomic } from './private/atomic-write';
import { planDirOption, stringOption } from '../private/options';
import { loadPlanForCli } from '../plan-load';
import { ACCOUNT_OPTION_HELP } from './private/account-option';
import { migrationTarget } from './private/migration-target';

export const migrateExportCsvCommand: Command = {
  path: ['migrate', 'export-csv'],
  summary: "Write an AWS MGN import file for the plan's mgn servers (application, wave, instance type)",
  usage: [
    'Usage: npm run estate -- migrate export-csv [--wave ID] [--account ROLE] [--plan DIR] [--out FILE]',
    '',
    "Writes the MGN import template columns for every mgn server of one account (or one wave's):",
    'application and wave by plan id, server id and hostname, platform and the instance type the',
    "estate model decided. Import it into that account's MGN.",
    'Import it in the MGN console (Import) or with `aws mgn start-import`.',
    '',
    'Options:',
    '  --wave ID     one wave (default: every wave)',
    '  --out FILE    where to write (default: reports/mgn-import.csv)',
    ...ACCOUNT_OPTION_HELP,
  ].join('\n'),
  options: {
    plan: { type: 'string' },
    wave: { type: 'string' },
    account: { type: 'string' },
    out: { type: 'string' },
  },
  async run(args, io) {
    const plan = loadPlanForCli(planDirOption(args, io), io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    const { model, servers: mgnServers } = migrationTarget(plan, args, false);
    const servers = mgnServers.map((server) => ({
      server,
      instanceType: serverDecision(model, server.id).size.instanceType,
    }));
    const out = stringOption(args, 'out') ?? 'reports/mgn-import.csv';
    const path = isAbsolute(out) ? out : resolve(io.cwd, out);
    mkdirSync(dirname(path), { recursive: true });
    writeFileAtomic(path, mgnImportCsv(servers));
    io.stdout(`Wrote ${out}: ${servers.length} mgn server(s).\n`);
    return EXIT.ok;
  },
};

/** `estate cost estimate`: projected monthly AWS cost of the plan before anything is deployed. */
import { join } from 'node:path';
import { EXIT, type Command } from '../../cli/command';
import { loadPlanForCli } from '../../cli/plan-load';
import { produceCostEstimate, type EstimateFormat } from './cost-estimate-run';
import { isUserFacing } from './private/known-errors';
import { formatsOption, pathOption, planDirOption, stringOption } from './private/options';

const FORMATS = ['md', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number] & EstimateFormat;

export const costEstimateCommand: Command = {
  path: ['cost', 'estimate'],
  summary: 'Projected monthly AWS cost per wave and application (on-demand, 1-/3-yr savings plans)',
  usage: [
    'Usage: npm run estate -- cost estimate [--plan DIR] [--format md,csv,json] [--out DIR]',
    '',
    'Prices the right-sized servers and databases (lib/sizing), their storage and backups, and the',
    'shared network from the bundled eu-west-2 price snapshot, and compares the monthly total with',
    'the legacy baseline. Offline: no AWS account needed.',
    '',
    'Options:',
    '  --plan DIR      plan folder (default: the "plan" context value in cdk.json)',
    '  --format LIST   any of md,csv,json (default: all)',
    '  --out DIR       output folder (default: reports/cost/estimate/)',
    '',
    'Exit codes: 0 written, 1 a price or sizing problem, 2 bad plan or arguments.',
  ].join('\n'),
  options: { plan: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const dir = planDirOption(args, io);
    const formats = formatsOption<Format>(args, FORMATS, FORMATS);
    const out = pathOption(io, stringOption(args, 'out') ?? join('reports', 'cost', 'estimate'));
    const plan = loadPlanForCli(dir, io);
    if (!plan) return EXIT.badInput;
    try {
      produceCostEstimate(plan, formats, out, io);
      return EXIT.ok;
    } catch (e) {
      if (!isUserFacing(e)) throw e;
      io.stderr(`cost estimate: ${e.message}\n`);
      return EXIT.failure;
    }
  },
};

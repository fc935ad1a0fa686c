/** `estate cost estimate`: projected monthly AWS cost of the plan before anything is deployed. */
import { join } from 'node:path';
import { stringOption, EXIT, type Command } from '../command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from '../plan-dir';
import { loadPlanForCli } from '../plan-load';
import { isUserError } from '../../shared/user-error';
import { produceCostEstimate, type EstimateFormat } from './cost-estimate-run';
import { formatsOption, pathOption, today } from './private/options';
import { estimateCost, renderEstimateJson } from '../../cost/estimate';
import { bundledSnapshot } from '../../cost/pricing';
import { buildEstateModel } from '../../estate-model';

const FORMATS = ['md', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number] & EstimateFormat;

export const costEstimateCommand: Command = {
  path: ['cost', 'estimate'],
  summary: 'Projected monthly AWS cost per wave and application (on-demand, 1-/3-yr savings plans)',
  usage: [
    'Usage: npm run estate -- cost estimate [--plan DIR] [--format md,csv,json] [--out DIR] [--json]',
    '',
    "Prices the estate model's servers and databases (instance type and class, Multi-AZ: the same",
    'decisions the stacks carry out), their storage and backups, and the shared network from the',
    'bundled eu-west-2 price snapshot, and compares the monthly total with the legacy baseline.',
    'Offline: no AWS account needed.',
    '',
    'Options:',
    planOptionHelp(),
    '  --format LIST   any of md,csv,json (default: all)',
    '  --out DIR       output folder (default: reports/cost/estimate/)',
    '  --json          print the estimate as JSON instead (each item with the type or class, Multi-AZ,',
    '                  availability zone and price it was given); writes no files',
    '',
    'Exit codes: 0 written, 1 a price or sizing problem, 2 bad plan or arguments.',
  ].join('\n'),
  options: { ...PLAN_OPTION, format: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } },
  async run(args, io) {
    const dir = resolvePlanDir(args, io);
    const formats = formatsOption<Format>(args, FORMATS, FORMATS);
    const out = pathOption(io, stringOption(args, 'out') ?? join('reports', 'cost', 'estimate'));
    const plan = loadPlanForCli(dir, io);
    if (!plan) return EXIT.badInput;
    try {
      if (args.values.json === true) {
        io.stdout(
          renderEstimateJson(
            estimateCost({ model: buildEstateModel(plan), snapshot: bundledSnapshot(), today: today(io) }),
          ),
        );
        return EXIT.ok;
      }
      produceCostEstimate(plan, formats, out, io);
      return EXIT.ok;
    } catch (e) {
      if (!isUserError(e)) throw e;
      io.stderr(`cost estimate: ${e.message}\n`);
      return e.exitCode;
    }
  },
};

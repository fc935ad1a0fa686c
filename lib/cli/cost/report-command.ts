/** `estate cost report`: AWS spend against the legacy baseline, as HTML, CSV, JSON and Markdown. */
import { join } from 'node:path';
import { stringOption, EXIT, UsageError, type Command } from '../command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from '../plan-dir';
import { loadPlanForCli } from '../plan-load';
import { REPORT_FORMATS, type ReportFormat } from '../../cost/monthly/produce-report';
import { produceCostReport } from './cost-report-run';
import { isUserError } from '../../shared/user-error';
import { formatsOption, monthOption, pathOption, today } from './private/options';

export const costReportCommand: Command = {
  path: ['cost', 'report'],
  summary: 'Monthly cost report: AWS spend (GBP) against the legacy baseline, forecast, break-even',
  usage: [
    'Usage: npm run estate -- cost report [--plan DIR] [--month YYYY-MM] [--source focus|cost-explorer|athena]',
    '                                     [--focus PATH] [--format html,csv,json,md] [--out DIR] [--endpoint URL] [--include-vat]',
    '',
    "Compares AWS spend, converted to GBP at the baseline file's rates, with the legacy on-premises",
    'baseline over the AWS agreement: legacy still paid, one-off costs, saving, cumulative saving,',
    'break-even, forecast to the agreement end, by application, by wave and by service.',
    '',
    'Options:',
    planOptionHelp(20),
    '  --month YYYY-MM   last month reported as actual (default: the month before today)',
    '  --source NAME     focus (default), cost-explorer (paid API: $0.01 per request), or athena (the',
    "                    FOCUS export queried where it lives, in the CostGovernanceStack's workgroup;",
    '                    $5 per TB scanned; needs an AWS account with that stack deployed)',
    '  --focus PATH      FOCUS 1.0 export: file, folder or glob (CSV, gzip CSV, Parquet).',
    '                    Without it, SAMPLE DATA is generated from the plan (not your bill).',
    '  --format LIST     any of html,csv,json,md (default: all)',
    '  --out DIR         output folder (default: reports/cost/<month>/)',
    '  --endpoint URL    Cost Explorer or Athena endpoint (default: AWS_ENDPOINT_URL, else the public one)',
    '  --include-vat     count tax lines (VAT) in AWS spend; by default they are left out, as councils',
    '                    recover VAT and the legacy baseline is net of it (the report states the total)',
    '',
    'Exit codes: 0 written, 1 a source or data problem, 2 bad plan or arguments.',
  ].join('\n'),
  options: {
    ...PLAN_OPTION,
    month: { type: 'string' },
    source: { type: 'string' },
    focus: { type: 'string' },
    format: { type: 'string' },
    out: { type: 'string' },
    endpoint: { type: 'string' },
    'include-vat': { type: 'boolean' },
  },
  async run(args, io) {
    const dir = resolvePlanDir(args, io);
    const month = monthOption(args, io);
    const formats = formatsOption<ReportFormat>(args, REPORT_FORMATS, REPORT_FORMATS);
    const sourceName = stringOption(args, 'source') ?? 'focus';
    if (sourceName !== 'focus' && sourceName !== 'cost-explorer' && sourceName !== 'athena') {
      throw new UsageError(`--source ${sourceName}: expected focus, cost-explorer or athena`);
    }
    const focus = stringOption(args, 'focus');
    if (focus && sourceName !== 'focus') throw new UsageError('--focus only applies with --source focus');
    const endpoint = stringOption(args, 'endpoint') ?? io.env.AWS_ENDPOINT_URL;
    const out = pathOption(io, stringOption(args, 'out') ?? join('reports', 'cost', month));
    const cacheRoot = pathOption(io, '.cache');

    const current = today(io).slice(0, 7);
    if (month > current) {
      throw new UsageError(
        `--month ${month} is after the current month (${current}): there is no spend to report yet. Use "cost estimate" for a projection.`,
      );
    }
    const plan = loadPlanForCli(dir, io);
    if (!plan) return EXIT.badInput;
    const { start, end } = plan.estate.agreement;
    if (month < start) {
      throw new UsageError(
        `--month ${month} is before the agreement starts (${start}); choose ${start} or later.`,
      );
    }
    const to = month < end ? month : end;

    try {
      await produceCostReport(
        {
          plan,
          shown: dir.shown,
          month,
          to,
          formats,
          source: sourceName,
          ...(focus ? { focus } : {}),
          ...(endpoint ? { endpoint } : {}),
          out,
          cacheRoot,
          includeVat: args.values['include-vat'] === true,
        },
        io,
      );
      return EXIT.ok;
    } catch (e) {
      if (!isUserError(e)) throw e;
      io.stderr(`cost report: ${e.message}\n`);
      return e.exitCode;
    }
  },
};

/** `estate cost report`: AWS spend against the legacy baseline, as HTML, CSV, JSON and Markdown. */
import { join } from 'node:path';
import { stringOption, EXIT, UsageError, type Command } from '../command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from '../plan-dir';
import { loadPlanForCli } from '../plan-load';
import { buildCostReport, SAMPLE_DATA_CAVEAT, type DataSource } from '../../cost/comparison';
import { estimateCost, estimateLines } from '../../cost/estimate';
import { bundledSnapshot } from '../../cost/pricing';
import { renderCsv, renderHtml, renderJson, renderMarkdown } from '../../cost/report';
import { gbp } from '../../cost/report/display';
import { fetchCostExplorer, fetchFocus, type FetchedBilling } from './private/billing';
import { isUserError } from '../../shared/user-error';
import { formatsOption, monthOption, pathOption, today } from './private/options';
import { generateSampleFocus } from './private/sample-data';
import { writeOutputs } from './private/write-files';

const FORMATS = ['html', 'csv', 'json', 'md'] as const;
type Format = (typeof FORMATS)[number];

export const costReportCommand: Command = {
  path: ['cost', 'report'],
  summary: 'Monthly cost report: AWS spend (GBP) against the legacy baseline, forecast, break-even',
  usage: [
    'Usage: npm run estate -- cost report [--plan DIR] [--month YYYY-MM] [--source focus|cost-explorer]',
    '                                     [--focus PATH] [--format html,csv,json,md] [--out DIR] [--endpoint URL] [--include-vat]',
    '',
    "Compares AWS spend, converted to GBP at the baseline file's rates, with the legacy on-premises",
    'baseline over the AWS agreement: legacy still paid, one-off costs, saving, cumulative saving,',
    'break-even, forecast to the agreement end, by application, by wave and by service.',
    '',
    'Options:',
    planOptionHelp(20),
    '  --month YYYY-MM   last month reported as actual (default: the month before today)',
    '  --source NAME     focus (default) or cost-explorer (paid API: $0.01 per request)',
    '  --focus PATH      FOCUS 1.0 export: file, folder or glob (CSV, gzip CSV, Parquet).',
    '                    Without it, SAMPLE DATA is generated from the plan (not your bill).',
    '  --format LIST     any of html,csv,json,md (default: all)',
    '  --out DIR         output folder (default: reports/cost/<month>/)',
    '  --endpoint URL    Cost Explorer endpoint (default: AWS_ENDPOINT_URL, else the public one)',
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
    const formats = formatsOption<Format>(args, FORMATS, FORMATS);
    const sourceName = stringOption(args, 'source') ?? 'focus';
    if (sourceName !== 'focus' && sourceName !== 'cost-explorer') {
      throw new UsageError(`--source ${sourceName}: expected focus or cost-explorer`);
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
      io.stdout(
        `Plan ${dir.shown}: ${plan.estate.name}, agreement ${start} to ${end}; reporting ${start} to ${to}.\n`,
      );
      let fetched: FetchedBilling;
      let sampleData = false;
      if (sourceName === 'cost-explorer') {
        io.stdout(`Reading AWS Cost Explorer${endpoint ? ` at ${endpoint}` : ''} (paid API)...\n`);
        fetched = await fetchCostExplorer(io, plan, endpoint, cacheRoot, start, month);
      } else if (focus) {
        io.stdout(`Reading FOCUS export ${focus}...\n`);
        fetched = await fetchFocus(io, [focus], start, to);
      } else {
        sampleData = true;
        const sampleDir = join(cacheRoot, 'sample-focus', plan.estate.id, today(io));
        io.stdout(
          [
            '',
            '  !!! ' + SAMPLE_DATA_CAVEAT,
            `  !!! Generating deterministic sample FOCUS data for ${start} to ${to} into ${sampleDir}`,
            '',
            '',
          ].join('\n'),
        );
        const sample = await generateSampleFocus(plan, io.now(), sampleDir);
        io.stdout(`Sample data: ${sample.files} monthly FOCUS file(s) in ${sample.dir}\n`);
        fetched = await fetchFocus(io, [sample.dir], start, to);
      }
      for (const note of fetched.notes) io.stdout(`${note}\n`);
      io.stdout(
        `Billing: ${fetched.billing.rows.length} row(s) for ${fetched.billing.months.length} month(s).\n`,
      );

      const extraSources: DataSource[] = [];
      let estimate;
      try {
        const snapshot = bundledSnapshot();
        estimate = estimateLines(estimateCost({ plan, snapshot, today: today(io) }));
        extraSources.push({
          name: 'Price snapshot',
          description: `${snapshot.metadata.region} list prices (${snapshot.metadata.method}), used for the forecast projection when no Cost Explorer forecast is given`,
          asOf: snapshot.metadata.asOf,
        });
      } catch (e) {
        if (!isUserError(e)) throw e;
        io.stderr(
          `Cost estimate unavailable (${e.message}); the forecast uses the trend of complete months.\n`,
        );
      }

      const report = buildCostReport({
        plan,
        billing: fetched.billing,
        reportMonth: month,
        today: today(io),
        ...(fetched.forecasts ? { forecasts: fetched.forecasts } : {}),
        ...(estimate ? { estimate } : {}),
        sampleData,
        extraSources,
        vat: args.values['include-vat'] === true ? 'include' : 'exclude',
      });

      const files: Record<string, string> = {};
      if (formats.includes('html')) files['cost-report.html'] = renderHtml(report);
      if (formats.includes('json')) files['cost-report.json'] = renderJson(report);
      if (formats.includes('md')) files['cost-report.md'] = renderMarkdown(report);
      if (formats.includes('csv'))
        for (const [name, text] of Object.entries(renderCsv(report))) files[`cost-report-${name}`] = text;
      const written = writeOutputs(io, out, files);

      const h = report.headline;
      io.stdout(
        [
          '',
          `Saving to date: ${gbp(h.savingToDate)} (AWS ${gbp(h.awsToDate)}, legacy still paid ${gbp(h.legacyPaidToDate)}, one-off ${gbp(h.oneOffToDate)}).`,
          `Break-even: ${h.breakEvenMonth ? `${h.breakEvenMonth}${h.breakEvenIsForecast ? ' (forecast)' : ''}` : 'not within the agreement'}; forecast saving by ${end}: ${gbp(h.forecastSavingAtEnd)} (${report.forecastBasis}).`,
          report.incompleteMonths.length > 0
            ? `Incomplete months: ${report.incompleteMonths.join(', ')}.`
            : 'All reported months complete.',
          sampleData ? 'SAMPLE DATA, NOT YOUR BILL.' : '',
          'Wrote:',
          ...written.map((w) => `  ${w}`),
          '',
        ]
          .filter((l, i, a) => l !== '' || i === a.length - 1 || i === 0)
          .join('\n'),
      );
      return EXIT.ok;
    } catch (e) {
      if (!isUserError(e)) throw e;
      io.stderr(`cost report: ${e.message}\n`);
      return e.exitCode;
    }
  },
};

/**
 * The cost report for a loaded plan: billing (FOCUS, Cost Explorer or generated sample data),
 * the comparison with the legacy baseline, and the report files. Shared by `estate cost report`
 * and the main job, which passes the estimate it already computed (estimate once).
 */
import { join } from 'node:path';
import type { CliIo } from '../command';
import type { Plan } from '../../plan/plan';
import { SAMPLE_DATA_CAVEAT, type CostReport } from '../../cost/comparison';
import type { estimateLines } from '../../cost/estimate';
import { produceCostReport as buildReportFiles, type ReportFormat } from '../../cost/monthly/produce-report';
import { gbp } from '../../cost/report/display';
import { fetchAthena, fetchCostExplorer, fetchFocus, type FetchedBilling } from './private/billing';
import { today } from './private/options';
import { generateSampleFocus } from './private/sample-data';
import { writeOutputs } from './private/write-files';
import { buildEstateModel } from '../../estate-model';

export type CostReportFormat = ReportFormat;

export interface CostReportRequest {
  readonly plan: Plan;
  /** The plan folder as the user named it. */
  readonly shown: string;
  /** Last month reported as actual, and the last month of billing read. */
  readonly month: string;
  readonly to: string;
  readonly formats: readonly CostReportFormat[];
  readonly source: 'focus' | 'cost-explorer' | 'athena';
  readonly focus?: string;
  readonly endpoint?: string;
  /** Output folder and cache root (absolute). */
  readonly out: string;
  readonly cacheRoot: string;
  readonly includeVat: boolean;
  /** The plan's estimate as comparison lines, when the caller already has it. @default - computed here */
  readonly estimate?: ReturnType<typeof estimateLines>;
}

export interface CostReportOutcome {
  readonly report: CostReport;
  /** Files written. */
  readonly written: readonly string[];
  readonly sampleData: boolean;
}

/** Throws the cost errors a user sees (isUserError); the caller reports them. */
export async function produceCostReport(request: CostReportRequest, io: CliIo): Promise<CostReportOutcome> {
  const { plan, month, to, formats, out, cacheRoot, endpoint } = request;
  const { start, end } = plan.estate.agreement;
  const model = buildEstateModel(plan);
  const dir = { shown: request.shown };
  const sourceName = request.source;
  const focus = request.focus;
  io.stdout(
    `Plan ${dir.shown}: ${plan.estate.name}, agreement ${start} to ${end}; reporting ${start} to ${to}.\n`,
  );
  let fetched: FetchedBilling;
  let sampleData = false;
  if (sourceName === 'athena') {
    io.stdout(
      `Querying the FOCUS export in Athena${endpoint ? ` at ${endpoint}` : ''} (paid per TB scanned)...\n`,
    );
    fetched = await fetchAthena(io, plan, endpoint, start, to);
  } else if (sourceName === 'cost-explorer') {
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
    const sample = await generateSampleFocus(model, io.now(), sampleDir);
    io.stdout(`Sample data: ${sample.files} monthly FOCUS file(s) in ${sample.dir}\n`);
    fetched = await fetchFocus(io, [sample.dir], start, to);
  }
  for (const note of fetched.notes) io.stdout(`${note}\n`);
  io.stdout(
    `Billing: ${fetched.billing.rows.length} row(s) for ${fetched.billing.months.length} month(s).\n`,
  );

  const { report, files, estimateProblem } = buildReportFiles({
    model,
    billing: fetched.billing,
    ...(fetched.forecasts ? { forecasts: fetched.forecasts } : {}),
    reportMonth: month,
    today: today(io),
    sampleData,
    vat: request.includeVat ? 'include' : 'exclude',
    formats,
    ...(request.estimate ? { estimate: request.estimate } : {}),
  });
  if (estimateProblem)
    io.stderr(
      `Cost estimate unavailable (${estimateProblem}); the forecast uses the trend of complete months.\n`,
    );
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

  return { report, written, sampleData };
}

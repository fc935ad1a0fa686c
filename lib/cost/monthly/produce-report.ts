/**
 * The cost report from billing already fetched: the comparison, then one file per format. The
 * same code for `estate cost report` (which writes the files to a folder) and the monthly job's
 * Lambda function (which puts them in S3). Pure: no I/O, no clock.
 */
import type { BillingResult, MonthlyForecast } from '../billing/types';
import { buildCostReport, type CostReport, type DataSource } from '../comparison';
import { estimateCost, estimateLines } from '../estimate';
import { bundledSnapshot } from '../pricing';
import { renderCsv, renderHtml, renderJson, renderMarkdown } from '../report';
import type { EstateModel } from '../../estate-model';
import { isUserError } from '../../shared/user-error';

export const REPORT_FORMATS = ['html', 'csv', 'json', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ProduceReportInput {
  /** The estate model, built once by the caller (the CLI, or the monthly job's entry point). */
  readonly model: EstateModel;
  readonly billing: BillingResult;
  readonly forecasts?: readonly MonthlyForecast[];
  readonly reportMonth: string;
  /** The clock's date, YYYY-MM-DD. */
  readonly today: string;
  readonly sampleData: boolean;
  readonly vat: 'include' | 'exclude';
  readonly formats: readonly ReportFormat[];
  /** The plan's estimate as comparison lines, when the caller already has it. @default - computed here */
  readonly estimate?: ReturnType<typeof estimateLines>;
}

export interface ProducedReport {
  readonly report: CostReport;
  /** File name -> contents (`cost-report.html`, `cost-report.json`, `cost-report.md`, `cost-report-*.csv`). */
  readonly files: Readonly<Record<string, string>>;
  /** Why the estimate could not be used for the forecast, when it could not. */
  readonly estimateProblem?: string;
}

/** Builds the report and renders the formats asked for. */
export function produceCostReport(input: ProduceReportInput): ProducedReport {
  const extraSources: DataSource[] = [];
  let estimate = input.estimate;
  let estimateProblem: string | undefined;
  try {
    const snapshot = bundledSnapshot();
    estimate ??= estimateLines(estimateCost({ model: input.model, snapshot, today: input.today }));
    extraSources.push({
      name: 'Price snapshot',
      description: `${snapshot.metadata.region} list prices (${snapshot.metadata.method}), used for the forecast projection when no Cost Explorer forecast is given`,
      asOf: snapshot.metadata.asOf,
    });
  } catch (e) {
    if (!isUserError(e)) throw e;
    estimateProblem = e.message;
  }
  const report = buildCostReport({
    model: input.model,
    billing: input.billing,
    reportMonth: input.reportMonth,
    today: input.today,
    ...(input.forecasts ? { forecasts: input.forecasts } : {}),
    ...(estimate ? { estimate } : {}),
    sampleData: input.sampleData,
    extraSources,
    vat: input.vat,
  });
  const files: Record<string, string> = {};
  if (input.formats.includes('html')) files['cost-report.html'] = renderHtml(report);
  if (input.formats.includes('json')) files['cost-report.json'] = renderJson(report);
  if (input.formats.includes('md')) files['cost-report.md'] = renderMarkdown(report);
  if (input.formats.includes('csv'))
    for (const [name, text] of Object.entries(renderCsv(report))) files[`cost-report-${name}`] = text;
  return { report, files, ...(estimateProblem ? { estimateProblem } : {}) };
}

/**
 * The monthly job: last month's cost report, produced by the same code as `estate cost report`,
 * stored as HTML, CSV, JSON and Markdown under `reports/<month>/`, and the Markdown summary sent
 * to finance with a link to the full report. Clients, clock, store and notifier are passed in
 * (the Lambda entry point, bin/lambda/monthly-report.ts, builds them from its environment).
 */
import type { AthenaBillingSource } from '../athena';
import type { CostExplorerBillingSource } from '../cost-explorer';
import type { EstateModel } from '../../estate-model';
import { addMonths, monthOf } from '../../shared/months';
import { costExplorerBilling, type FetchedBilling } from './cost-explorer-billing';
import { produceCostReport, REPORT_FORMATS } from './produce-report';

/** Where report files go (S3 in the Lambda function; anything in tests). */
export interface ReportStore {
  put(key: string, body: string, contentType: string): Promise<void>;
  /** A link finance can open for a stored file (behind their AWS sign-in). */
  linkTo(key: string): string;
}

/** Sends finance the summary (the finance SNS topic in the Lambda function). */
export interface Notifier {
  send(subject: string, message: string): Promise<void>;
}

export type MonthlyBilling =
  | { readonly kind: 'cost-explorer'; readonly source: CostExplorerBillingSource }
  | { readonly kind: 'athena'; readonly source: AthenaBillingSource };

export interface MonthlyReportJobProps {
  /** The estate model, built by the entry point from the plan it loads. */
  readonly model: EstateModel;
  readonly now: () => Date;
  readonly billing: MonthlyBilling;
  readonly store: ReportStore;
  readonly notifier: Notifier;
}

export interface MonthlyReportResult {
  readonly month: string;
  readonly keys: readonly string[];
  readonly notes: readonly string[];
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

/** Produces, stores and announces the report for the month before `now`. */
export async function runMonthlyReportJob(props: MonthlyReportJobProps): Promise<MonthlyReportResult> {
  const { model } = props;
  const now = props.now();
  const month = addMonths(monthOf(now), -1);
  const { start, end } = model.settings.estate.agreement;
  if (month < start) {
    throw new Error(
      `The agreement starts ${start}: there is no month to report before then (last month: ${month}).`,
    );
  }
  const to = month < end ? month : end;
  const fetched: FetchedBilling =
    props.billing.kind === 'cost-explorer'
      ? await costExplorerBilling(props.billing.source, end, start, month, now)
      : { billing: await props.billing.source.fetch({ from: start, to }), notes: [] };
  const { report, files } = produceCostReport({
    model,
    billing: fetched.billing,
    ...(fetched.forecasts ? { forecasts: fetched.forecasts } : {}),
    reportMonth: month,
    today: now.toISOString().slice(0, 10),
    sampleData: false,
    vat: 'exclude',
    formats: REPORT_FORMATS,
  });
  const keys: string[] = [];
  for (const name of Object.keys(files).sort()) {
    const key = `reports/${month}/${name}`;
    const ext = name.slice(name.lastIndexOf('.') + 1);
    await props.store.put(key, files[name]!, CONTENT_TYPES[ext] ?? 'application/octet-stream');
    keys.push(key);
  }
  const link = props.store.linkTo(`reports/${month}/cost-report.html`);
  await props.notifier.send(
    `${model.estate.name}: AWS cost report for ${month}`.slice(0, 100),
    `${files['cost-report.md']}\nFull report (HTML, CSV, JSON): ${link}\n` +
      (report.incompleteMonths.length > 0
        ? `Incomplete months: ${report.incompleteMonths.join(', ')}.\n`
        : ''),
  );
  return { month, keys, notes: fetched.notes };
}

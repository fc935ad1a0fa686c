/**
 * CSV output that opens cleanly in Excel: UTF-8 with BOM, CRLF line ends, one header row, ISO
 * dates (YYYY-MM-DD, the first day of each month), GBP as plain numbers with 2 decimals. One file
 * per table; every file carries the report's status columns so incomplete data stays marked.
 */
import type { BreakdownLine, CostReport } from '../comparison/types';
import { monthStart } from './display';

export const CSV_BOM = '\uFEFF';

function cell(value: string | number | boolean | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  // Text that Excel would run as a formula is prefixed with an apostrophe; numbers are left alone.
  if (/^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return CSV_BOM + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

function breakdownCsv(
  lines: readonly BreakdownLine[],
  total: CostReport['byWave']['total'],
  idHeader: string,
  r: CostReport,
): string {
  const status = r.incompleteMonths.length > 0 ? 'includes incomplete months' : 'complete';
  const note = (l: BreakdownLine) =>
    l.unknownTag ? 'tag value not in plan' : l.shared ? 'shared legacy costs' : (l.notes ?? '');
  return csv(
    [
      idHeader,
      'name',
      'aws_gbp_to_date',
      'legacy_paid_gbp_to_date',
      'one_off_gbp_to_date',
      'legacy_counterfactual_gbp_to_date',
      'saving_gbp_to_date',
      'aws_gbp_forecast_to_agreement_end',
      'note',
      'data_status',
    ],
    [
      ...lines.map((l) => [
        l.key ?? 'untagged',
        l.label,
        l.aws,
        l.legacyPaid,
        l.oneOff,
        l.counterfactual,
        l.saving,
        l.awsForecast,
        note(l),
        status,
      ]),
      [
        'total',
        'Total',
        total.aws,
        total.legacyPaid,
        total.oneOff,
        total.counterfactual,
        total.saving,
        total.awsForecast,
        '',
        status,
      ],
    ],
  );
}

/** File name -> contents, for every table in the report. */
export function renderCsv(r: CostReport): Record<string, string> {
  const status = r.incompleteMonths.length > 0 ? 'includes incomplete months' : 'complete';
  return {
    'months.csv': csv(
      [
        'month_start',
        'kind',
        'complete',
        'incomplete_reason',
        'usd_to_gbp',
        'aws_gbp',
        'legacy_counterfactual_gbp',
        'legacy_paid_gbp',
        'one_off_gbp',
        'saving_gbp',
        'cumulative_saving_gbp',
      ],
      [
        ...r.months.map((m) => [
          monthStart(m.month),
          m.kind,
          m.complete ? 'yes' : 'no',
          m.incompleteReason ?? (m.kind === 'forecast' ? 'forecast' : ''),
          m.usdToGbp,
          m.aws,
          m.counterfactual,
          m.legacyPaid,
          m.oneOff,
          m.saving,
          m.cumulativeSaving,
        ]),
        [
          'total to date',
          'actual',
          '',
          status,
          '',
          r.totals.toDate.aws,
          r.totals.toDate.counterfactual,
          r.totals.toDate.legacyPaid,
          r.totals.toDate.oneOff,
          r.totals.toDate.saving,
          '',
        ],
        [
          'total agreement',
          'actual+forecast',
          '',
          r.forecastBasis,
          '',
          r.totals.agreement.aws,
          r.totals.agreement.counterfactual,
          r.totals.agreement.legacyPaid,
          r.totals.agreement.oneOff,
          r.totals.agreement.saving,
          '',
        ],
      ],
    ),
    'by-application.csv': breakdownCsv(r.byApplication.lines, r.byApplication.total, 'application', r),
    'by-wave.csv': breakdownCsv(r.byWave.lines, r.byWave.total, 'wave', r),
    'top-services.csv': csv(
      ['service', 'aws_gbp_to_date', 'data_status'],
      [...r.topServices.lines.map((s) => [s.service, s.aws, status]), ['Total', r.topServices.total, status]],
    ),
    'summary.csv': csv(
      ['item', 'value'],
      [
        ['estate', r.estate.name],
        ['report_month_start', monthStart(r.reportMonth)],
        ['generated_on', r.generatedOn],
        ['agreement_start', monthStart(r.agreement.start)],
        ['agreement_end', monthStart(r.agreement.end)],
        ['aws_gbp_to_date', r.headline.awsToDate],
        ['legacy_paid_gbp_to_date', r.headline.legacyPaidToDate],
        ['one_off_gbp_to_date', r.headline.oneOffToDate],
        ['legacy_counterfactual_gbp_to_date', r.headline.counterfactualToDate],
        ['saving_gbp_to_date', r.headline.savingToDate],
        ['forecast_saving_gbp_at_agreement_end', r.headline.forecastSavingAtEnd],
        [
          'break_even_month_start',
          r.headline.breakEvenMonth ? monthStart(r.headline.breakEvenMonth) : 'not within the agreement',
        ],
        ['break_even_is_forecast', r.headline.breakEvenIsForecast ? 'yes' : 'no'],
        ['untagged_aws_gbp_to_date', r.headline.untaggedToDate],
        ['forecast_basis', r.forecastBasis],
        ['sample_data', r.sampleData ? 'yes - sample data, not your bill' : 'no'],
        ['incomplete_months', r.incompleteMonths.join(' ')],
      ],
    ),
  };
}

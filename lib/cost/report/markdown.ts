/** A short Markdown summary for an email, from the same CostReport. */
import type { CostReport } from '../comparison/types';
import { gbp, monthLabel } from './display';

export function renderMarkdown(r: CostReport): string {
  const h = r.headline;
  const out: string[] = [];
  out.push(`# ${r.estate.name}: AWS cost against the legacy baseline, ${monthLabel(r.reportMonth)}`);
  out.push('');
  if (r.sampleData)
    out.push('> **SAMPLE DATA, NOT YOUR BILL.** The AWS figures below were generated from the plan.', '');
  if (r.incompleteMonths.length > 0) {
    out.push(`> **Incomplete data:** ${r.incompleteMonths.join(', ')} (figures will change).`, '');
  }
  const breakEven = h.breakEvenMonth
    ? `${monthLabel(h.breakEvenMonth)}${h.breakEvenIsForecast ? ' (forecast)' : ''}`
    : 'not within the agreement';
  out.push(
    '| Figure | GBP |',
    '| --- | ---: |',
    `| AWS spend to date | ${gbp(h.awsToDate)} |`,
    `| Legacy costs still paid to date | ${gbp(h.legacyPaidToDate)} |`,
    `| One-off migration costs to date | ${gbp(h.oneOffToDate)} |`,
    `| Baseline: what legacy would have cost to date | ${gbp(h.counterfactualToDate)} |`,
    `| **Saving to date** | **${gbp(h.savingToDate)}** |`,
    `| Forecast saving by ${monthLabel(r.agreement.end)} | ${gbp(h.forecastSavingAtEnd)} |`,
    `| Untagged AWS spend to date | ${gbp(h.untaggedToDate)} |`,
    '',
    `Break-even: **${breakEven}**. Agreement ${monthLabel(r.agreement.start)} to ${monthLabel(r.agreement.end)}; migration started ${monthLabel(r.migrationStart)}.`,
    '',
    `Forecast basis: ${r.forecastBasisText}`,
    '',
    `Rounding: ${r.roundingRule}`,
    '',
  );
  if (r.caveats.length > 0) {
    out.push('Caveats:', '', ...r.caveats.map((c) => `- ${c}`), '');
  }
  return out.join('\n');
}

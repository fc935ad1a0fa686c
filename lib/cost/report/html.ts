/**
 * A self-contained HTML page for finance: inline CSS and SVG, no external assets, printable.
 * Elements holding figures carry `data-testid` and `data-value` (the exact decimal string) so tests
 * and scripts can read the numbers without parsing display text.
 */
import type { Breakdown, CostReport } from '../comparison/types';
import { cumulativeChart, monthlyChart } from './private/svg';
import { REPORT_CSS } from './private/style';
import { escapeHtml as e, gbp, monthLabel } from './display';

function money(amount: string, testid?: string): string {
  const cls = amount.startsWith('-') ? 'num neg' : 'num';
  return `<td class="${cls}"${testid ? ` data-testid="${e(testid)}"` : ''} data-value="${e(amount)}">${e(gbp(amount))}</td>`;
}

function card(label: string, amount: string, testid: string, key = false): string {
  return `<div class="card${key ? ' key' : ''}"><div class="label">${e(label)}</div><div class="value${amount.startsWith('-') ? ' neg' : ''}" data-testid="${testid}" data-value="${e(amount)}">${e(gbp(amount))}</div></div>`;
}

function breakdownTable(b: Breakdown, idLabel: string, testid: string): string {
  const rows = b.lines
    .map((l) => {
      const note = l.unknownTag ? ' <em>(tag not in plan)</em>' : '';
      const sub = l.notes ? `<br><small>${e(l.notes)}</small>` : '';
      const id = l.key ?? 'untagged';
      return `<tr><td><strong>${e(l.key ?? 'untagged')}</strong><br><small>${e(l.label)}</small>${note}${sub}</td>${money(l.aws, `${testid}-aws-${id}`)}${money(l.legacyPaid)}${money(l.oneOff)}${money(l.counterfactual)}${money(l.saving, `${testid}-saving-${id}`)}${money(l.awsForecast)}</tr>`;
    })
    .join('\n');
  const t = b.total;
  return `<table data-testid="${testid}"><thead><tr><th>${e(idLabel)}</th><th class="num">AWS to date</th><th class="num">Legacy paid to date</th><th class="num">One-off to date</th><th class="num">Baseline to date</th><th class="num">Saving to date</th><th class="num">AWS forecast to end</th></tr></thead>
<tbody>${rows}
<tr class="total"><td>Total</td>${money(t.aws, `${testid}-total-aws`)}${money(t.legacyPaid)}${money(t.oneOff)}${money(t.counterfactual)}${money(t.saving, `${testid}-total-saving`)}${money(t.awsForecast)}</tr></tbody></table>`;
}

export function renderHtml(r: CostReport): string {
  const h = r.headline;
  const breakEven = h.breakEvenMonth
    ? `${monthLabel(h.breakEvenMonth)}${h.breakEvenIsForecast ? ' (forecast)' : ''}`
    : 'Not within the agreement';
  const monthRows = r.months
    .map((m) => {
      const cls = m.kind === 'forecast' ? 'forecast' : m.complete ? '' : 'incomplete';
      const status =
        m.kind === 'forecast'
          ? 'forecast'
          : m.complete
            ? 'actual'
            : `incomplete: ${m.incompleteReason ?? ''}`;
      return `<tr class="${cls}" data-month="${m.month}"><td>${e(monthLabel(m.month))}</td><td>${e(status)}</td><td class="num">${e(m.usdToGbp)}</td>${money(m.aws)}${money(m.legacyPaid)}${money(m.oneOff)}${money(m.counterfactual)}${money(m.saving)}${money(m.cumulativeSaving)}</tr>`;
    })
    .join('\n');
  const t = r.totals;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(r.estate.name)}: AWS cost against the legacy baseline, ${e(monthLabel(r.reportMonth))}</title>
<style>${REPORT_CSS}</style>
</head>
<body data-report-month="${e(r.reportMonth)}" data-sample-data="${r.sampleData}">
<h1>${e(r.estate.name)}: AWS cost against the legacy baseline</h1>
<p class="sub">Report month <strong>${e(monthLabel(r.reportMonth))}</strong> &middot; agreement ${e(monthLabel(r.agreement.start))} to ${e(monthLabel(r.agreement.end))} &middot; migration started ${e(monthLabel(r.migrationStart))} &middot; produced ${e(r.generatedOn)} &middot; all amounts in GBP</p>
${r.sampleData ? '<div class="banner" data-testid="sample-data-banner">SAMPLE DATA, NOT YOUR BILL: the AWS spend shown was generated from the plan. Run with --focus DIR or --source cost-explorer for real figures.</div>' : ''}
${r.incompleteMonths.length > 0 ? `<div class="banner warn" data-testid="incomplete-banner">Incomplete data for ${e(r.incompleteMonths.map(monthLabel).join(', '))}: these figures will change.</div>` : ''}
<h2>Headline</h2>
<div class="cards">
${card('AWS spend to date', h.awsToDate, 'headline-aws-to-date')}
${card('Legacy costs still paid to date', h.legacyPaidToDate, 'headline-legacy-paid-to-date')}
${card('One-off migration costs to date', h.oneOffToDate, 'headline-one-off-to-date')}
${card('Baseline: what legacy would have cost to date', h.counterfactualToDate, 'headline-counterfactual-to-date')}
${card('Saving to date', h.savingToDate, 'headline-saving-to-date', true)}
${card(`Forecast saving by ${monthLabel(r.agreement.end)}`, h.forecastSavingAtEnd, 'headline-forecast-saving', true)}
${card('Untagged AWS spend to date', h.untaggedToDate, 'headline-untagged-to-date')}
<div class="card key"><div class="label">Break-even</div><div class="value" data-testid="headline-break-even" data-value="${e(h.breakEvenMonth ?? '')}">${e(breakEven)}</div></div>
</div>
<h2>Monthly cost against the baseline</h2>
<p class="legend"><span><i style="background:var(--aws)"></i>AWS</span><span><i style="background:var(--legacy)"></i>Legacy still paid</span><span><i style="background:var(--oneoff)"></i>One-off</span><span><i style="background:var(--base)"></i>Baseline (legacy had nothing moved)</span><span>Pale bars: forecast; dashed outline: incomplete month</span></p>
${monthlyChart(r)}
<h2>Cumulative saving</h2>
<p class="legend"><span>Solid: actual; dashed: forecast (${e(r.forecastBasis)}); dot: break-even</span></p>
${cumulativeChart(r)}
<h2>By month</h2>
<table data-testid="months"><thead><tr><th>Month</th><th>Status</th><th class="num">USD→GBP</th><th class="num">AWS</th><th class="num">Legacy paid</th><th class="num">One-off</th><th class="num">Baseline</th><th class="num">Saving</th><th class="num">Cumulative</th></tr></thead>
<tbody>${monthRows}
<tr class="total"><td>Total to date</td><td></td><td></td>${money(t.toDate.aws, 'months-total-aws')}${money(t.toDate.legacyPaid)}${money(t.toDate.oneOff)}${money(t.toDate.counterfactual)}${money(t.toDate.saving, 'months-total-saving')}<td></td></tr>
<tr class="total"><td>Total agreement</td><td>${e(r.forecastBasis)}</td><td></td>${money(t.agreement.aws)}${money(t.agreement.legacyPaid)}${money(t.agreement.oneOff)}${money(t.agreement.counterfactual)}${money(t.agreement.saving)}<td></td></tr>
</tbody></table>
<h2>By application</h2>
${breakdownTable(r.byApplication, 'Application', 'by-application')}
<h2>By wave</h2>
${breakdownTable(r.byWave, 'Wave', 'by-wave')}
<h2>Top services (to date)</h2>
<table data-testid="top-services"><thead><tr><th>Service</th><th class="num">AWS to date</th></tr></thead><tbody>
${r.topServices.lines.map((s) => `<tr><td>${e(s.service)}</td>${money(s.aws)}</tr>`).join('\n')}
<tr class="total"><td>Total</td>${money(r.topServices.total, 'top-services-total')}</tr></tbody></table>
<h2>Data sources and freshness</h2>
<table data-testid="sources"><thead><tr><th>Source</th><th>What</th><th>As of</th><th>Data through</th></tr></thead><tbody>
${r.sources.map((s) => `<tr><td>${e(s.name)}</td><td>${e(s.description)}</td><td>${e(s.asOf)}</td><td>${e(s.dataThrough ?? '-')}</td></tr>`).join('\n')}
</tbody></table>
<h2>Exchange rates used</h2>
<table data-testid="rates"><thead><tr><th>From</th><th class="num">GBP per USD</th><th>Source</th><th>Months</th></tr></thead><tbody>
${r.ratesUsed.map((x) => `<tr><td>${e(x.from)}</td><td class="num">${e(x.usdToGbp)}</td><td>${e(x.source)}</td><td>${e(`${x.months[0]} to ${x.months[x.months.length - 1]} (${x.months.length})`)}</td></tr>`).join('\n')}
</tbody></table>
<h2>Method and caveats</h2>
<ul class="caveats" data-testid="caveats">
${r.caveats.map((c) => `<li>${e(c)}</li>`).join('\n')}
<li>Rounding: ${e(r.roundingRule)}</li>
<li>Legacy costs fall away after the decommission month of what they belong to (estate: last wave; applications: last wave holding their servers or databases; waves: last of those waves), or after the contract's end month if earlier. Baseline month ${e(r.baselineMonth)}, annual inflation ${e(String(r.annualInflationPercent))}%.</li>
${r.reconciliation.map((c) => `<li>${e(c)}</li>`).join('\n')}
</ul>
<footer>Generated by the estate CLI (cost report) on ${e(r.generatedOn)}. Figures in GBP; AWS bills in USD converted at the rates above.</footer>
</body>
</html>
`;
}

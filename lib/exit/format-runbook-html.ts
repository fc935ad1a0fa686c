/** The exit runbook as one self-contained HTML page (no scripts, no external assets). */
import { escapeHtml as h } from './private/html';
import type { ExitPlan } from './exit-plan';

export function renderRunbookHtml(plan: ExitPlan): string {
  const t = plan.totals;
  const rows = plan.items
    .map(
      (i, n) =>
        `<tr class="${i.readiness}"><td>${n + 1}</td><td>${h(i.type)}</td><td><a href="#${h(i.id)}">${h(i.id)}</a></td><td>${h(i.wave)}</td>` +
        `<td>${h(i.route)}</td><td>${h(i.formats.join(', '))}</td><td>${h(i.readiness)}</td><td class="n">${i.score}</td>` +
        `<td class="n">${i.volumeGiB}</td><td class="n">${i.hours}</td><td class="n">${i.totalUsd}</td><td class="n">${i.totalWithWaiverUsd}</td></tr>`,
    )
    .join('\n');
  const sections = plan.items
    .map(
      (i, n) =>
        `<section id="${h(i.id)}"><h3>${n + 1}. ${h(i.type)} ${h(i.id)} (${h(i.wave)}): ${h(i.route)}, ${h(i.readiness)}</h3>` +
        `<p>Came in by <b>${h(i.entryRoute)}</b>; leaves as <b>${h(i.formats.join(', '))}</b>${i.reversesEntry ? ' (the way it came)' : ''}: ${h(i.reason)}.</p>` +
        (i.blockers.length > 0
          ? `<ul>${i.blockers.map((b) => `<li><b>${b.severity === 'blocks' ? 'Blocked' : 'Degraded'}</b> (${h(b.code)}): ${h(b.message)}.</li>`).join('')}</ul>`
          : '') +
        `<ol>${i.steps.map((s) => `<li><code>${h(s)}</code></li>`).join('')}</ol></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Exit runbook: ${h(plan.estate.name)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.25rem .5rem}td.n{text-align:right}tr.degraded td{background:#fff6d6}tr.blocked td{background:#fde0e0}code{white-space:pre-wrap}</style></head>
<body><h1>Exit runbook: ${h(plan.estate.name)}</h1>
<p>Every server and database on AWS, in the order it leaves (last wave first; within a wave, an item leaves before what it depends on). Exports go to the exit bucket <code>${h(plan.bucket)}</code> (${h(plan.estate.region)}).</p>
<h2>Totals</h2>
<table><tr><th>Items</th><th>Ready</th><th>Degraded</th><th>Blocked</th><th>Volume (GiB)</th><th>Hours (sum)</th><th>Egress (USD)</th><th>Storage (USD)</th><th>Staging (USD)</th><th>Snapshot export (USD)</th><th>Total (USD)</th><th>Total with waiver (USD)</th></tr>
<tr><td class="n">${t.items}</td><td class="n">${t.ready}</td><td class="n">${t.degraded}</td><td class="n">${t.blocked}</td><td class="n">${t.volumeGiB}</td><td class="n">${t.hours}</td><td class="n">${t.egressUsd}</td><td class="n">${t.storageUsd}</td><td class="n">${t.stagingUsd}</td><td class="n">${t.snapshotExportUsd}</td><td class="n">${t.totalUsd}</td><td class="n">${t.totalWithWaiverUsd}</td></tr></table>
<h2>Waves (leaving order)</h2>
<table><tr><th>Wave</th><th>Items</th><th>Volume (GiB)</th><th>Elapsed hours (with quotas)</th></tr>
${plan.waves.map((w) => `<tr><td>${h(w.wave)}</td><td class="n">${w.items}</td><td class="n">${w.volumeGiB}</td><td class="n">${w.elapsedHours}</td></tr>`).join('\n')}</table>
<h2>Assumptions</h2>
<ul>${plan.assumptionLines.map((l) => `<li>${h(l)}</li>`).join('')}</ul>
<h2>Not on AWS (no exit route needed)</h2>
<ul>${plan.notOnAws.map((x) => `<li>${h(x.type)} ${h(x.id)} (${h(x.wave)}, ${h(x.strategy)}): ${h(x.reason)}.</li>`).join('') || '<li>None.</li>'}</ul>
<h2>Items</h2>
<table><tr><th>#</th><th>Type</th><th>Id</th><th>Wave</th><th>Route</th><th>Formats</th><th>Readiness</th><th>Score</th><th>GiB</th><th>Hours</th><th>USD</th><th>USD with waiver</th></tr>
${rows}</table>
${sections}
</body></html>
`;
}

import { NCSC_PRINCIPLES } from '../ncsc-principles';
import type { AuditMeta } from './audit-meta';
import type { AuditRow, StatusCounts } from './audit-row';
import type { Audit } from './build-audit';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const COUNT_COLUMNS: readonly (keyof StatusCounts)[] = [
  'unsuppressedErrors',
  'warnings',
  'fail',
  'error',
  'suppressed',
  'pass',
  'not-applicable',
];
const COUNT_HEADINGS: Readonly<Record<keyof StatusCounts, string>> = {
  unsuppressedErrors: 'Unsuppressed errors',
  warnings: 'Warnings',
  fail: 'Fail',
  error: 'Could not evaluate',
  suppressed: 'Suppressed',
  pass: 'Pass',
  'not-applicable': 'Not applicable',
};

function summaryTable(
  id: string,
  heading: string,
  label: string,
  groups: Readonly<Record<string, StatusCounts>>,
  totals: StatusCounts,
): string {
  const head = `<tr><th>${label}</th>${COUNT_COLUMNS.map((c) => `<th>${COUNT_HEADINGS[c]}</th>`).join('')}</tr>`;
  const row = (name: string, c: StatusCounts, cls = '') =>
    `<tr class="${cls}" data-name="${esc(name)}"><th scope="row">${esc(name)}</th>${COUNT_COLUMNS.map(
      (k) => `<td data-count="${k}">${c[k]}</td>`,
    ).join('')}</tr>`;
  const body = Object.keys(groups)
    .sort()
    .map((name) => row(name, groups[name]!))
    .join('\n');
  return `<h2>${heading}</h2>
<table id="${id}"><thead>${head}</thead><tbody>
${body}
${row('Total', totals, 'total')}
</tbody></table>`;
}

function statusLabel(r: AuditRow): string {
  if (r.status === 'not-applicable') return 'not applicable';
  if (r.status === 'error') return 'could not evaluate';
  return r.status;
}

function findingRow(r: AuditRow): string {
  return `<tr class="status-${r.status} level-${r.level}"><td>${esc(r.pack)}</td><td>${esc(r.ruleId)}</td><td class="path">${esc(
    r.resourcePath || '(whole app)',
  )}</td><td>${esc(r.level)}</td><td>${esc(r.ncsc)}</td><td class="status">${esc(statusLabel(r))}</td><td>${esc(
    r.description,
  )}${r.reason ? `<br><em>${esc(r.reason)}</em>` : ''}</td></tr>`;
}

/** A self-contained HTML page: summary per pack and per stack, then every finding. */
export function formatAuditHtml(audit: Audit, meta: AuditMeta): string {
  const t = audit.totals;
  const verdict =
    t.unsuppressedErrors === 0
      ? '<p class="verdict ok">No unsuppressed errors.</p>'
      : `<p class="verdict bad"><strong>${t.unsuppressedErrors}</strong> unsuppressed error(s): listed first below.</p>`;
  const principles = Object.entries(NCSC_PRINCIPLES)
    .map(([n, name]) => `<li value="${n}">${esc(name)}</li>`)
    .join('');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Compliance audit — ${esc(meta.estate)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem;color:#0b0c0c}
table{border-collapse:collapse;margin:0 0 2rem;font-size:.85rem}
th,td{border:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#f3f2f1}
tr.total th,tr.total td{font-weight:bold;background:#f3f2f1}
td.path{font-family:monospace;word-break:break-all}
tr.status-fail.level-error td.status,tr.status-error.level-error td.status{background:#f6d7d2;font-weight:bold}
tr.status-suppressed td.status{background:#fff7bf}
tr.status-pass td.status{background:#cce2d8}
.verdict.ok{color:#00703c}.verdict.bad{color:#d4351c}
</style></head><body>
<h1>Compliance audit: ${esc(meta.estate)}</h1>
<p>Generated ${esc(meta.generatedAt)}. Register: <code>${esc(meta.registerFile)}</code>. Control Tower proactive controls: ${
    meta.controlTower ? 'run' : 'not run'
  }.</p>
${verdict}
${
  meta.breakGlass
    ? `<p id="break-glass" class="verdict bad">Break glass: synthesized with expired acceptances because &ldquo;${esc(meta.breakGlass)}&rdquo;.</p>`
    : ''
}${
    meta.expired.length > 0
      ? `<h2>Expired acceptances (the audit fails until each is reviewed)</h2><ul id="expired">${meta.expired.map((u) => `<li>${esc(u)}</li>`).join('')}</ul>`
      : ''
  }
<p id="totals" data-rows="${audit.rows.length}" data-unsuppressed-errors="${t.unsuppressedErrors}">${audit.rows.length} rows.</p>
${
  (meta.planWarnings ?? []).length > 0
    ? `<h2>Plan warnings</h2><ul id="plan-warnings">${(meta.planWarnings ?? []).map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
    : ''
}
${summaryTable('summary-packs', 'Summary per pack', 'Pack', audit.byPack, t)}
${summaryTable('summary-stacks', 'Summary per stack', 'Stack', audit.byStack, t)}
${
  audit.unusedSuppressions.length > 0
    ? `<h2>Register entries that suppressed nothing</h2><ul id="unused">${audit.unusedSuppressions.map((u) => `<li>${esc(u)}</li>`).join('')}</ul>`
    : ''
}
<h2>NCSC Cloud Security Principles</h2><ol>${principles}</ol>
<h2>Findings</h2>
<p>Not-applicable rows are listed once per rule that applied to no resource in the app.</p>
<table id="findings"><thead><tr><th>Pack</th><th>Rule</th><th>Resource</th><th>Level</th><th>NCSC</th><th>Status</th><th>Finding / reason</th></tr></thead><tbody>
${audit.rows.map(findingRow).join('\n')}
</tbody></table>
</body></html>
`;
}

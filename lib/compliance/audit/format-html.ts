import { NCSC_PRINCIPLES } from '../ncsc-principles';
import type { AuditMeta } from './audit-meta';
import { isUnsuppressedError, type AuditRow, type StatusCounts } from './audit-row';
import type { Audit } from './build-audit';
import { auditGroups, type AuditGroup } from './audit-groups';
import { AUDIT_PAGE_SCRIPT } from './audit-page-script';

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

/** Unsuppressed findings listed in the page itself; all of them are in the groups, CSV and JSON. */
const UNSUPPRESSED_LISTED = 500;

/** Folder (next to index.html) of the per-group row files the page loads on demand. */
export const AUDIT_CHUNK_DIR = 'findings';

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

function unsuppressedRow(r: AuditRow): string {
  return `<tr class="status-${r.status} level-${r.level}"><td>${esc(r.pack)}</td><td>${esc(r.ruleId)}</td><td class="path">${esc(
    r.resourcePath || '(whole app)',
  )}</td><td>${esc(r.ncsc)}</td><td>${esc(r.description)}</td></tr>`;
}

function groupRow(g: AuditGroup): string {
  const c = g.counts;
  return `<tr class="group" data-group="${g.index}" data-pack="${esc(g.pack)}" data-stacks="${esc(
    g.stacks.join(' '),
  )}" data-statuses="${g.statuses.join(' ')}"><td><button type="button" aria-expanded="false">Show ${g.rows}</button></td><td>${esc(
    g.pack,
  )}</td><td class="rule">${esc(g.ruleId)}</td>${COUNT_COLUMNS.map(
    (k) => `<td data-count="${k}">${c[k]}</td>`,
  ).join('')}<td>${g.stacks.length}</td></tr>`;
}

/** The page and the row files it loads: `chunks` are written under AUDIT_CHUNK_DIR. */
export interface AuditPages {
  readonly index: string;
  /** File name (inside AUDIT_CHUNK_DIR) and text of each group's rows. */
  readonly chunks: readonly { readonly file: string; readonly text: string }[];
}

/**
 * The audit as a page an auditor can open from disk: a summary first (verdict, unsuppressed
 * findings, acceptances due for review within 30 days, counts per pack, rule and stack), then the
 * findings grouped by rule (rows by stack), filterable by status, pack and stack and searchable.
 * Each group's rows are a small script file loaded when the group is opened (script files load
 * from file:// where fetch does not), so the first view stays small at any estate size.
 */
export function formatAuditPages(audit: Audit, meta: AuditMeta): AuditPages {
  const groups = auditGroups(audit.rows);
  const chunks = groups.map((g) => ({
    file: `${g.index}.js`,
    text: `window.auditChunk(${g.index},${JSON.stringify(
      g.members.map((r) => [
        r.stack,
        r.resourcePath,
        r.resourceType,
        r.level,
        r.status,
        r.ncsc,
        r.description,
        r.reason,
      ]),
    ).replace(/</g, '\\u003c')});\n`,
  }));
  return { index: formatAuditHtml(audit, meta, groups), chunks };
}

/** The page alone (see formatAuditPages). */
export function formatAuditHtml(audit: Audit, meta: AuditMeta, groups = auditGroups(audit.rows)): string {
  const t = audit.totals;
  const verdict =
    t.unsuppressedErrors === 0
      ? '<p class="verdict ok">No unsuppressed errors.</p>'
      : `<p class="verdict bad"><strong>${t.unsuppressedErrors}</strong> unsuppressed error(s): listed first below.</p>`;
  const principles = Object.entries(NCSC_PRINCIPLES)
    .map(([n, name]) => `<li value="${n}">${esc(name)}</li>`)
    .join('');
  const unsuppressed = audit.rows.filter(isUnsuppressedError);
  const byRule = Object.fromEntries(groups.map((g) => [`${g.pack} ${g.ruleId}`, g.counts]));
  const packs = [...new Set(groups.map((g) => g.pack))].sort();
  const stacks = Object.keys(audit.byStack).sort();
  const option = (v: string) => `<option value="${esc(v)}">${esc(v)}</option>`;
  const expiring = meta.expiringSoon ?? [];
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
tr.stack-heading th{background:#f3f2f1;font-family:monospace}
tr.rows>td{padding:0 0 0 2rem;border:none}
.verdict.ok{color:#00703c}.verdict.bad{color:#d4351c}
#filters{display:flex;flex-wrap:wrap;gap:1rem;align-items:end;margin:0 0 1rem}
#filters label{display:flex;flex-direction:column;font-size:.85rem}
.summary-grid{display:flex;flex-wrap:wrap;gap:0 2rem}
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
<p id="totals" data-rows="${audit.rows.length}" data-unsuppressed-errors="${t.unsuppressedErrors}" data-groups="${groups.length}">${audit.rows.length} rows in ${groups.length} rules; complete lists in <a href="findings.csv">findings.csv</a> and <a href="findings.json">findings.json</a>.</p>
<h2>Unsuppressed findings</h2>
${
  unsuppressed.length === 0
    ? '<p id="unsuppressed-none">None.</p>'
    : `<table id="unsuppressed"><thead><tr><th>Pack</th><th>Rule</th><th>Resource</th><th>NCSC</th><th>Finding</th></tr></thead><tbody>
${unsuppressed.slice(0, UNSUPPRESSED_LISTED).map(unsuppressedRow).join('\n')}
</tbody></table>${
        unsuppressed.length > UNSUPPRESSED_LISTED
          ? `<p>The first ${UNSUPPRESSED_LISTED} of ${unsuppressed.length}; every one is in findings.csv.</p>`
          : ''
      }`
}
<h2>Acceptances due for review within 30 days</h2>
${
  expiring.length === 0
    ? '<p id="expiring-none">None.</p>'
    : `<ul id="expiring">${expiring.map((e) => `<li>${esc(e)}</li>`).join('')}</ul>`
}
${
  (meta.planWarnings ?? []).length > 0
    ? `<h2>Plan warnings</h2><ul id="plan-warnings">${(meta.planWarnings ?? []).map((w) => `<li>${esc(w)}</li>`).join('')}</ul>`
    : ''
}
${summaryTable('summary-packs', 'Summary per pack', 'Pack', audit.byPack, t)}
${summaryTable('summary-stacks', 'Summary per stack', 'Stack', audit.byStack, t)}
${summaryTable('summary-rules', 'Summary per rule', 'Pack and rule', byRule, t)}
${
  audit.unusedSuppressions.length > 0
    ? `<h2>Register entries that suppressed nothing</h2><ul id="unused">${audit.unusedSuppressions.map((u) => `<li>${esc(u)}</li>`).join('')}</ul>`
    : ''
}
<h2>NCSC Cloud Security Principles</h2><ol>${principles}</ol>
<h2>Findings by rule</h2>
<p>Each rule's rows, by stack, load when you open it. Not-applicable rows are listed once per rule that applied to no resource in the app.</p>
<form id="filters" onsubmit="return false">
<label>Status<select id="filter-status"><option value="">any</option><option value="unsuppressed">unsuppressed error</option><option value="fail">fail</option><option value="error">could not evaluate</option><option value="suppressed">suppressed</option><option value="pass">pass</option><option value="not-applicable">not applicable</option></select></label>
<label>Pack<select id="filter-pack"><option value="">any</option>${packs.map(option).join('')}</select></label>
<label>Stack<select id="filter-stack"><option value="">any</option>${stacks.map(option).join('')}</select></label>
<label>Search rules and resources<input id="filter-text" type="search" placeholder="rule id, construct path, text"></label>
<button type="button" id="open-all">Open all</button>
</form>
<p id="filter-note" aria-live="polite"></p>
<table id="findings"><thead><tr><th></th><th>Pack</th><th>Rule</th>${COUNT_COLUMNS.map((c) => `<th>${COUNT_HEADINGS[c]}</th>`).join('')}<th>Stacks</th></tr></thead><tbody>
${groups.map(groupRow).join('\n')}
</tbody></table>
<script>window.AUDIT_CHUNK_DIR=${JSON.stringify(AUDIT_CHUNK_DIR)};window.AUDIT_COLUMNS=${COUNT_COLUMNS.length + 4};</script>
<script>${AUDIT_PAGE_SCRIPT}</script>
</body></html>
`;
}

import type { WaveRunbook } from './wave-runbook';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function runbookHtml(r: WaveRunbook): string {
  const title = `${r.estate}: wave ${r.wave.order} runbook (${r.wave.name})`;
  const rows = r.items
    .map(
      (i) =>
        `<tr><td>${i.kind}</td><td>${esc(i.id)}</td><td>${esc(i.name)}</td><td>${esc(i.application)}</td><td>${i.route}</td><td>${esc(i.how)}</td></tr>`,
    )
    .join('\n');
  const sections = r.sections
    .map(
      (s) =>
        `<h2>${esc(s.title)}</h2>\n<ol>\n${s.steps
          .map(
            (step) =>
              `<li>${esc(step.text)}${step.command ? `<pre><code>${esc(step.command)}</code></pre>` : ''}</li>`,
          )
          .join('\n')}\n</ol>`,
    )
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en-GB"><head><meta charset="utf-8">',
    `<title>${esc(title)}</title>`,
    '<style>body{font-family:sans-serif;max-width:70rem;margin:2rem auto}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.25rem .5rem}pre{background:#f4f4f4;padding:.5rem;white-space:pre-wrap}</style>',
    '</head><body>',
    `<h1>${esc(title)}</h1>`,
    `<p>Cut-over ${r.wave.cutover}; decommission ${r.wave.decommission}. Generated from the plan: do not edit.</p>`,
    '<h2>What moves</h2>',
    '<table><thead><tr><th>Kind</th><th>Id</th><th>Name</th><th>Application</th><th>Route</th><th>How</th></tr></thead><tbody>',
    rows,
    '</tbody></table>',
    sections,
    '</body></html>',
    '',
  ].join('\n');
}

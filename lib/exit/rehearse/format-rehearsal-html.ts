/** The rehearsal report as one self-contained HTML page (no scripts, no external assets). */
import { escapeHtml as h } from '../private/html';
import type { RehearsalReport } from './rehearsal-report';

const duration = (s: number) =>
  s >= 3600 ? `${(s / 3600).toFixed(1)} h` : s >= 60 ? `${Math.round(s / 60)} min` : `${s} s`;
const gib = (bytes?: number) => (bytes === undefined ? '' : `${(bytes / 1024 ** 3).toFixed(1)} GiB`);

export function renderRehearsalHtml(r: RehearsalReport): string {
  const m = r.measured;
  const x = r.extrapolation;
  const rows = r.servers
    .map(
      (s) =>
        `<tr><td>${h(s.server)}</td><td>${h(s.outcome)}</td><td>${h(s.route ?? '')}</td><td class="n">${s.volumeGiB}</td><td class="n">${gib(s.copiedBytes)}</td><td class="n">${gib(s.exportedBytes)}</td><td>${s.verified ? 'yes' : 'no'}</td><td class="n">${duration(s.stageSeconds)}</td><td class="n">${duration(s.exportSeconds)}</td><td class="n">$${h(s.costUsd)}</td><td>${h(s.detail ?? '')}</td></tr>`,
    )
    .join('\n');
  const steps = r.servers
    .map(
      (s) =>
        `<h3>${h(s.server)}</h3><table><tr><th>Step</th><th>Started</th><th>Finished</th><th>Took</th></tr>${s.steps
          .map(
            (t) =>
              `<tr><td>${h(t.name)}</td><td>${h(t.startedAt)}</td><td>${h(t.finishedAt ?? '')}</td><td class="n">${t.seconds === undefined ? '' : duration(t.seconds)}</td></tr>`,
          )
          .join(
            '',
          )}</table>${s.sha256 ? `<p>SHA-256 of ${h(s.objectKey ?? '')}: <code>${h(s.sha256)}</code></p>` : ''}`,
    )
    .join('\n');
  const objects = r.objects
    .map(
      (o) =>
        `<tr><td>${h(o.key)}</td><td>${h(o.status)}</td><td class="n">${o.sizeBytes ?? ''}</td><td><code>${h(o.sha256 ?? '')}</code></td><td>${h(o.detail ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Exit rehearsal: ${h(r.estate)} ${h(r.wave)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:72rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #bbb;padding:.25rem .5rem;text-align:left}.n{text-align:right}</style></head>
<body>
<h1>Exit rehearsal: ${h(r.estate)}, ${h(r.wave)}</h1>
<p>Run ${h(r.startedAt)} to ${h(r.finishedAt)} into s3://${h(r.bucket)}/. ${r.totals.exported} of ${r.totals.servers} server(s) exported and verified; ${r.totals.gib} GiB; $${h(r.totals.costUsd)}.</p>
<h2>Measured</h2>
<ul>
<li>Staging copy: ${m.stagingCopyGiBPerHour ?? 'not measured'} GiB/hour per server</li>
<li>Image export: ${m.imageExportGiBPerHour ?? 'not measured'} GiB/hour per task</li>
<li>Fixed time per server (snapshots, worker, image, checks): ${m.fixedHoursPerItem ?? 'not measured'} h</li>
<li>Cost: ${m.costUsdPerGiB ? `$${h(m.costUsdPerGiB)}/GiB` : 'not measured'}</li>
</ul>
<h2>The whole estate, extrapolated</h2>
<p>${x.servers} server(s), ${x.gib} GiB: ${x.taskHours ?? '?'} task-hours, about ${x.elapsedHours ?? '?'} hours elapsed, $${h(x.costUsd ?? '?')}. ${h(x.note)}</p>
<h2>Servers</h2>
<table><tr><th>Server</th><th>Outcome</th><th>Route</th><th>GiB</th><th>Copied</th><th>Exported</th><th>Verified</th><th>Staging</th><th>Export</th><th>Cost</th><th>Detail</th></tr>
${rows}
</table>
<h2>Objects in the exit bucket</h2>
<table><tr><th>Key</th><th>Check</th><th>Bytes</th><th>SHA-256</th><th>Detail</th></tr>
${objects}
</table>
<h2>Steps</h2>
${steps}
<h2>Rates</h2>
<ul>${r.rates.map((l) => `<li>${h(l)}</li>`).join('')}</ul>
</body></html>
`;
}

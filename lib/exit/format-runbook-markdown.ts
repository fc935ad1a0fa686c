/** The exit runbook as Markdown: totals, assumptions, then every item in leaving order. */
import type { ExitItem } from './exit-item';
import type { ExitPlan } from './exit-plan';

function md(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function itemSection(i: ExitItem, n: number): string[] {
  return [
    `### ${n}. ${i.type} \`${i.id}\` (${i.wave}) — ${i.route}, ${i.readiness} (${i.score}/100)`,
    '',
    `- Came in by **${i.entryRoute}**; leaves as **${i.formats.join(', ')}**${i.reversesEntry ? ' (the way it came)' : ''}: ${i.reason}.`,
    `- ${i.volumeGiB} GiB, about ${i.hours} h; $${i.totalUsd} ($${i.totalWithWaiverUsd} with the data-transfer waiver).`,
    ...(i.dependsOn.length > 0 ? [`- Leaves before what it depends on: ${i.dependsOn.join(', ')}.`] : []),
    ...i.blockers.map(
      (b) => `- **${b.severity === 'blocks' ? 'Blocked' : 'Degraded'}** (${b.code}): ${b.message}.`,
    ),
    '',
    ...i.steps.map((s, k) => `${k + 1}. \`${s.replace(/`/g, "'")}\``),
    '',
  ];
}

export function renderRunbookMarkdown(plan: ExitPlan): string {
  const t = plan.totals;
  return [
    `# Exit runbook: ${plan.estate.name}`,
    '',
    `Every server and database on AWS, in the order it leaves (last wave first; within a wave, an item leaves before what it depends on). Exports go to the exit bucket \`${plan.bucket}\` (${plan.estate.region}).`,
    '',
    '## Totals',
    '',
    '| Items | Ready | Degraded | Blocked | Volume (GiB) | Hours (sum) | Egress (USD) | Storage (USD) | Staging (USD) | Snapshot export (USD) | Total (USD) | Total with waiver (USD) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${t.items} | ${t.ready} | ${t.degraded} | ${t.blocked} | ${t.volumeGiB} | ${t.hours} | ${t.egressUsd} | ${t.storageUsd} | ${t.stagingUsd} | ${t.snapshotExportUsd} | ${t.totalUsd} | ${t.totalWithWaiverUsd} |`,
    '',
    '## Waves (leaving order)',
    '',
    '| Wave | Items | Volume (GiB) | Elapsed hours (with quotas) |',
    '| --- | ---: | ---: | ---: |',
    ...plan.waves.map((w) => `| ${w.wave} | ${w.items} | ${w.volumeGiB} | ${w.elapsedHours} |`),
    '',
    '## Assumptions',
    '',
    ...plan.assumptionLines.map((l) => `- ${md(l)}`),
    '',
    '## Not on AWS (no exit route needed)',
    '',
    ...(plan.notOnAws.length === 0
      ? ['None.']
      : plan.notOnAws.map((x) => `- ${x.type} \`${x.id}\` (${x.wave}, ${x.strategy}): ${x.reason}.`)),
    '',
    '## Items',
    '',
    ...plan.items.flatMap((i, n) => itemSection(i, n + 1)),
  ].join('\n');
}

import type { WaveRunbook } from './wave-runbook';

const cell = (t: string) => t.replace(/\|/g, '\\|');

export function runbookMarkdown(r: WaveRunbook): string {
  const lines = [
    `# ${r.estate}: wave ${r.wave.order} runbook (${r.wave.name})`,
    '',
    `Cut-over ${r.wave.cutover}; decommission ${r.wave.decommission}. Generated from the plan: do not edit.`,
    '',
    '## What moves',
    '',
    '| Kind | Id | Name | Application | Route | How |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.items.map(
      (i) => `| ${i.kind} | ${i.id} | ${cell(i.name)} | ${i.application} | ${i.route} | ${cell(i.how)} |`,
    ),
  ];
  for (const s of r.sections) {
    lines.push('', `## ${s.title}`, '');
    s.steps.forEach((step, n) => {
      lines.push(`${n + 1}. ${step.text}`);
      if (step.command) lines.push('', '   ```', `   ${step.command}`, '   ```');
    });
  }
  return `${lines.join('\n')}\n`;
}

/** `estate exit plan`: the exit runbook, the exit plan as CSV/JSON and the provider-neutral inventory. */
import { join } from 'node:path';
import { EXIT, stringOption, type Command } from '../command';
import { loadPlanForCli } from '../plan-load';
import { planExit } from '../../exit/exit-plan';
import { renderExitCsv, renderExitJson } from '../../exit/format-exit-csv';
import { renderRunbookHtml } from '../../exit/format-runbook-html';
import { renderRunbookMarkdown } from '../../exit/format-runbook-markdown';
import { buildInventory, renderInventoryCsv, renderInventoryJson } from '../../exit/inventory';
import { absolutePath, nodeExitFiles, writeAll, type ExitFiles } from './private/files';
import { resolvePlanDir } from '../plan-dir';

export function exitPlanCommandWith(files: ExitFiles): Command {
  return {
    path: ['exit', 'plan'],
    summary: 'Exit runbook (HTML, Markdown), exit plan (CSV, JSON) and provider-neutral inventory',
    usage: [
      'Usage: npm run estate -- exit plan [--plan DIR] [--out DIR]',
      '',
      'For every server and database on AWS: how it leaves (image export, staged export, data export,',
      'native backup, Data Pump, dump), in which open format, how long and what it costs under the stated',
      'assumptions, what blocks or degrades it, in leaving order (last wave first). Offline.',
      '',
      'Options:',
      '  --plan DIR   plan folder (default: the "plan" context value in cdk.json)',
      '  --out DIR    output folder (default: reports/exit/)',
      '',
      'Exit codes: 0 written, 2 bad plan or arguments.',
    ].join('\n'),
    options: { plan: { type: 'string' }, out: { type: 'string' } },
    async run(args, io) {
      const dir = resolvePlanDir(args, io);
      const out = absolutePath(io, stringOption(args, 'out') ?? join('reports', 'exit'));
      const plan = loadPlanForCli(dir, io);
      if (!plan) return EXIT.badInput;
      const exit = planExit(plan);
      const inventory = buildInventory(plan, exit);
      const written = writeAll(io, files, out, {
        'runbook.html': renderRunbookHtml(exit),
        'runbook.md': renderRunbookMarkdown(exit),
        'exit-plan.csv': renderExitCsv(exit),
        'exit-plan.json': renderExitJson(exit),
        'inventory.json': renderInventoryJson(inventory),
        ...Object.fromEntries(
          Object.entries(renderInventoryCsv(inventory)).map(([name, text]) => [
            join('inventory', name),
            text,
          ]),
        ),
      });
      const t = exit.totals;
      io.stdout(
        `Exit plan for ${plan.estate.name}: ${t.items} items on AWS (${t.ready} ready, ${t.degraded} degraded, ${t.blocked} blocked), ` +
          `${exit.notOnAws.length} not on AWS; ${t.volumeGiB} GiB, $${t.totalUsd} ($${t.totalWithWaiverUsd} with the data-transfer waiver).\n` +
          `Wrote:\n${written.map((w) => `  ${w}\n`).join('')}`,
      );
      return EXIT.ok;
    },
  };
}

export const exitPlanCommand = exitPlanCommandWith(nodeExitFiles);

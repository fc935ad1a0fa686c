/** `estate exit plan`: the exit runbook, the exit plan as CSV/JSON and the provider-neutral inventory. */
import { join } from 'node:path';
import { EXIT, stringOption, UsageError, type CliIo, type Command } from '../command';
import { loadPlanForCli } from '../plan-load';
import { planExit } from '../../exit/exit-plan';
import { buildEstateModel } from '../../estate-model/build-estate-model';
import { renderExitCsv, renderExitJson } from '../../exit/format-exit-csv';
import { renderRunbookHtml } from '../../exit/format-runbook-html';
import { renderRunbookMarkdown } from '../../exit/format-runbook-markdown';
import { buildInventory, renderInventoryCsv, renderInventoryJson } from '../../exit/inventory';
import { absolutePath, nodeExitFiles, writeAll, type ExitFiles } from './private/files';
import { resolvePlanDir } from '../plan-dir';
import { DEFAULT_EXIT_ASSUMPTIONS } from '../../exit/assumptions';
import { measuredAssumptions, type RehearsalReport } from '../../exit/rehearse';

/**
 * The newest rehearsal report of this estate: `--rehearsal FILE`, else the newest
 * reports/exit/rehearsals/<wave>/rehearsal.json (by its finish time).
 */
function findRehearsal(
  io: CliIo,
  files: ExitFiles,
  estate: string,
  given?: string,
): { report: RehearsalReport; path: string } | undefined {
  const read = (path: string) => {
    const text = files.read(path);
    if (text === undefined) return undefined;
    try {
      const r = JSON.parse(text) as RehearsalReport;
      return r.version === 1 && r.measured && r.extrapolation ? r : undefined;
    } catch {
      return undefined;
    }
  };
  if (given !== undefined) {
    const path = absolutePath(io, given);
    const report = read(path);
    if (!report)
      throw new UsageError(
        `exit plan: --rehearsal ${given} is not a rehearsal report (rehearsal.json written by "exit rehearse")`,
      );
    return { report, path };
  }
  const dir = absolutePath(io, join('reports', 'exit', 'rehearsals'));
  const found = (files.list?.(dir) ?? [])
    .map((wave) => join(dir, wave, 'rehearsal.json'))
    .map((path) => ({ path, report: read(path) }))
    .filter(
      (x): x is { path: string; report: RehearsalReport } =>
        x.report !== undefined && x.report.estate === estate,
    )
    .sort((a, b) => b.report.finishedAt.localeCompare(a.report.finishedAt));
  return found[0];
}

export function exitPlanCommandWith(files: ExitFiles): Command {
  return {
    path: ['exit', 'plan'],
    summary: 'Exit runbook (HTML, Markdown), exit plan (CSV, JSON) and provider-neutral inventory',
    usage: [
      'Usage: npm run estate -- exit plan [--plan DIR] [--out DIR] [--rehearsal FILE]',
      '',
      'For every server and database on AWS: how it leaves (image export, staged export, data export,',
      'native backup, Data Pump, dump), in which open format, how long and what it costs under the stated',
      'assumptions, what blocks or degrades it, in leaving order (last wave first). Offline.',
      '',
      'Options:',
      '  --plan DIR   plan folder (default: the "plan" context value in cdk.json)',
      '  --out DIR    output folder (default: reports/exit/)',
      '  --rehearsal FILE  a rehearsal report whose measured figures replace the assumed ones',
      '               (default: the newest reports/exit/rehearsals/*/rehearsal.json of this estate)',
      '',
      'Exit codes: 0 written, 2 bad plan or arguments.',
    ].join('\n'),
    options: { plan: { type: 'string' }, out: { type: 'string' }, rehearsal: { type: 'string' } },
    async run(args, io) {
      const dir = resolvePlanDir(args, io);
      const out = absolutePath(io, stringOption(args, 'out') ?? join('reports', 'exit'));
      const plan = loadPlanForCli(dir, io);
      if (!plan) return EXIT.badInput;
      const rehearsal = findRehearsal(io, files, plan.estate.id, stringOption(args, 'rehearsal'));
      const model = buildEstateModel(plan);
      const exit = planExit(
        model,
        rehearsal ? { assumptions: measuredAssumptions(DEFAULT_EXIT_ASSUMPTIONS, rehearsal.report) } : {},
      );
      const inventory = buildInventory(model, exit);
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
          (rehearsal ? `Durations use the figures measured in ${rehearsal.path}.\n` : '') +
          `Wrote:\n${written.map((w) => `  ${w}\n`).join('')}`,
      );
      return EXIT.ok;
    },
  };
}

export const exitPlanCommand = exitPlanCommandWith(nodeExitFiles);

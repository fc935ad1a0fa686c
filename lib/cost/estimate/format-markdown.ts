/** The estimate as Markdown (also what the CLI prints as its table). */
import { gbp } from '../report/display';
import type { CostEstimate, EstimateGroup } from './types';

function groupRows(groups: readonly EstimateGroup[]): string[] {
  return groups.map(
    (g) =>
      `| ${g.key ?? '-'} | ${g.label} | ${gbp(g.monthlyGbp['on-demand'])} | ${gbp(g.monthlyGbp['savings-plan-1yr'])} | ${gbp(g.monthlyGbp['savings-plan-3yr'])} | ${g.legacyMonthlyGbp ? gbp(g.legacyMonthlyGbp) : '-'} |`,
  );
}

export function renderEstimateMarkdown(e: CostEstimate): string {
  const t = e.totalMonthlyGbp;
  const head =
    '| Id | Name | On-demand | 1-yr savings plan | 3-yr savings plan | Legacy (scoped) |\n| --- | --- | ---: | ---: | ---: | ---: |';
  return [
    `# ${e.estate.name}: estimated monthly AWS cost`,
    '',
    `Before deployment, from the right-sized plan and the ${e.region} price snapshot (as of ${e.priceSnapshot.asOf}, ${e.priceSnapshot.method}). GBP per month at ${e.exchangeRate.usdToGbp} GBP/USD.`,
    '',
    '| | On-demand | 1-yr savings plan | 3-yr savings plan |',
    '| --- | ---: | ---: | ---: |',
    `| AWS per month, all waves moved | ${gbp(t['on-demand'])} | ${gbp(t['savings-plan-1yr'])} | ${gbp(t['savings-plan-3yr'])} |`,
    `| Legacy baseline per month | ${gbp(e.legacyMonthlyGbp)} | ${gbp(e.legacyMonthlyGbp)} | ${gbp(e.legacyMonthlyGbp)} |`,
    `| **Monthly saving** | **${gbp(e.monthlySavingGbp['on-demand'])}** | **${gbp(e.monthlySavingGbp['savings-plan-1yr'])}** | **${gbp(e.monthlySavingGbp['savings-plan-3yr'])}** |`,
    '',
    '## By wave',
    '',
    head,
    ...groupRows(e.byWave),
    '',
    '## By application',
    '',
    head,
    ...groupRows(e.byApplication),
    '',
    '## Resources',
    '',
    '| Kind | Id | Application | Wave | Resource | On-demand (GBP) | Why |',
    '| --- | --- | --- | --- | --- | ---: | --- |',
    ...e.items.map(
      (i) =>
        `| ${i.kind} | ${i.id} | ${i.application ?? '-'} | ${i.wave} | ${i.resource} | ${gbp(i.monthlyGbp['on-demand'])} | ${i.reason.replace(/\|/g, '/')} |`,
    ),
    '',
    e.notCosted.length > 0
      ? `Not costed (no landing zone): ${e.notCosted.map((n) => `${n.id} (${n.strategy})`).join(', ')}.`
      : 'Every server and database is costed.',
    '',
    '## Assumptions',
    '',
    ...e.assumptions.map((a) => `- ${a}`),
    `- Rounding: ${e.roundingRule}`,
    '',
  ].join('\n');
}

/** A compact plain-text table for the terminal. */
export function renderEstimateTable(e: CostEstimate): string {
  const rows: string[][] = [['Wave / application', 'On-demand', '1-yr SP', '3-yr SP']];
  for (const g of e.byWave) rows.push([`wave ${g.key}`, ...money(g)]);
  for (const g of e.byApplication) rows.push([g.key ? `app ${g.key}` : 'shared network', ...money(g)]);
  rows.push([
    'TOTAL AWS / month',
    gbp(e.totalMonthlyGbp['on-demand']),
    gbp(e.totalMonthlyGbp['savings-plan-1yr']),
    gbp(e.totalMonthlyGbp['savings-plan-3yr']),
  ]);
  rows.push([
    'Legacy baseline / month',
    gbp(e.legacyMonthlyGbp),
    gbp(e.legacyMonthlyGbp),
    gbp(e.legacyMonthlyGbp),
  ]);
  rows.push([
    'Saving / month',
    gbp(e.monthlySavingGbp['on-demand']),
    gbp(e.monthlySavingGbp['savings-plan-1yr']),
    gbp(e.monthlySavingGbp['savings-plan-3yr']),
  ]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return (
    rows
      .map((r) => r.map((v, c) => (c === 0 ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  '))
      .join('\n') + '\n'
  );
}

function money(g: EstimateGroup): string[] {
  return [
    gbp(g.monthlyGbp['on-demand']),
    gbp(g.monthlyGbp['savings-plan-1yr']),
    gbp(g.monthlyGbp['savings-plan-3yr']),
  ];
}

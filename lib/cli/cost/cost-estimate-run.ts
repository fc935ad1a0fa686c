/**
 * The cost estimate for a loaded plan: computed once, written as Markdown, CSV and JSON, and
 * printed as a table. Shared by `estate cost estimate` and the main job (which hands the same
 * estimate on to the cost report).
 */
import type { CliIo } from '../command';
import type { Plan } from '../../plan/plan';
import {
  estimateCost,
  renderEstimateCsv,
  renderEstimateJson,
  renderEstimateMarkdown,
  renderEstimateTable,
} from '../../cost/estimate';
import { bundledSnapshot } from '../../cost/pricing';
import { today } from './private/options';
import { writeOutputs } from './private/write-files';
import { buildEstateModel } from '../../estate-model';

export type EstimateFormat = 'md' | 'csv' | 'json';

export interface CostEstimateOutcome {
  readonly estimate: ReturnType<typeof estimateCost>;
  /** Files written. */
  readonly written: readonly string[];
}

/** Throws the cost errors a user sees (isUserError); the caller reports them. */
export function produceCostEstimate(
  plan: Plan,
  formats: readonly EstimateFormat[],
  out: string,
  io: CliIo,
): CostEstimateOutcome {
  const estimate = estimateCost({
    model: buildEstateModel(plan),
    snapshot: bundledSnapshot(),
    today: today(io),
  });
  const files: Record<string, string> = {};
  if (formats.includes('md')) files['cost-estimate.md'] = renderEstimateMarkdown(estimate);
  if (formats.includes('csv')) files['cost-estimate.csv'] = renderEstimateCsv(estimate);
  if (formats.includes('json')) files['cost-estimate.json'] = renderEstimateJson(estimate);
  const written = writeOutputs(io, out, files);
  io.stdout(
    `Estimated monthly AWS cost for ${plan.estate.name} (GBP, prices as of ${estimate.priceSnapshot.asOf}, ${estimate.priceSnapshot.method}):\n\n` +
      renderEstimateTable(estimate) +
      (estimate.notCosted.length > 0
        ? `\nNot costed (no landing zone): ${estimate.notCosted.length} item(s).\n`
        : '') +
      `\nWrote:\n${written.map((w) => `  ${w}\n`).join('')}`,
  );
  return { estimate, written };
}

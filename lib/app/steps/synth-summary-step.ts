import { join } from 'node:path';
import type { JobStep } from '../job';
import { formatLandingZoneSummary, formatSynthSummary, summarizeAssembly } from '../synth-summary';

/**
 * Prints per stack its resource and output counts and template size, then per wave the servers
 * and databases with their instance types (and what gets no resources), from the cloud assembly.
 */
export const synthSummaryStep: JobStep = {
  title: 'Summarizing the cloud assembly',
  async run(ctx) {
    const summary = summarizeAssembly((file) => ctx.system.readFile(join(ctx.outdir, file)));
    ctx.state.synth = summary;
    ctx.print(formatSynthSummary(summary));
    ctx.print(formatLandingZoneSummary(summary));
    return { ok: true, message: `${summary.stacks.length} stacks, ${summary.totalResources} resources` };
  },
};

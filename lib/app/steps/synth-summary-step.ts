import { join } from 'node:path';
import type { JobStep } from '../job';
import { formatSynthSummary, summarizeAssembly } from '../synth-summary';

/** Prints per stack its resource and output counts and template size, from the cloud assembly. */
export const synthSummaryStep: JobStep = {
  title: 'Summarizing the cloud assembly',
  async run(ctx) {
    const summary = summarizeAssembly((file) => ctx.system.readFile(join(ctx.outdir, file)));
    ctx.state.synth = summary;
    ctx.print(formatSynthSummary(summary));
    return { ok: true, message: `${summary.stacks.length} stacks, ${summary.totalResources} resources` };
  },
};

/** `estate migrate runbook [--wave ID]`: write each wave's runbook as Markdown and HTML. */
import { mkdirSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ESTATE_PLAN_CHECKS } from '../../app/plan-checks';
import { EXIT, type Command } from '../command';
import { runbookHtml, runbookMarkdown, waveRunbook } from '../../migration/runbook';
import { writeFileAtomic } from './private/atomic-write';
import { planDirOption, stringOption } from '../private/options';
import { loadPlanForCli } from '../plan-load';
import { waveOption } from '../private/wave-option';
import { buildEstateModel } from '../../estate-model';

export const migrateRunbookCommand: Command = {
  path: ['migrate', 'runbook'],
  summary:
    'Write wave runbooks (Markdown and HTML): pre-checks, test launch, cut-over, rollback, decommission',
  usage: [
    'Usage: npm run estate -- migrate runbook [--wave ID] [--plan DIR] [--out DIR]',
    '',
    'Writes <out>/<wave>.md and <out>/<wave>.html for one wave (or every wave): every server and',
    'database of the wave with its entry route, and the steps with the exact commands for each route.',
    '',
    'Options:',
    '  --wave ID     one wave (default: every wave)',
    '  --plan DIR    plan folder (default: the "plan" context in cdk.json)',
    '  --out DIR     output folder (default: reports/runbooks)',
  ].join('\n'),
  options: { plan: { type: 'string' }, wave: { type: 'string' }, out: { type: 'string' } },
  async run(args, io) {
    const plan = loadPlanForCli(planDirOption(args, io), io, ESTATE_PLAN_CHECKS);
    if (!plan) return EXIT.badInput;
    const one = waveOption(plan, args, false);
    const model = buildEstateModel(plan);
    const outOption = stringOption(args, 'out') ?? join('reports', 'runbooks');
    const out = isAbsolute(outOption) ? outOption : resolve(io.cwd, outOption);
    mkdirSync(out, { recursive: true });
    for (const wave of one ? [one] : plan.waves) {
      const runbook = waveRunbook(model, wave.id);
      writeFileAtomic(join(out, `${wave.id}.md`), runbookMarkdown(runbook));
      writeFileAtomic(join(out, `${wave.id}.html`), runbookHtml(runbook));
      io.stdout(`  ${join(outOption, `${wave.id}.md`)} (${runbook.items.length} items)\n`);
    }
    return EXIT.ok;
  },
};

/** `estate plan validate [dir]`: check a plan folder; one summary line, or every problem. */
import { EXIT, type Command } from './command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from './plan-dir';
import { loadPlanForCli } from './plan-load';

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const planValidateCommand: Command = {
  path: ['plan', 'validate'],
  summary: 'Check a plan folder: every problem with file:line:column, or a one-line summary',
  usage: [
    'Usage: npm run estate -- plan validate [--plan DIR | DIR]',
    '',
    'Reads estate.yaml, servers.yaml (and/or mgn-import.csv), databases.yaml and',
    'legacy-baseline.yaml in <dir> and checks structure and meaning.',
    '',
    'Options:',
    planOptionHelp(),
    '                  (or give it as the one argument: plan validate DIR)',
    '',
    'Exit codes: 0 valid, 2 problems found (each printed on its own line).',
  ].join('\n'),
  options: { ...PLAN_OPTION },
  async run(args, io) {
    const dir = resolvePlanDir(args, io, { positional: true });
    const plan = loadPlanForCli(dir, io);
    if (!plan) return EXIT.badInput;
    io.stdout(
      `Plan ${dir.shown} is valid: ${count(plan.applications.length, 'application')}, ${count(plan.waves.length, 'wave')}, ` +
        `${count(plan.servers.length, 'server')}, ${count(plan.databases.length, 'database')}\n`,
    );
    return EXIT.ok;
  },
};

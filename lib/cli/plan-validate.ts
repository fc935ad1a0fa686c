/** `estate plan validate [dir]`: check a plan folder; one summary line, or every problem. */
import { join } from 'node:path';
import { checkRegister, REGISTER_FILE } from '../compliance';
import { summarizePlanWarnings } from '../plan';
import { EXIT, type Command } from './command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from './plan-dir';
import { printPlanProblems, tryLoadPlan } from './plan-load';

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export const planValidateCommand: Command = {
  path: ['plan', 'validate'],
  summary: 'Check a plan folder: every problem with file:line:column, or a one-line summary',
  usage: [
    'Usage: npm run estate -- plan validate [--plan DIR | DIR] [--verbose]',
    '',
    'Reads estate.yaml, servers.yaml (and/or mgn-import.csv), databases.yaml, legacy-baseline.yaml',
    'and compliance-register.yaml (when present) in the plan folder and checks structure and meaning.',
    '',
    'Options:',
    planOptionHelp(),
    '                  (or give it as the one argument: plan validate DIR)',
    '',
    'Warnings (valid, but someone should decide: software leaving support, VPC-wide flow sources,',
    'quotas) are printed to stderr and do not change the exit code. The same warning about many',
    'items prints once, with the count and the first few locations; --verbose prints every one.',
    '',
    '  --verbose       every warning on its own line',
    '',
    'Exit codes: 0 valid, 2 problems found (each printed on its own line).',
  ].join('\n'),
  options: { ...PLAN_OPTION, verbose: { type: 'boolean' } },
  async run(args, io) {
    const dir = resolvePlanDir(args, io, { positional: true });
    const loaded = tryLoadPlan(dir);
    const problems = [
      ...loaded.problems,
      ...checkRegister(join(dir.absolute, REGISTER_FILE), loaded.plan?.estate.id, io.now()),
    ];
    const plan = loaded.plan;
    if (!plan || problems.length > 0) {
      printPlanProblems(dir, problems, io);
      return EXIT.badInput;
    }
    io.stdout(
      `Plan ${dir.shown} is valid: ${count(plan.applications.length, 'application')}, ${count(plan.waves.length, 'wave')}, ` +
        `${count(plan.servers.length, 'server')}, ${count(plan.databases.length, 'database')}` +
        `${plan.warnings.length > 0 ? `; ${count(plan.warnings.length, 'warning')}` : ''}\n`,
    );
    for (const w of summarizePlanWarnings(plan.warnings, { verbose: args.values.verbose === true }))
      io.stderr(`${w}\n`);
    return EXIT.ok;
  },
};

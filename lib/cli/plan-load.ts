/** Loads the plan for a plan command, printing problems (exit 2) the one way every command does. */
import { ESTATE_PLAN_CHECKS, ESTATE_PLAN_WARNINGS } from '../app/plan-checks';
import { loadPlan, PlanError, type Plan } from '../plan';
import type { CliIo } from './command';
import type { PlanDir } from './plan-dir';

/** The loaded plan, or undefined after printing every problem to stderr. */
export function loadPlanForCli(dir: PlanDir, io: CliIo): Plan | undefined {
  try {
    return loadPlan(dir.absolute, {
      name: dir.shown,
      checks: ESTATE_PLAN_CHECKS,
      warnings: ESTATE_PLAN_WARNINGS,
    });
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    const n = e.problems.length;
    io.stderr(
      `Plan ${dir.shown} has ${n} problem${n === 1 ? '' : 's'}:\n${e
        .lines()
        .map((l) => `  ${l}\n`)
        .join('')}`,
    );
    return undefined;
  }
}

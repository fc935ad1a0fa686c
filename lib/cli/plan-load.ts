/** Loads the plan for a plan command, printing problems (exit 2) the one way every command does. */
import { ESTATE_PLAN_CHECKS } from '../app/plan-checks';
import { loadPlan, PlanError, type CapabilityCheck, type Plan } from '../plan';
import type { CliIo } from './command';
import type { PlanDir } from './plan-dir';

/**
 * The loaded plan, or undefined after printing every problem to stderr.
 * @param checks whole-plan checks to run @default ESTATE_PLAN_CHECKS
 */
export function loadPlanForCli(
  dir: PlanDir,
  io: CliIo,
  checks: readonly CapabilityCheck[] = ESTATE_PLAN_CHECKS,
): Plan | undefined {
  try {
    return loadPlan(dir.absolute, { name: dir.shown, checks });
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

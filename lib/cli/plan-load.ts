/** Loads the plan for a plan command, printing problems (exit 2) the one way every command does. */
import { ESTATE_PLAN_CHECKS, ESTATE_PLAN_WARNINGS } from '../app/plan-checks';
import {
  loadPlan,
  PlanError,
  formatProblem,
  type CapabilityCheck,
  type Plan,
  type PlanProblem,
} from '../plan';
import type { CliIo } from './command';
import type { PlanDir } from './plan-dir';

/** Prints a plan's problems to stderr, one per line under a count. */
export function printPlanProblems(dir: PlanDir, problems: readonly PlanProblem[], io: CliIo): void {
  const n = problems.length;
  io.stderr(
    `Plan ${dir.shown} has ${n} problem${n === 1 ? '' : 's'}:\n${problems
      .map((p) => `  ${formatProblem(p)}\n`)
      .join('')}`,
  );
}

/**
 * The plan, or its problems (thrown by the loader) when it cannot be loaded.
 * @param checks whole-plan checks to run @default ESTATE_PLAN_CHECKS
 */
export function tryLoadPlan(
  dir: PlanDir,
  checks: readonly CapabilityCheck[] = ESTATE_PLAN_CHECKS,
): {
  readonly plan?: Plan;
  readonly problems: readonly PlanProblem[];
} {
  try {
    return {
      plan: loadPlan(dir.absolute, { name: dir.shown, checks, warnings: ESTATE_PLAN_WARNINGS }),
      problems: [],
    };
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    return { problems: e.problems };
  }
}

/**
 * The loaded plan, or undefined after printing every problem to stderr.
 * @param checks whole-plan checks to run @default ESTATE_PLAN_CHECKS
 */
export function loadPlanForCli(
  dir: PlanDir,
  io: CliIo,
  checks: readonly CapabilityCheck[] = ESTATE_PLAN_CHECKS,
): Plan | undefined {
  const { plan, problems } = tryLoadPlan(dir, checks);
  if (!plan) printPlanProblems(dir, problems, io);
  return plan;
}

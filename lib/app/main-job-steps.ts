/**
 * The steps of the main job (`npm start`), in the order they run. One pass: the plan is loaded
 * and the tree built once (step 1), synthesized once (step 2); steps 3 to 5 read what those
 * produced. Add a step by adding one entry.
 */
import { costReportStep } from '../cost/cli/job-step';
import type { JobStep } from './job';
import { auditStep, checkPlanStep, synthStep, synthSummaryStep } from './steps';

/** @param now the wall clock (the cost report month). */
export function mainJobSteps(now: () => Date): readonly JobStep[] {
  return [
    checkPlanStep,
    synthStep,
    synthSummaryStep,
    costReportStep(now),
    auditStep, // audits the assembly synthesized in step 2; report in reports/audit/
  ];
}

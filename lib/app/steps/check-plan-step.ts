import { App, Stack } from 'aws-cdk-lib';
import { isAbsolute, join } from 'node:path';
import { loadPlan, PlanError } from '../../plan';
import { buildEstateApp } from '../estate-app';
import type { JobStep } from '../job';
import { ESTATE_PLAN_CHECKS, ESTATE_PLAN_WARNINGS } from '../plan-checks';

/** Loads and validates the plan, and counts the stacks the app builds for it (nothing is synthesized). */
export const checkPlanStep: JobStep = {
  title: 'Checking the plan',
  async run(ctx) {
    const dir = isAbsolute(ctx.planDir) ? ctx.planDir : join(ctx.cwd, ctx.planDir);
    try {
      ctx.state.plan = loadPlan(dir, { checks: ESTATE_PLAN_CHECKS, warnings: ESTATE_PLAN_WARNINGS });
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      ctx.print(`${e.message}\n`);
      return {
        ok: false,
        message: `the plan in ${ctx.planDir} has ${e.problems.length} problem(s), listed above`,
        hint: `fix them in the plan files, or choose another plan with "npm start -- --plan <folder>"`,
      };
    }
    const app = new App({ context: { ...ctx.cdkContext } });
    buildEstateApp(app, ctx.state.plan);
    ctx.state.stackCount = app.node.children.filter((c) => Stack.isStack(c)).length;
    const plan = ctx.state.plan;
    return {
      ok: true,
      message: `${plan.estate.name}: ${plan.servers.length} servers, ${plan.databases.length} databases, ${plan.waves.length} waves`,
    };
  },
};

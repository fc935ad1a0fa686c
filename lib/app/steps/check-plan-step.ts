import { isAbsolute, join } from 'node:path';
import { loadDefaultRegister, loadRegister, RegisterError, REGISTER_CONTEXT_KEY } from '../../compliance';
import { loadPlan, PlanError } from '../../plan';
import { buildEstateAppForSynth } from '../estate-synth';
import type { JobContext, JobStep, StepResult } from '../job';
import { ESTATE_PLAN_CHECKS, ESTATE_PLAN_WARNINGS } from '../plan-checks';

/** Context the main job synthesizes with: cdk.json's, the plan folder, validation errors as errors. */
export function jobSynthContext(ctx: JobContext): Record<string, unknown> {
  return {
    ...ctx.cdkContext,
    plan: ctx.planDir,
    '@aws-cdk/core:validateAgainstDefaultRules': true,
  };
}

/**
 * Loads and validates the plan (once), loads the compliance register and builds the construct
 * tree (once) with the packs, the ledger and the Control Tower controls registered. Nothing is
 * synthesized yet: the next step synthesizes this tree.
 */
export const checkPlanStep: JobStep = {
  title: 'Checking the plan',
  async run(ctx): Promise<StepResult> {
    const dir = isAbsolute(ctx.planDir) ? ctx.planDir : join(ctx.cwd, ctx.planDir);
    try {
      const plan = loadPlan(dir, { checks: ESTATE_PLAN_CHECKS, warnings: ESTATE_PLAN_WARNINGS });
      ctx.state.plan = plan;
      const named: unknown = ctx.cdkContext[REGISTER_CONTEXT_KEY];
      const file = named !== undefined ? String(named) : join(ctx.planDir, 'compliance-register.yaml');
      const register =
        named !== undefined
          ? loadRegister(isAbsolute(file) ? file : join(ctx.cwd, file))
          : loadDefaultRegister(join(dir, 'compliance-register.yaml'), plan.estate.id);
      ctx.state.register = { register, file };
      // Landing-zone checks that need the whole estate throw PlanError while the tree is built.
      const built = buildEstateAppForSynth({
        plan,
        context: jobSynthContext(ctx),
        outdir: ctx.outdir,
        ...(ctx.system.templateValidator ? { templateValidator: ctx.system.templateValidator() } : {}),
        compliance: {
          register,
          now: ctx.now(),
          ledger: true,
          controlTower: true,
          ...(ctx.system.controlTowerCheck ? { controlTowerCheck: ctx.system.controlTowerCheck } : {}),
          ...(ctx.system.packCache ? { packCache: ctx.system.packCache } : {}),
        },
      });
      ctx.state.built = built;
      ctx.state.stackCount = built.stackCount;
      return {
        ok: true,
        message: `${plan.estate.name}: ${plan.servers.length} servers, ${plan.databases.length} databases, ${plan.waves.length} waves`,
      };
    } catch (e) {
      if (e instanceof PlanError) {
        ctx.print(`${e.message}\n`);
        return {
          ok: false,
          message: `the plan in ${ctx.planDir} has ${e.problems.length} problem(s), listed above`,
          hint: `fix them in the plan files, or choose another plan with "npm start -- --plan <folder>"`,
        };
      }
      if (e instanceof RegisterError) {
        ctx.print(`${e.message}\n`);
        return {
          ok: false,
          message: `the compliance register has problems (listed above); nothing was synthesized`,
          hint: 'fix the register entries listed above',
        };
      }
      throw e;
    }
  },
};

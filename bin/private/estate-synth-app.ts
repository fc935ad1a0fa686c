/**
 * The estate's CDK app, as bin/app.ts runs it when the assembly cache cannot answer. Reads context `plan` (a plan folder, default
 * migration-plans/peterborough), builds every estate stack and synthesizes. A bad plan prints its
 * problems and exits 2 with nothing synthesized. Template validation results are cached by
 * template hash (bin/private/template-validation-check.ts): only changed templates are validated;
 * the AwsSolutions and NIST packs' outcomes likewise per stack (bin/private/pack-result-files.ts).
 */
import { App, Validations } from 'aws-cdk-lib';
import { buildEstateApp, ESTATE_APP_CONTEXT, ESTATE_PLAN_CHECKS, ESTATE_PLAN_WARNINGS } from '../../lib/app';
import { buildEstateModel } from '../../lib/estate-model';
import {
  applyComplianceFromContext,
  RegisterError,
  todayFromContext,
  verboseFromContext,
} from '../../lib/compliance';
import { loadPlan, PlanError, summarizePlanWarnings, type Plan } from '../../lib/plan';
import { packResultFileCache } from './pack-result-files';
import { cachedTemplateValidation } from './template-validation-check';

const DEFAULT_PLAN = 'migration-plans/peterborough';

function loadOrExit(dir: string): Plan | undefined {
  try {
    return loadPlan(dir, { checks: ESTATE_PLAN_CHECKS, warnings: ESTATE_PLAN_WARNINGS });
  } catch (e) {
    if (!(e instanceof PlanError)) throw e;
    process.stderr.write(
      `${e.message}\nNothing was synthesized. Fix the problems listed above in ${dir}, ` +
        `or choose another plan folder with -c plan=<folder>.\n`,
    );
    process.exitCode = 2;
    return undefined;
  }
}

/** Builds and synthesizes the estate named by context `plan`; sets `process.exitCode` 2 on a bad plan or register. */
export function synthEstateApp(): void {
  // aws-cdk-lib's template validation, remembered by template hash in .cache/template-validation/
  // (CDK_VALIDATION=false still turns it off). Its synthesizer tells it as each template is
  // written, so a few changed templates can be validated while the packs run.
  // A first synth of a large estate says before its longest wait how many templates it validates.
  const validation =
    process.env.CDK_VALIDATION !== 'false'
      ? cachedTemplateValidation({ progress: (line) => process.stderr.write(`${line}\n`) })
      : undefined;
  // No auto-synth: a bad plan must leave no cloud assembly behind, not an empty one.
  const app = new App({
    autoSynth: false,
    context: ESTATE_APP_CONTEXT, // under the CLI's (cdk.json and -c), which come on top
    ...(validation ? { defaultStackSynthesizer: validation.stackSynthesizer() } : {}),
  });
  const dir = String(app.node.tryGetContext('plan') ?? DEFAULT_PLAN);
  const plan = loadOrExit(dir);
  if (!plan) return;
  try {
    // Landing-zone checks that need the whole estate (licences, images, engines) throw PlanError here.
    buildEstateApp(app, plan);
    // The clock is read here only; tests and the audit fix the day with -c estate:today=YYYY-MM-DD.
    const today = todayFromContext(app, () => new Date());
    // cdk-nag packs + register; the stock packs' raw outcomes are remembered per stack in .cache/nag-packs/.
    const { warnings } = applyComplianceFromContext(app, buildEstateModel(plan), dir, today, {
      packCache: packResultFileCache(),
    });
    for (const w of warnings) process.stderr.write(`${w}\n`);
    // Plan warnings (illustrative image ids, quotas): valid plans, but someone must act before deploying.
    // The same warning over many items prints once with its count (context `verbose=true`: every
    // one); so do the exit-readiness findings the CLI prints (applyComplianceFromContext).
    const verbose = verboseFromContext(app);
    for (const line of summarizePlanWarnings(plan.warnings, { verbose })) process.stderr.write(`${line}\n`);
    // Template validation is registered last, where aws-cdk-lib puts its own.
    if (validation) Validations.of(app).addPlugins(validation);
    app.synth();
  } catch (e) {
    if (e instanceof PlanError) {
      process.stderr.write(
        `${e.message}\nNothing was synthesized. Fix the problems listed above in ${dir}.\n`,
      );
    } else if (e instanceof RegisterError) {
      process.stderr.write(`${e.message}\nNothing was synthesized. Fix the register entries listed above.\n`);
    } else {
      throw e;
    }
    process.exitCode = 2;
  }
}

import { join } from 'node:path';
import { CONTROL_TOWER_PACK, RegisterError } from '../../compliance';
import { formatFindings, parseValidationReport, validationFindings } from '../../shared/validation-report';
import { VALIDATION_REPORT_FILE } from '../estate-synth';
import type { JobStep, StepResult } from '../job';

/**
 * Synthesizes the tree the plan step built, once, in this process, into cdk.out: aws-cdk-lib's
 * template validation (errors are errors), the compliance packs with their ledger and the Control
 * Tower controls all run in this one synth (test/app/cdk-synth.test.ts proves the templates equal
 * `npx cdk synth`'s). Fails on template-validation or pack errors, as `cdk synth` would; the
 * Control Tower findings are judged by the audit step. A stale cdk.out is removed first.
 */
export const synthStep: JobStep = {
  title: (state) =>
    `Synthesizing ${state.stackCount ?? 'the estate'} stack${state.stackCount === 1 ? '' : 's'} with template validation`,
  async run(ctx): Promise<StepResult> {
    const { system } = ctx;
    const built = ctx.state.built;
    if (!built) return { ok: false, message: 'no app was built (the plan step did not run)' };
    system.removeDir(ctx.outdir); // a stale validation report or template must not be read
    system.makeDir(ctx.outdir); // the app's assembly builder writes into it
    const started = system.clockMs();
    try {
      system.synth(built.app);
    } catch (e) {
      if (!(e instanceof RegisterError)) throw e;
      ctx.print(`${e.message}\n`);
      return {
        ok: false,
        message: 'the compliance register has problems (listed above)',
        hint: 'fix the register entries listed above',
      };
    }
    const seconds = ((system.clockMs() - started) / 1000).toFixed(1);
    const reportPath = join(ctx.outdir, VALIDATION_REPORT_FILE);
    const text = system.exists(reportPath) ? system.readFile(reportPath) : '{"pluginReports":[]}';
    ctx.state.validationReport = parseValidationReport(text, reportPath);
    const all = validationFindings(ctx.state.validationReport);
    const errors = all.errors.filter((f) => f.plugin !== CONTROL_TOWER_PACK);
    const warnings = all.warnings.filter((f) => f.plugin !== CONTROL_TOWER_PACK);
    if (errors.length > 0) {
      ctx.print(`${formatFindings(errors).join('\n')}\n`);
      return {
        ok: false,
        message: `template validation found ${errors.length} error(s) after ${seconds} s (listed above; full report in ${reportPath})`,
        hint:
          'fix the construct named in each finding; where a finding is an accepted deviation, record it with its reason ' +
          `in the plan's compliance-register.yaml. "npm run audit" writes the full report.`,
      };
    }
    if (warnings.length > 0) ctx.print(`${formatFindings(warnings).join('\n')}\n`);
    return {
      ok: true,
      message: `synthesized to ${ctx.outdir} in ${seconds} s; validation: 0 errors, ${warnings.length} warning(s)`,
    };
  },
};

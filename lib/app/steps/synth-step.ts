import { join } from 'node:path';
import type { JobStep } from '../job';
import { cdkSynthInvocation, lastLines } from '../../shared/cdk-cli';
import { formatFindings, readValidationReport } from '../../shared/validation-report';

/**
 * Runs the real CDK CLI (`cdk synth --quiet`) so aws-cdk-lib's template validation (with
 * `@aws-cdk/core:validateAgainstDefaultRules`) and every registered policy plugin run. A stale
 * cdk.out is removed first: the CLI would otherwise read an old validation report.
 */
export const synthStep: JobStep = {
  title: (state) =>
    `Synthesizing ${state.stackCount ?? 'the estate'} stack${state.stackCount === 1 ? '' : 's'} with template validation`,
  async run(ctx) {
    const { system } = ctx;
    system.removeDir(ctx.outdir);
    const started = system.clockMs();
    const synth = cdkSynthInvocation(
      ctx.planDir,
      ctx.outdir,
      { '@aws-cdk/core:validateAgainstDefaultRules': 'true' },
      ctx.env,
    );
    const args = synth.args;
    const result = await system.run(synth.command, args, synth.env);
    const seconds = ((system.clockMs() - started) / 1000).toFixed(1);
    const reportPath = join(ctx.outdir, 'validation-report.json');
    const findings = system.exists(reportPath)
      ? readValidationReport(system.readFile(reportPath), reportPath)
      : undefined;
    if (result.code !== 0 || (findings && findings.errors.length > 0)) {
      if (findings && findings.errors.length > 0) {
        ctx.print(`${formatFindings(findings.errors).join('\n')}\n`);
        return {
          ok: false,
          message: `template validation found ${findings.errors.length} error(s) after ${seconds} s (listed above; full report in ${reportPath})`,
          hint:
            'fix the construct named in each finding; where a finding is an accepted deviation, record it with its reason ' +
            `in the plan's compliance-register.yaml. "npm run audit" writes the full report.`,
        };
      }
      ctx.print(`${lastLines(result.stderr || result.stdout, 30)}\n`);
      return {
        ok: false,
        message: `"npx ${args.join(' ')}" exited with ${result.code} after ${seconds} s (output above)`,
        hint: 'read the error above; "npx cdk synth --quiet" reproduces it',
      };
    }
    const warnings = findings?.warnings.length ?? 0;
    if (warnings > 0) ctx.print(`${formatFindings(findings?.warnings ?? []).join('\n')}\n`);
    return {
      ok: true,
      message: `synthesized to ${ctx.outdir} in ${seconds} s; validation: 0 errors, ${warnings} warning(s)`,
    };
  },
};

import type { JobStep } from '../job';

/**
 * The main job's compliance step: runs the audit entry (`bin/audit.ts`, the same as
 * `npm run audit`) for the job's plan and passes on its verdict. The audit writes reports/audit/.
 */
export const auditStep: JobStep = {
  title: 'Compliance audit (AwsSolutions, NIST 800-53 r5, UK public sector, Control Tower controls)',
  async run(ctx) {
    const started = ctx.system.clockMs();
    const result = await ctx.system.run('npx', ['tsx', 'bin/audit.ts', '--plan', ctx.planDir], ctx.env);
    const seconds = ((ctx.system.clockMs() - started) / 1000).toFixed(1);
    const lines = `${result.stdout}${result.stderr}`.trimEnd().split('\n');
    ctx.print(`${lines.slice(-25).join('\n')}\n`);
    if (result.code === 0)
      return {
        ok: true,
        message: `no unsuppressed errors in any pack (${seconds} s); report in reports/audit/index.html`,
      };
    return {
      ok: false,
      message:
        result.code === 1
          ? `unsuppressed compliance errors remain (${seconds} s; listed above, full report in reports/audit/index.html)`
          : `the audit could not run (exit ${result.code}; output above)`,
      hint: 'fix each finding, or add a compliance-register.yaml entry with a reason an auditor would accept; "npm run audit" reruns the check',
    };
  },
};

import { writeAuditReport } from '../../compliance';
import { summarizePlanWarnings } from '../../plan';
import type { JobStep, StepResult } from '../job';

/** Where the main job writes the audit report (as `npm run audit` does). */
export const JOB_AUDIT_REPORT_DIR = 'reports/audit';

/**
 * The compliance audit of the cloud assembly the synth step produced: its validation report
 * (AwsSolutions, NIST 800-53 r5, UK public sector, Control Tower controls) and the ledger the
 * packs filled in that same synth, with the plan's warnings (end-of-support software, VPC-wide
 * flows, snapshot quota) as `npm run audit` lists them. No second synth. Writes reports/audit/.
 */
export const auditStep: JobStep = {
  title: 'Compliance audit (AwsSolutions, NIST 800-53 r5, UK public sector, Control Tower controls)',
  async run(ctx): Promise<StepResult> {
    const { built, register, validationReport, plan } = ctx.state;
    if (!built || !register || !validationReport)
      return { ok: false, message: 'nothing was synthesized to audit (the synth step did not run)' };
    const { audit, htmlPath } = writeAuditReport(
      ctx.system,
      {
        report: validationReport,
        ledger: built.ledger?.toFindings() ?? [],
        register: register.register,
        registerFile: register.file,
        controlTower: true,
        now: ctx.now(),
        cwd: ctx.cwd,
        reportDir: JOB_AUDIT_REPORT_DIR,
        planWarnings: summarizePlanWarnings(plan?.warnings ?? []).map((w) => w.replace(/^warning: /, '')),
      },
      ctx.print,
    );
    const t = audit.totals;
    if (t.unsuppressedErrors === 0)
      return {
        ok: true,
        message: `no unsuppressed errors in any pack (${t.pass} passed, ${t.suppressed} suppressed); report in ${htmlPath}`,
      };
    return {
      ok: false,
      message: `${t.unsuppressedErrors} unsuppressed compliance error(s) remain (listed above, full report in ${htmlPath})`,
      hint: 'fix each finding, or add a compliance-register.yaml entry with a reason an auditor would accept; "npm run audit" reruns the check',
    };
  },
};

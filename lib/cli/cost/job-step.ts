/**
 * The cost step of the main job (`npm start`): for the plan the job already loaded, the cost
 * estimate (computed once) and the monthly cost report on generated sample data, offline, using
 * that same estimate. Prints a short summary from the typed results (no console scraping).
 * Not re-exported from ./index (that would make lib/cli import itself through the command list).
 */
import { join } from 'node:path';
import type { JobStep } from '../../app/job';
import { SAMPLE_DATA_CAVEAT } from '../../cost/comparison';
import { estimateLines } from '../../cost/estimate';
import { gbp } from '../../cost/report/display';
import { isUserError } from '../../shared/user-error';
import type { CliIo } from '../command';
import { produceCostEstimate } from './cost-estimate-run';
import { produceCostReport } from './cost-report-run';
import { previousMonth } from './private/options';

/** @param now the wall clock (the job passes `() => new Date()`); decides the report month. */
export function costReportStep(now: () => Date): JobStep {
  return {
    title: 'Cost estimate and cost report (offline, sample data)',
    async run(ctx) {
      const plan = ctx.state.plan;
      if (!plan) return { ok: false, message: 'no plan was loaded (the plan step did not run)' };
      // The commands' own prose is not shown under the job; warnings still are.
      const io: CliIo = {
        stdout: () => undefined,
        stderr: (t) => ctx.print(`      ${t}`),
        cwd: ctx.cwd,
        env: ctx.env,
        now,
      };
      const rel = (p: string) => (p.startsWith(`${ctx.cwd}/`) ? p.slice(ctx.cwd.length + 1) : p);
      const month = previousMonth(now());
      const { start, end } = plan.estate.agreement;
      try {
        const { estimate, written } = produceCostEstimate(
          plan,
          ['md', 'csv', 'json'],
          join(ctx.cwd, 'reports', 'cost', 'estimate'),
          io,
        );
        const t = estimate.totalMonthlyGbp;
        ctx.print(
          `      Estimate per month: ${gbp(t['on-demand'])} on demand, ${gbp(t['savings-plan-1yr'])} (1-yr savings plan), ` +
            `${gbp(t['savings-plan-3yr'])} (3-yr); legacy baseline ${gbp(estimate.legacyMonthlyGbp)}\n`,
        );
        for (const w of written) ctx.print(`      ${rel(w)}\n`);
        if (month < start) {
          return {
            ok: true,
            message: `cost estimate in reports/cost/estimate/; no cost report yet (the agreement starts ${start}, after ${month})`,
          };
        }
        const report = await produceCostReport(
          {
            plan,
            shown: ctx.planDir,
            month,
            to: month < end ? month : end,
            formats: ['html', 'csv', 'json', 'md'],
            source: 'focus',
            out: join(ctx.cwd, 'reports', 'cost', month),
            cacheRoot: join(ctx.cwd, '.cache'),
            includeVat: false,
            estimate: estimateLines(estimate),
          },
          io,
        );
        const h = report.report.headline;
        ctx.print(`      ${SAMPLE_DATA_CAVEAT}\n`);
        ctx.print(
          `      Saving to date: ${gbp(h.savingToDate)}; break-even: ${h.breakEvenMonth ? `${h.breakEvenMonth}${h.breakEvenIsForecast ? ' (forecast)' : ''}` : 'not within the agreement'}\n`,
        );
        for (const w of report.written) ctx.print(`      ${rel(w)}\n`);
        ctx.print(
          '      Needs an AWS account (not run here): cost report --source cost-explorer or --source athena, and the\n' +
            '      deployed finance stacks (budgets, anomaly alerts, FOCUS export, monthly report on the first weekday).\n',
        );
        return {
          ok: true,
          message: `cost estimate in reports/cost/estimate/, cost report (SAMPLE DATA, not a bill) in reports/cost/${month}/`,
        };
      } catch (e) {
        if (!isUserError(e)) throw e;
        return {
          ok: false,
          message: `the cost estimate or report could not be made: ${e.message}`,
          hint: `Run "npm run estate -- cost report --plan ${ctx.planDir}" to see the full output.`,
        };
      }
    },
  };
}

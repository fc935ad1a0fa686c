/**
 * The cost step of the main job (`npm start`): the cost estimate and the monthly cost report for
 * the job's plan, offline, on generated sample data. Runs the same commands as the CLI.
 * Not re-exported from ./index (that would make lib/cli import itself through the command list).
 */
import type { JobStep } from '../../app/job';
import type { CliIo } from '../command';
import { runCli } from '../main';
import { costEstimateCommand } from './estimate-command';
import { costReportCommand } from './report-command';

/** Lines of command output worth showing under the job's progress line. */
const KEEP =
  /SAMPLE DATA|^(TOTAL AWS|Legacy baseline|Saving)|^Saving to date|^Break-even|^Incomplete|^All reported|^\s+\S+\.(html|json|md|csv)$/;

/** @param now the wall clock (the job passes `() => new Date()`); decides the report month. */
export function costReportStep(now: () => Date): JobStep {
  return {
    title: 'Cost estimate and cost report (offline, sample data)',
    async run(ctx) {
      let out = '';
      let err = '';
      const io: CliIo = {
        stdout: (t) => (out += t),
        stderr: (t) => (err += t),
        cwd: ctx.cwd,
        env: ctx.env,
        now,
      };
      const commands = [costEstimateCommand, costReportCommand];
      for (const argv of [
        ['cost', 'estimate', '--plan', ctx.planDir],
        ['cost', 'report', '--plan', ctx.planDir],
      ]) {
        out = '';
        err = '';
        const code = await runCli(argv, io, commands);
        for (const line of out.split('\n')) if (KEEP.test(line)) ctx.print(`      ${line.trim()}\n`);
        if (code !== 0) {
          return {
            ok: false,
            message: `${argv.slice(0, 2).join(' ')} exited ${code}: ${err.trim().split('\n')[0] ?? ''}`,
            hint: `Run "npm run estate -- ${argv.join(' ')}" to see the full output.`,
          };
        }
      }
      return {
        ok: true,
        message:
          'cost estimate in reports/cost/estimate/, cost report (SAMPLE DATA, not a bill) in reports/cost/<month>/',
      };
    },
  };
}

/**
 * The exit step of the main job (`npm start`): writes the exit runbook, exit plan and inventory
 * for the job's plan into reports/exit/, through the same command as the CLI.
 */
import type { JobStep } from '../../app/job';
import { runCommands } from '../dispatch';
import { exitPlanCommand } from './plan-command';

/** @param now the wall clock the CLI io carries (the exit plan itself reads no clock). */
export function exitPlanStep(now: () => Date): JobStep {
  return {
    title: 'Exit plan: runbook and provider-neutral inventory',
    async run(ctx) {
      let out = '';
      let err = '';
      const code = await runCommands(
        ['exit', 'plan', '--plan', ctx.planDir],
        {
          stdout: (t) => (out += t),
          stderr: (t) => (err += t),
          cwd: ctx.cwd,
          env: ctx.env,
          now,
        },
        [exitPlanCommand],
      );
      if (code !== 0) {
        return {
          ok: false,
          message: `exit plan exited ${code}: ${err.trim().split('\n')[0] ?? ''}`,
          hint: `Run "npm run estate -- exit plan --plan ${ctx.planDir}" to see the full output.`,
        };
      }
      return { ok: true, message: `${out.split('\n')[0] ?? ''} Written to reports/exit/.` };
    },
  };
}

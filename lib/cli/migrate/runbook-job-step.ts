/**
 * The runbook step of the main job (`npm start`): writes every wave's runbook for the job's plan,
 * through the same command as the CLI. Not re-exported from an index (lib/cli imports the commands).
 */
import type { JobStep } from '../../app/job';
import type { CliIo } from '../command';
import { runCommands } from '../dispatch';
import { migrateRunbookCommand } from './migrate-runbook-command';

export const runbookStep: JobStep = {
  title: 'Wave runbooks',
  async run(ctx) {
    let out = '';
    let err = '';
    const io: CliIo = {
      stdout: (t) => (out += t),
      stderr: (t) => (err += t),
      cwd: ctx.cwd,
      env: ctx.env,
      now: () => new Date(0),
    };
    const code = await runCommands(['migrate', 'runbook', '--plan', ctx.planDir], io, [
      migrateRunbookCommand,
    ]);
    if (code !== 0) {
      return {
        ok: false,
        message: `migrate runbook exited ${code}: ${err.trim().split('\n')[0] ?? ''}`,
        hint: `Run "npm run estate -- migrate runbook --plan ${ctx.planDir}" to see the full output.`,
      };
    }
    const count = out.split('\n').filter((l) => l.trim().endsWith('items)')).length;
    return { ok: true, message: `${count} wave runbooks (Markdown and HTML) in reports/runbooks/` };
  },
};

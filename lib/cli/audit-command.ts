/**
 * `estate audit` (also `npm run audit`): synthesizes the app with every compliance pack
 * (AwsSolutions, NIST 800-53 r5, UK public sector, Control Tower controls via cfn-guard) and writes
 * reports/audit/ (HTML, CSV, JSON).
 */
import { resolve } from 'node:path';
import { runAudit, type AuditSystem } from '../compliance';
import { stringOption, type Command } from './command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from './plan-dir';

/** `estate audit`, running the synth and writing the report through `system`. */
export function auditCommand(system: AuditSystem, clockMs: () => number): Command {
  return {
    path: ['audit'],
    summary: 'Compliance audit with every pack and the Control Tower controls; report in reports/audit/',
    usage: [
      'Usage: npm run estate -- audit [--plan DIR] [--register FILE] [--out DIR] [--no-control-tower]',
      '       (npm run audit -- [options] is the same)',
      '',
      'Synthesizes the app with every compliance pack and writes reports/audit/ (index.html,',
      'findings.csv, findings.json).',
      '',
      'Options:',
      planOptionHelp(22),
      '  --register FILE     compliance register (default: <plan>/compliance-register.yaml)',
      '  --out DIR           report folder (default: reports/audit)',
      '  --no-control-tower  skip the Control Tower controls (cfn-guard): faster, for a quick look',
      '',
      'Exit codes: 0 no unsuppressed errors, 1 some remain, 2 the app, register or arguments are broken.',
    ].join('\n'),
    options: {
      ...PLAN_OPTION,
      register: { type: 'string' },
      out: { type: 'string' },
      'no-control-tower': { type: 'boolean' },
    },
    async run(args, io) {
      const planDir = resolvePlanDir(args, io).shown;
      const register = stringOption(args, 'register');
      const started = clockMs();
      const { code } = await runAudit(
        system,
        {
          cwd: io.cwd,
          env: io.env,
          planDir,
          ...(register ? { registerPath: register } : {}),
          outdir: resolve(io.cwd, 'cdk.out.audit'),
          reportDir: stringOption(args, 'out') ?? 'reports/audit',
          now: io.now(),
          controlTower: args.values['no-control-tower'] !== true,
        },
        io.stdout,
      );
      io.stdout(`Audit finished in ${((clockMs() - started) / 1000).toFixed(1)} s.\n`);
      return code;
    },
  };
}

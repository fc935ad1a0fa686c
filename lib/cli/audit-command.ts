/**
 * `estate audit` (also `npm run audit`): synthesizes the app once, in process (the same templates
 * as `npx cdk synth`), with every compliance pack (AwsSolutions, NIST 800-53 r5, UK public sector,
 * Control Tower controls via cfn-guard, cached by template hash) and writes reports/audit/ (HTML,
 * CSV, JSON).
 */
import { resolve } from 'node:path';
import { auditEstate, type EstateAuditSystem } from '../app';
import { readCdkContext } from './cdk-json';
import { stringOption, type Command } from './command';
import { PLAN_OPTION, planOptionHelp, resolvePlanDir } from './plan-dir';

/** `estate audit`, running the synth and writing the report through `system`. */
export function auditCommand(system: EstateAuditSystem, clockMs: () => number): Command {
  return {
    path: ['audit'],
    summary: 'Compliance audit with every pack and the Control Tower controls; report in reports/audit/',
    usage: [
      'Usage: npm run estate -- audit [--plan DIR] [--register FILE] [--out DIR] [--no-control-tower]',
      '       [--break-glass REASON] [--verbose]',
      '       (npm run audit -- [options] is the same)',
      '',
      'Synthesizes the app with every compliance pack and writes reports/audit/ (index.html,',
      "findings.csv, findings.json), listing the plan's warnings (software leaving support,",
      'VPC-wide flow sources, quotas) alongside the findings.',
      '',
      'Options:',
      planOptionHelp(22),
      '  --register FILE     compliance register (default: <plan>/compliance-register.yaml)',
      '  --out DIR           report folder (default: reports/audit)',
      '  --no-control-tower  skip the Control Tower controls (cfn-guard): faster, for a quick look',
      '  --break-glass REASON  synthesize despite expired register entries; the report shows the',
      '                      reason and the audit still fails on them',
      '  --verbose           every plan warning on its own line (by default the same warning about',
      '                      many items is printed once, with the count and the first locations)',
      '',
      'Exit codes: 0 no unsuppressed errors, 1 some remain, 2 the app, register or arguments are broken.',
    ].join('\n'),
    options: {
      ...PLAN_OPTION,
      register: { type: 'string' },
      out: { type: 'string' },
      'no-control-tower': { type: 'boolean' },
      'break-glass': { type: 'string' },
      verbose: { type: 'boolean' },
    },
    async run(args, io) {
      const planDir = resolvePlanDir(args, io).shown;
      const register = stringOption(args, 'register');
      const breakGlass = stringOption(args, 'break-glass');
      const started = clockMs();
      const { code } = auditEstate(
        system,
        {
          cwd: io.cwd,
          planDir,
          context: readCdkContext(io.cwd),
          ...(register ? { registerPath: register } : {}),
          outdir: resolve(io.cwd, 'cdk.out.audit'),
          reportDir: stringOption(args, 'out') ?? 'reports/audit',
          now: io.now(),
          controlTower: args.values['no-control-tower'] !== true,
          ...(breakGlass ? { breakGlass } : {}),
          verbose: args.values.verbose === true,
          progress: (line) => io.stderr(`${line}\n`),
        },
        io.stdout,
      );
      io.stdout(`Audit finished in ${((clockMs() - started) / 1000).toFixed(1)} s.\n`);
      return code;
    },
  };
}

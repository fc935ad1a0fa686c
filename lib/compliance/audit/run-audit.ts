import { join, resolve } from 'node:path';
import { cdkSynthInvocation, lastLines } from '../../shared/cdk-cli';
import { AUDIT_CONTEXT_KEY, REGISTER_CONTEXT_KEY } from '../apply-compliance';
import { CONTROL_TOWER_PACK, controlTowerControlNames } from '../control-tower';
import { LEDGER_FILE, type LedgerFinding } from '../ledger';
import { loadDefaultRegister, loadRegister } from '../register';
import type { AuditMeta } from './audit-meta';
import { buildAudit, type Audit } from './build-audit';
import { formatAuditCsv } from './format-csv';
import { formatAuditHtml } from './format-html';
import { formatAuditJson } from './format-json';
import { parseValidationReport } from '../../shared/validation-report';

export interface AuditCommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** What the audit may do to the outside world (passed in: lib/ has no process access of its own). */
export interface AuditSystem {
  /** Runs a command (no shell) in the project directory and waits for it. */
  readonly run: (
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
  ) => Promise<AuditCommandResult>;
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
  readonly exists: (path: string) => boolean;
  readonly makeDir: (path: string) => void;
  readonly removeDir: (path: string) => void;
}

export interface AuditOptions {
  /** Project root (where cdk.json is). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Plan folder. */
  readonly planDir: string;
  /** Compliance register. @default <planDir>/compliance-register.yaml */
  readonly registerPath?: string;
  /** Cloud assembly folder for the audit synth (emptied first). */
  readonly outdir: string;
  /** Where index.html, findings.csv and findings.json go. */
  readonly reportDir: string;
  /** The clock (report timestamp). */
  readonly now: Date;
  /** Run the Control Tower controls through cfn-guard. @default true */
  readonly controlTower?: boolean;
}

export interface AuditOutcome {
  /** 0 no unsuppressed errors; 1 unsuppressed errors remain; 2 the app could not be synthesized. */
  readonly code: number;
  readonly audit?: Audit;
}

export const AUDIT_EXIT = { clean: 0, findings: 1, broken: 2 } as const;

/** Default register location for a plan folder. */
export function defaultRegisterPath(planDir: string): string {
  return join(planDir, 'compliance-register.yaml');
}

/**
 * Synthesizes the app through the real `cdk synth` with every pack (and cfn-guard), reads the
 * validation report and the ledger, and writes the audit report folder.
 */
export async function runAudit(
  system: AuditSystem,
  options: AuditOptions,
  print: (text: string) => void,
): Promise<AuditOutcome> {
  const controlTower = options.controlTower ?? true;
  const registerPath = options.registerPath ?? defaultRegisterPath(options.planDir);
  const outdir = resolve(options.cwd, options.outdir);
  system.removeDir(outdir); // a stale validation-report.json would otherwise be read
  const synth = cdkSynthInvocation(
    options.planDir,
    outdir,
    {
      ...(options.registerPath ? { [REGISTER_CONTEXT_KEY]: registerPath } : {}),
      [AUDIT_CONTEXT_KEY]: controlTower ? 'true' : 'ledger-only',
      '@aws-cdk/core:failSynthOnValidationErrors': 'false',
    },
    options.env,
  );
  const args = synth.args;
  const result = await system.run(synth.command, args, synth.env);
  const reportPath = join(outdir, 'validation-report.json');
  if (!system.exists(reportPath)) {
    print(`${lastLines(result.stderr || result.stdout, 40)}\n`);
    print(
      `The app could not be synthesized ("npx ${args.join(' ')}" exited ${result.code}); no audit was produced. Fix the problem above and run "npm run audit" again.\n`,
    );
    return { code: AUDIT_EXIT.broken };
  }
  const report = parseValidationReport(system.readFile(reportPath), reportPath);
  const ledgerPath = join(outdir, LEDGER_FILE);
  const ledger: LedgerFinding[] = system.exists(ledgerPath)
    ? (JSON.parse(system.readFile(ledgerPath)) as { findings: LedgerFinding[] }).findings
    : [];
  if (ledger.length === 0)
    print(`warning: ${ledgerPath} is missing or empty; passes and suppressions cannot be listed\n`);
  const register = options.registerPath
    ? loadRegister(resolve(options.cwd, registerPath))
    : loadDefaultRegister(resolve(options.cwd, registerPath), '(no register)');
  const audit = buildAudit({
    report,
    ledger,
    register,
    ...(controlTower
      ? { controlTowerPack: CONTROL_TOWER_PACK, controlTowerControls: controlTowerControlNames() }
      : {}),
  });
  const meta: AuditMeta = {
    estate: register.estate,
    generatedAt: options.now.toISOString(),
    registerFile: registerPath,
    controlTower,
  };
  const dir = resolve(options.cwd, options.reportDir);
  system.makeDir(dir);
  system.writeFile(join(dir, 'index.html'), formatAuditHtml(audit, meta));
  system.writeFile(join(dir, 'findings.csv'), formatAuditCsv(audit.rows));
  system.writeFile(join(dir, 'findings.json'), formatAuditJson(audit, meta));
  for (const [pack, c] of Object.entries(audit.byPack)) {
    print(
      `${pack.padEnd(24)} ${String(c.unsuppressedErrors).padStart(4)} unsuppressed errors, ${c.warnings} warnings, ${c.suppressed} suppressed, ${c.pass} passed\n`,
    );
  }
  for (const u of audit.unusedSuppressions) print(`note: ${u}\n`);
  const t = audit.totals;
  print(`Audit report: ${join(dir, 'index.html')} (${audit.rows.length} rows; CSV and JSON alongside)\n`);
  if (t.unsuppressedErrors > 0) {
    for (const r of audit.rows
      .filter((x) => (x.status === 'fail' || x.status === 'error') && x.level === 'error')
      .slice(0, 40)) {
      print(`  ERROR ${r.ruleId} ${r.resourcePath || '(app)'}: ${r.description}\n`);
    }
    print(
      `${t.unsuppressedErrors} unsuppressed error(s). Fix each, or add a register entry with a reason an auditor would accept.\n`,
    );
    return { code: AUDIT_EXIT.findings, audit };
  }
  return { code: AUDIT_EXIT.clean, audit };
}

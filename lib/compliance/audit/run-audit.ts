import { join, resolve } from 'node:path';
import { cdkSynthInvocation, lastLines } from '../../shared/cdk-cli';
import {
  AUDIT_CONTEXT_KEY,
  BREAK_GLASS_CONTEXT_KEY,
  REGISTER_CONTEXT_KEY,
  TODAY_CONTEXT_KEY,
} from '../apply-compliance';
import { LEDGER_FILE, type LedgerFinding } from '../ledger';
import {
  combineRegisters,
  isoDay,
  loadDefaultRegister,
  loadProductRegister,
  loadRegister,
  type ComplianceRegister,
} from '../register';
import type { Audit } from './build-audit';
import { parseValidationReport } from '../../shared/validation-report';
import { writeAuditReport } from './write-audit-report';

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
  /** The plan's warnings, listed in the report. @default none */
  readonly planWarnings?: readonly string[];
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
  /** The product register. @default lib/compliance/product-register.yaml */
  readonly productRegister?: ComplianceRegister;
  /** Break-glass reason passed on to synth (shown in the report; the audit still fails on expired entries). */
  readonly breakGlass?: string;
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
      [TODAY_CONTEXT_KEY]: isoDay(options.now),
      ...(options.breakGlass ? { [BREAK_GLASS_CONTEXT_KEY]: options.breakGlass } : {}),
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
  const estateRegister = options.registerPath
    ? loadRegister(resolve(options.cwd, registerPath))
    : loadDefaultRegister(resolve(options.cwd, registerPath), '(no register)');
  const register = combineRegisters(options.productRegister ?? loadProductRegister(), estateRegister);
  const { audit, expired } = writeAuditReport(
    system,
    {
      report,
      ledger,
      register,
      registerFile: registerPath,
      controlTower,
      now: options.now,
      cwd: options.cwd,
      reportDir: options.reportDir,
      planWarnings: options.planWarnings ?? [],
      ...(options.breakGlass ? { breakGlass: options.breakGlass } : {}),
    },
    print,
  );
  if (audit.totals.unsuppressedErrors > 0 || expired.length > 0) return { code: AUDIT_EXIT.findings, audit };
  return { code: AUDIT_EXIT.clean, audit };
}

/**
 * `npm run audit` in one pass: loads the plan and the register, builds the tree with every pack,
 * the ledger and the Control Tower controls, synthesizes it once in this process (the same
 * templates as `npx cdk synth`) and writes the audit report from that synth. Exit 0: no
 * unsuppressed errors; 1: some remain; 2: the plan or register is broken.
 */
import type { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import { isAbsolute, join, resolve } from 'node:path';
import type { App } from 'aws-cdk-lib';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import {
  AUDIT_EXIT,
  combineRegisters,
  loadDefaultRegister,
  loadProductRegister,
  loadRegister,
  writeAuditReport,
  type Audit,
  type ComplianceOptions,
} from '../compliance';
import { loadPlan, summarizePlanWarnings } from '../plan';
import { parseValidationReport } from '../shared/validation-report';
import { buildEstateAppForSynth, VALIDATION_REPORT_FILE } from './estate-synth';
import { ESTATE_PLAN_CHECKS, ESTATE_PLAN_WARNINGS } from './plan-checks';

/** What the audit may do to the outside world (passed in). */
export interface EstateAuditSystem {
  readonly readFile: (path: string) => string;
  readonly writeFile: (path: string, text: string) => void;
  readonly exists: (path: string) => boolean;
  readonly makeDir: (path: string) => void;
  readonly removeDir: (path: string) => void;
  /** `app => app.synth()`. */
  readonly synth: (app: App) => CloudAssembly;
  readonly controlTowerCheck?: ComplianceOptions['controlTowerCheck'];
  /** Where the stock cdk-nag packs' outcomes are remembered per stack. @default - none */
  readonly packCache?: ComplianceOptions['packCache'];
  /** Template validation to use instead of aws-cdk-lib's default (e.g. cached by template hash). @default - the default */
  readonly templateValidator?: () => CloudFormationValidatePlugin;
}

export interface EstateAuditOptions {
  readonly cwd: string;
  readonly planDir: string;
  /** @default <planDir>/compliance-register.yaml */
  readonly registerPath?: string;
  /** cdk.json's context. */
  readonly context: Readonly<Record<string, unknown>>;
  /** Cloud assembly folder for the audit synth (emptied first). */
  readonly outdir: string;
  readonly reportDir: string;
  readonly now: Date;
  /** @default true */
  readonly controlTower?: boolean;
  /** Synthesize through expired acceptances for this reason (shown in the report). @default - none */
  readonly breakGlass?: string;
  /** Every plan warning on its own line (by default the same warning about many items is summarized). @default false */
  readonly verbose?: boolean;
  /** Told what the audit is doing before each long step (the CLI writes it to stderr). @default - silent */
  readonly progress?: (line: string) => void;
}

/** Throws PlanError / RegisterError for a broken plan or register (the caller prints, exits 2). */
export function auditEstate(
  system: EstateAuditSystem,
  options: EstateAuditOptions,
  print: (text: string) => void,
): { readonly code: number; readonly audit?: Audit } {
  const abs = (p: string) => (isAbsolute(p) ? p : join(options.cwd, p));
  const controlTower = options.controlTower ?? true;
  const plan = loadPlan(abs(options.planDir), { checks: ESTATE_PLAN_CHECKS, warnings: ESTATE_PLAN_WARNINGS });
  const registerFile = options.registerPath ?? join(options.planDir, 'compliance-register.yaml');
  const register = options.registerPath
    ? loadRegister(abs(registerFile))
    : loadDefaultRegister(abs(registerFile), plan.estate.id);
  const outdir = resolve(options.cwd, options.outdir);
  system.removeDir(outdir); // a stale validation-report.json would otherwise be read
  system.makeDir(outdir);
  options.progress?.(
    `Synthesizing the estate (${plan.servers.length} servers, ${plan.databases.length} databases) with every compliance pack...`,
  );
  const controlTowerCheck = {
    ...system.controlTowerCheck,
    ...(options.progress ? { progress: options.progress } : {}),
  };
  const built = buildEstateAppForSynth({
    plan,
    context: { ...options.context, plan: options.planDir },
    outdir,
    // cdk.out.audit is the audit's working folder: no tool browses its construct tree.
    treeMetadata: false,
    ...(system.templateValidator ? { templateValidator: system.templateValidator() } : {}),
    compliance: {
      register,
      now: options.now,
      ledger: true,
      controlTower,
      ...(options.breakGlass ? { breakGlass: options.breakGlass } : {}),
      controlTowerCheck,
      ...(system.packCache ? { packCache: system.packCache } : {}),
    },
  });
  system.synth(built.app);
  options.progress?.('Writing the audit report...');
  const reportPath = join(outdir, VALIDATION_REPORT_FILE);
  const report = parseValidationReport(
    system.exists(reportPath) ? system.readFile(reportPath) : '{"pluginReports":[]}',
    reportPath,
  );
  const { audit, expired } = writeAuditReport(
    system,
    {
      report,
      ledger: built.ledger?.toFindings() ?? [],
      register: combineRegisters(loadProductRegister(), register),
      registerFile,
      controlTower,
      now: options.now,
      cwd: options.cwd,
      reportDir: options.reportDir,
      planWarnings: summarizePlanWarnings(plan.warnings, { verbose: options.verbose ?? false }).map((w) =>
        w.replace(/^warning: /, ''),
      ),
      ...(options.breakGlass ? { breakGlass: options.breakGlass } : {}),
    },
    print,
  );
  const failed = audit.totals.unsuppressedErrors > 0 || expired.length > 0;
  return { code: failed ? AUDIT_EXIT.findings : AUDIT_EXIT.clean, audit };
}

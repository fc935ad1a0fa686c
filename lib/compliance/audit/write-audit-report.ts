import { join, resolve } from 'node:path';
import { CONTROL_TOWER_PACK, controlTowerControlNames } from '../control-tower';
import type { LedgerFinding } from '../ledger';
import { expiredEntries, reviewWarnings, type ComplianceRegister } from '../register';
import { formatProblem } from '../../plan/errors';
import type { AuditMeta } from './audit-meta';
import { buildAudit, type Audit } from './build-audit';
import { formatAuditCsv } from './format-csv';
import { AUDIT_CHUNK_DIR, formatAuditPages } from './format-html';
import { formatAuditJson } from './format-json';
import type { ValidationReportFile } from '../../shared/validation-report';

/** File operations the audit report needs (passed in). */
export interface AuditReportFiles {
  readonly writeFile: (path: string, text: string) => void;
  readonly makeDir: (path: string) => void;
  /** Removes a folder and everything in it, if present (the page's row files of an earlier run). */
  readonly removeDir?: (path: string) => void;
}

export interface AuditReportInputs {
  /** validation-report.json of the synth (template validation, packs, Control Tower when run). */
  readonly report: ValidationReportFile;
  /** Every rule result the packs recorded in that same synth. */
  readonly ledger: readonly LedgerFinding[];
  readonly register: ComplianceRegister;
  /** Register file as the user named it (for the report). */
  readonly registerFile: string;
  /** Whether the Control Tower controls ran in that synth. */
  readonly controlTower: boolean;
  readonly now: Date;
  /** Project root and report folder (relative to it, or absolute). */
  readonly cwd: string;
  readonly reportDir: string;
  /** The plan's warnings (software leaving support, VPC-wide sources, quotas), one line each. @default - none */
  readonly planWarnings?: readonly string[];
  /** The break-glass reason the synth was given, if any. */
  readonly breakGlass?: string;
}

/** The audit of one synth, and where its report was written. */
export interface AuditReportOutcome {
  readonly audit: Audit;
  /** Absolute path of index.html. */
  readonly htmlPath: string;
  /** Register entries past their review date on the audit day (`file:line:col message`). */
  readonly expired: readonly string[];
}

/**
 * Joins the synth's validation report and ledger into the audit, writes index.html (with its
 * per-rule row files in findings/), findings.csv and findings.json, and prints the per-pack counts and the unsuppressed errors.
 */
export function writeAuditReport(
  files: AuditReportFiles,
  inputs: AuditReportInputs,
  print: (text: string) => void,
): AuditReportOutcome {
  if (inputs.ledger.length === 0)
    print('warning: the compliance ledger is empty; passes and suppressions cannot be listed\n');
  const audit = buildAudit({
    report: inputs.report,
    ledger: inputs.ledger,
    register: inputs.register,
    ...(inputs.controlTower
      ? { controlTowerPack: CONTROL_TOWER_PACK, controlTowerControls: controlTowerControlNames() }
      : {}),
  });
  const expired = expiredEntries(inputs.register, inputs.now).map(formatProblem);
  const meta: AuditMeta = {
    estate: inputs.register.estate,
    generatedAt: inputs.now.toISOString(),
    registerFile: inputs.registerFile,
    controlTower: inputs.controlTower,
    planWarnings: inputs.planWarnings ?? [],
    ...(inputs.breakGlass ? { breakGlass: inputs.breakGlass } : {}),
    expired,
    expiringSoon: reviewWarnings(inputs.register, inputs.now),
  };
  const dir = resolve(inputs.cwd, inputs.reportDir);
  files.makeDir(dir);
  const pages = formatAuditPages(audit, meta);
  files.removeDir?.(join(dir, AUDIT_CHUNK_DIR)); // no row file of an earlier, larger audit stays behind
  files.makeDir(join(dir, AUDIT_CHUNK_DIR));
  for (const chunk of pages.chunks) files.writeFile(join(dir, AUDIT_CHUNK_DIR, chunk.file), chunk.text);
  files.writeFile(join(dir, 'index.html'), pages.index);
  files.writeFile(join(dir, 'findings.csv'), formatAuditCsv(audit.rows));
  files.writeFile(join(dir, 'findings.json'), formatAuditJson(audit, meta));
  for (const [pack, c] of Object.entries(audit.byPack)) {
    print(
      `${pack.padEnd(24)} ${String(c.unsuppressedErrors).padStart(4)} unsuppressed errors, ${c.warnings} warnings, ${c.suppressed} suppressed, ${c.pass} passed\n`,
    );
  }
  for (const u of audit.unusedSuppressions) print(`note: ${u}\n`);
  for (const w of meta.planWarnings ?? []) print(`plan warning: ${w}\n`);
  if (inputs.breakGlass)
    print(`BREAK GLASS: synthesized with expired acceptances because "${inputs.breakGlass}"\n`);
  for (const e of expired) print(`  EXPIRED ${e}\n`);
  print(`Audit report: ${join(dir, 'index.html')} (${audit.rows.length} rows; CSV and JSON alongside)\n`);
  if (audit.totals.unsuppressedErrors > 0) {
    for (const r of audit.rows
      .filter((x) => (x.status === 'fail' || x.status === 'error') && x.level === 'error')
      .slice(0, 40)) {
      print(`  ERROR ${r.ruleId} ${r.resourcePath || '(app)'}: ${r.description}\n`);
    }
    print(
      `${audit.totals.unsuppressedErrors} unsuppressed error(s). Fix each, or add a register entry with a reason an auditor would accept.\n`,
    );
  }
  if (expired.length > 0)
    print(
      `${expired.length} register acceptance(s) past their review date (listed above). Review each and set a new reviewBy, or fix the finding.\n`,
    );
  return { audit, htmlPath: join(dir, 'index.html'), expired };
}

import type { FindingLevel, LedgerFinding } from '../ledger';
import { principlesForRuleId, type NcscPrinciple } from '../ncsc-principles';
import type { ComplianceRegister } from '../register';
import { addToCounts, APP_WIDE, emptyCounts, type AuditRow, type StatusCounts } from './audit-row';
import type { ValidationReportFile } from '../../shared/validation-report';

/** The audit: every row plus summaries per pack, per stack and overall. */
export interface Audit {
  readonly rows: readonly AuditRow[];
  readonly byPack: Readonly<Record<string, StatusCounts>>;
  readonly byStack: Readonly<Record<string, StatusCounts>>;
  readonly totals: StatusCounts;
  /** Register entries that suppressed nothing in this run (candidates for removal). */
  readonly unusedSuppressions: readonly string[];
}

export interface AuditInputs {
  readonly report: ValidationReportFile;
  /** Findings from compliance-ledger.json; packs listed here take their rows from it. */
  readonly ledger: readonly LedgerFinding[];
  readonly register: ComplianceRegister;
  /** Pack name under which cfn-guard reports, for the disabled-control rows. */
  readonly controlTowerPack?: string;
  /** Control file names (`ct-s3-pr-1`) cfn-guard ran with; controls without a violation get a pass row. */
  readonly controlTowerControls?: readonly string[];
}

/** `CT.KMS.PR.3` from a cfn-guard description "[CT.KMS.PR.3]: ...", or from a file name `ct-kms-pr-3`. */
export function controlIdOf(text: string): string | undefined {
  const m = /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(text);
  if (m) return m[1];
  const f = /^ct-([a-z0-9]+)-pr-(\d+)$/.exec(text);
  return f ? `CT.${f[1]!.toUpperCase()}.PR.${f[2]}` : undefined;
}

function ruleIdOf(ruleName: string, description: string): string {
  const control = controlIdOf(description);
  return control ? `${control} ${ruleName}` : ruleName;
}

function stackOf(path: string): string {
  return path ? (path.split('/')[0] ?? APP_WIDE) : APP_WIDE;
}

function ncscText(p: readonly NcscPrinciple[]): string {
  return p.join(', ');
}

function levelOf(severity: string): FindingLevel {
  const s = severity.toLowerCase();
  if (s === 'error' || s === 'fatal') return 'error';
  if (s === 'info') return 'info';
  return 'warning';
}

const STATUS_ORDER = { error: 0, fail: 1, suppressed: 2, pass: 3, 'not-applicable': 4 } as const;

/** Joins the ledger (every result) and the validation report (what the CDK actually reported). */
export function buildAudit(inputs: AuditInputs): Audit {
  const { rows: ledger, seen } = ledgerRows(inputs.ledger);
  const rows = [...ledger, ...reportRows(inputs, seen), ...disabledControlRows(inputs)];
  rows.push(...passingControlRows(inputs, rows));
  rows.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      a.pack.localeCompare(b.pack) ||
      a.stack.localeCompare(b.stack) ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.resourcePath.localeCompare(b.resourcePath),
  );
  return { rows, ...summaries(rows), unusedSuppressions: unusedSuppressions(inputs, rows) };
}

/** One row per ledger result; `seen` keys (rule id, path) the failures, so the report does not repeat them. */
function ledgerRows(ledger: readonly LedgerFinding[]): { rows: AuditRow[]; seen: Set<string> } {
  const seen = new Set<string>();
  const rows = ledger.map((f): AuditRow => {
    if (f.status === 'fail' || f.status === 'error') seen.add(`${f.ruleId}\u0000${f.constructPath}`);
    return {
      pack: f.pack,
      stack: stackOf(f.constructPath),
      ruleId: f.ruleId,
      resourcePath: f.constructPath,
      resourceType: f.resourceType,
      level: f.level,
      status: f.status,
      ncsc: ncscText(f.ncsc),
      description: f.info,
      reason: f.reason ?? '',
    };
  });
  return { rows, seen };
}

/** Violations and suppressed violations of the validation report's plugins (the ledger's own excepted). */
function reportRows(inputs: AuditInputs, seen: ReadonlySet<string>): AuditRow[] {
  const rows: AuditRow[] = [];
  const ledgerPacks = new Set(inputs.ledger.map((f) => f.pack));
  for (const plugin of inputs.report.pluginReports) {
    if (plugin.pluginName === 'ComplianceLedger') continue;
    const fromLedger = ledgerPacks.has(plugin.pluginName);
    for (const v of plugin.violations) {
      for (const c of v.violatingConstructs.length > 0 ? v.violatingConstructs : [{ constructPath: '' }]) {
        // A violation the ledger already lists is not repeated; one it missed is never dropped.
        if (fromLedger && seen.has(`${v.ruleName}\u0000${c.constructPath}`)) continue;
        rows.push({
          pack: plugin.pluginName,
          stack: stackOf(c.constructPath),
          ruleId: ruleIdOf(v.ruleName, v.description),
          resourcePath: c.constructPath,
          resourceType: '',
          level: levelOf(v.customSeverity ?? v.severity),
          status: 'fail',
          ncsc: ncscText(principlesForRuleId(v.ruleName)),
          description: v.description,
          reason: '',
        });
      }
    }
    for (const v of plugin.suppressedViolations ?? []) {
      for (const c of v.violatingConstructs) {
        rows.push({
          pack: plugin.pluginName,
          stack: stackOf(c.constructPath),
          ruleId: ruleIdOf(v.ruleName, v.description),
          resourcePath: c.constructPath,
          resourceType: '',
          level: levelOf(v.severity),
          status: 'suppressed',
          ncsc: ncscText(principlesForRuleId(v.ruleName)),
          description: v.description,
          reason: v.reason ?? '',
        });
      }
    }
  }
  return rows;
}

/** A suppressed row per Control Tower control the register disables. */
function disabledControlRows(inputs: AuditInputs): AuditRow[] {
  const pack = inputs.controlTowerPack;
  if (!pack) return [];
  return inputs.register.disabledControls.map((c) => ({
    pack,
    stack: APP_WIDE,
    ruleId: controlIdOf(c.control) ?? c.control,
    resourcePath: '',
    resourceType: '',
    level: 'error' as const,
    status: 'suppressed' as const,
    ncsc: ncscText(principlesForRuleId(c.control)),
    description: 'Control Tower proactive control disabled by the compliance register',
    reason: `${c.reason} (accepted by ${c.acceptedBy}, review by ${c.reviewBy})`,
  }));
}

/** A pass row per Control Tower control that ran, is not disabled and has no row in `rows` yet. */
function passingControlRows(inputs: AuditInputs, rows: readonly AuditRow[]): AuditRow[] {
  const pack = inputs.controlTowerPack;
  if (!pack || !inputs.controlTowerControls) return [];
  const disabled = new Set(inputs.register.disabledControls.map((c) => c.control));
  const reported = new Set(rows.filter((r) => r.pack === pack).map((r) => r.ruleId.split(' ')[0]));
  const out: AuditRow[] = [];
  for (const control of inputs.controlTowerControls) {
    const id = controlIdOf(control) ?? control;
    if (disabled.has(control) || reported.has(id)) continue;
    out.push({
      pack,
      stack: APP_WIDE,
      ruleId: id,
      resourcePath: '',
      resourceType: '',
      level: 'error',
      status: 'pass',
      ncsc: ncscText(principlesForRuleId(id)),
      description: 'Control Tower proactive control',
      reason:
        'cfn-guard reported no violation in any template (compliant, or no resource of the kind it checks)',
    });
  }
  return out;
}

/** Status counts per pack, per stack and overall. */
function summaries(rows: readonly AuditRow[]): Pick<Audit, 'byPack' | 'byStack' | 'totals'> {
  const byPack: Record<string, StatusCounts> = {};
  const byStack: Record<string, StatusCounts> = {};
  const totals = emptyCounts();
  for (const row of rows) {
    addToCounts((byPack[row.pack] ??= emptyCounts()), row);
    addToCounts((byStack[row.stack] ??= emptyCounts()), row);
    addToCounts(totals, row);
  }
  return { byPack, byStack, totals };
}

/** Register entries that suppressed nothing in this run, for plugins that ran. */
function unusedSuppressions(inputs: AuditInputs, rows: readonly AuditRow[]): string[] {
  // An entry was used when some suppressed row carries its reason (the register adds it to the acknowledgement).
  const suppressedReasons = rows.filter((r) => r.status === 'suppressed').map((r) => r.reason);
  // Entries for a plugin that did not run (Control Tower without cfn-guard) cannot be judged.
  const ran = (rule: string) =>
    !rule.includes('::') ||
    rule.startsWith('CloudFormation-Validate::') ||
    (!!inputs.controlTowerPack && rule.startsWith(`${inputs.controlTowerPack}::`));
  return inputs.register.suppressions
    .filter((s) => ran(s.rule) && !suppressedReasons.some((reason) => reason.includes(s.reason)))
    .map(
      (s) =>
        `${s.location.file}:${s.location.line} ${s.rule} on "${s.scope}" suppressed no finding in this run`,
    );
}

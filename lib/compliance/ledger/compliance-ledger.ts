import type { LedgerFinding } from './finding';

/** Not-applicable results are counted per rule rather than listed per resource. */
export interface RuleTally {
  readonly pack: string;
  readonly ruleId: string;
  readonly info: string;
  readonly level: LedgerFinding['level'];
  readonly ncsc: LedgerFinding['ncsc'];
  evaluated: number;
  notApplicable: number;
}

/**
 * Records every rule evaluation made by the packs during one synth, because the validation
 * report only lists unsuppressed violations: passes, suppressions and not-applicable rules would
 * otherwise be invisible to the audit report.
 */
export class ComplianceLedger {
  private readonly findings: LedgerFinding[] = [];
  /** By pack, then by rule id (no key string built for each of the millions of evaluations). */
  private readonly tallies = new Map<string, Map<string, RuleTally>>();

  /** Forget a pack's earlier results (a pack is re-run when the app is synthesized again). */
  resetPack(pack: string): void {
    for (let i = this.findings.length - 1; i >= 0; i--)
      if (this.findings[i]!.pack === pack) this.findings.splice(i, 1);
    this.tallies.delete(pack);
  }

  record(finding: LedgerFinding): void {
    this.findings.push(finding);
  }

  /**
   * Counts an evaluation of `ruleId` (base id, without finding suffix); its description is kept
   * from the first (the arguments are plain values: nothing is built for each of the millions of
   * evaluations of a large estate).
   */
  tally(
    pack: string,
    ruleId: string,
    info: string,
    level: RuleTally['level'],
    ncsc: RuleTally['ncsc'],
    notApplicable: boolean,
  ): void {
    let byRule = this.tallies.get(pack);
    if (!byRule) this.tallies.set(pack, (byRule = new Map()));
    let t = byRule.get(ruleId);
    if (!t) {
      t = { pack, ruleId, info, level, ncsc, evaluated: 0, notApplicable: 0 };
      byRule.set(ruleId, t);
    }
    t.evaluated += 1;
    if (notApplicable) t.notApplicable += 1;
  }

  /** Per-resource findings plus one not-applicable row for each rule that applied to nothing. */
  toFindings(): LedgerFinding[] {
    const rows = [...this.findings];
    for (const t of [...this.tallies.values()].flatMap((byRule) => [...byRule.values()])) {
      if (t.evaluated > 0 && t.notApplicable === t.evaluated) {
        rows.push({
          pack: t.pack,
          ruleId: t.ruleId,
          constructPath: '',
          resourceType: '',
          level: t.level,
          status: 'not-applicable',
          info: t.info,
          reason: `No resource in the app is of a kind this rule checks (${t.evaluated} resources examined).`,
          ncsc: t.ncsc,
        });
      }
    }
    return rows;
  }
}

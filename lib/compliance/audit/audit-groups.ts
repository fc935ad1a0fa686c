import { addToCounts, emptyCounts, isUnsuppressedError, type AuditRow, type StatusCounts } from './audit-row';

/** The rows of one rule (pack and rule id), as the audit page lists and loads them. */
export interface AuditGroup {
  /** Position in the page; names the group's row file (`findings/<index>.js`). */
  readonly index: number;
  readonly pack: string;
  readonly ruleId: string;
  readonly rows: number;
  readonly counts: StatusCounts;
  /** Stacks with a row of this rule, sorted. */
  readonly stacks: readonly string[];
  /** Statuses present (`unsuppressed` for unsuppressed errors), for the page's filter. */
  readonly statuses: readonly string[];
  /** The rows, by stack then resource path. */
  readonly members: readonly AuditRow[];
}

/**
 * The audit's rows grouped by pack and rule: rules with unsuppressed errors first, then by pack
 * and rule id; within a rule, rows by stack and resource path.
 */
export function auditGroups(rows: readonly AuditRow[]): AuditGroup[] {
  const byKey = new Map<string, AuditRow[]>();
  for (const r of rows) {
    const key = `${r.pack}\u0000${r.ruleId}`;
    const list = byKey.get(key);
    if (list) list.push(r);
    else byKey.set(key, [r]);
  }
  const groups = [...byKey.values()].map((members) => {
    const counts = emptyCounts();
    const statuses = new Set<string>();
    for (const r of members) {
      addToCounts(counts, r);
      statuses.add(r.status);
      if (isUnsuppressedError(r)) statuses.add('unsuppressed');
    }
    const sorted = [...members].sort(
      (a, b) => cmp(a.stack, b.stack) || cmp(a.resourcePath, b.resourcePath) || cmp(a.status, b.status),
    );
    return {
      pack: members[0]!.pack,
      ruleId: members[0]!.ruleId,
      rows: members.length,
      counts,
      stacks: [...new Set(sorted.map((r) => r.stack))],
      statuses: [...statuses].sort(),
      members: sorted,
    };
  });
  groups.sort(
    (a, b) =>
      b.counts.unsuppressedErrors - a.counts.unsuppressedErrors ||
      cmp(a.pack, b.pack) ||
      cmp(a.ruleId, b.ruleId),
  );
  return groups.map((g, index) => ({ index, ...g }));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

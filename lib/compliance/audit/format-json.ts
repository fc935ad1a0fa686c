import type { AuditMeta } from './audit-meta';
import type { Audit } from './build-audit';

/** The audit as JSON: meta, summaries and every row. */
export function formatAuditJson(audit: Audit, meta: AuditMeta): string {
  return `${JSON.stringify(
    {
      meta,
      summary: {
        totals: audit.totals,
        byPack: audit.byPack,
        byStack: audit.byStack,
        unusedSuppressions: audit.unusedSuppressions,
      },
      rows: audit.rows,
    },
    undefined,
    1,
  )}\n`;
}

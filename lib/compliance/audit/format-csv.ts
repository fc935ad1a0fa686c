import type { AuditRow } from './audit-row';

export const CSV_COLUMNS = [
  'pack',
  'stack',
  'ruleId',
  'resourcePath',
  'resourceType',
  'level',
  'status',
  'ncsc',
  'description',
  'reason',
] as const satisfies readonly (keyof AuditRow)[];

function cell(v: string): string {
  // Quote everything; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** The audit rows as CSV (RFC 4180, CRLF line ends, header row). */
export function formatAuditCsv(rows: readonly AuditRow[]): string {
  const lines = [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

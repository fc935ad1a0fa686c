/** Plain RFC 4180 CSV (CRLF, header first, no BOM) that any importer reads. */

function cell(value: string | number | boolean): string {
  const s = String(value);
  // A leading =, +, - or @ would be run as a formula by spreadsheets; numbers stay as they are.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean)[])[],
): string {
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

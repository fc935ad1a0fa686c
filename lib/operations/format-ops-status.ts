/** Formatters for `estate ops status`: one table per wave, or JSON. */
import type { OpsStatusReport, OpsStatusRow } from './ops-status';

function cells(row: OpsStatusRow): string[] {
  return [
    row.id,
    row.kind,
    row.application,
    row.instanceId ?? '-',
    row.inAlarm.length > 0
      ? row.inAlarm.join(',')
      : row.missingAlarms.length > 0 && row.patch !== 'awaiting adoption'
        ? `(not found: ${row.missingAlarms.join(',')})`
        : '-',
    row.patchDetail ? `${row.patch} (${row.patchDetail})` : row.patch,
  ];
}

const HEADER = ['item', 'kind', 'application', 'instance', 'in ALARM', 'patches'];

/** One aligned table per wave, with a summary line. */
export function formatOpsStatusTable(report: OpsStatusReport): string {
  const out: string[] = [];
  for (const wave of report.waves) {
    const rows = [HEADER, ...wave.rows.map(cells)];
    const widths = HEADER.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
    const alarming = wave.rows.filter((r) => r.inAlarm.length > 0).length;
    const behind = wave.rows.filter((r) => r.patch === 'non-compliant').length;
    out.push(`Wave ${wave.order} (${wave.wave}): ${alarming} in ALARM, ${behind} not patch-compliant`);
    for (const r of rows)
      out.push(
        r
          .map((v, c) => v.padEnd(widths[c]!))
          .join('  ')
          .trimEnd(),
      );
    out.push('');
  }
  if (report.endOfSupport.length > 0) {
    out.push('End of support during the agreement (patches stop: plan the upgrade):');
    for (const e of report.endOfSupport) out.push(`  ${e.date}  ${e.server}  ${e.product}: ${e.event}`);
    out.push('');
  }
  out.push(
    report.applicationsInAlarm.length > 0
      ? `Applications in ALARM: ${report.applicationsInAlarm.join(', ')}`
      : 'Applications in ALARM: none',
  );
  return `${out.join('\n')}\n`;
}

export function formatOpsStatusJson(report: OpsStatusReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

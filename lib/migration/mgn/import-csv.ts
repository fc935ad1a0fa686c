/**
 * An AWS MGN import file for the plan's `mgn` servers (pure): application and wave by plan id, the
 * server's plan id and hostname, platform, and the instance type the plan decided (so MGN's launch
 * settings match the model). Column names are those of the MGN import template, the same ones
 * `mgn-import.csv` in a plan folder is read with (lib/plan/mgn-csv.ts).
 */
import type { PlanServer } from '../../plan/plan';

export const IMPORT_COLUMNS = [
  'mgn:app:name',
  'mgn:wave:name',
  'mgn:server:user-provided-id',
  'mgn:server:fqdn-for-action-framework',
  'mgn:server:platform',
  'mgn:launch:instance-type',
] as const;

function csvCell(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function mgnImportCsv(
  servers: readonly { readonly server: PlanServer; readonly instanceType: string }[],
): string {
  const rows = servers.map(({ server, instanceType }) => [
    server.application,
    server.wave,
    server.id,
    server.hostname,
    server.os.family === 'windows' ? 'WINDOWS' : 'LINUX',
    instanceType,
  ]);
  return `${[[...IMPORT_COLUMNS], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

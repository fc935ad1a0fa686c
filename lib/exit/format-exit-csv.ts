/** The exit plan as CSV: one row per item in leaving order; sums of its columns equal the totals. */
import type { ExitPlan } from './exit-plan';
import { toCsv } from './private/csv';

export const EXIT_CSV_HEADER = [
  'order',
  'type',
  'id',
  'application',
  'wave',
  'entry_route',
  'exit_route',
  'formats',
  'readiness',
  'score',
  'volume_gib',
  'hours',
  'egress_usd',
  'storage_usd',
  'staging_usd',
  'snapshot_export_usd',
  'total_usd',
  'total_with_waiver_usd',
  'blockers',
] as const;

export function renderExitCsv(plan: ExitPlan): string {
  return toCsv(
    EXIT_CSV_HEADER,
    plan.items.map((i, n) => [
      n + 1,
      i.type,
      i.id,
      i.application,
      i.wave,
      i.entryRoute,
      i.route,
      i.formats.join(' '),
      i.readiness,
      i.score,
      i.volumeGiB,
      i.hours,
      i.egressUsd,
      i.storageUsd,
      i.stagingUsd,
      i.snapshotExportUsd,
      i.totalUsd,
      i.totalWithWaiverUsd,
      i.blockers.map((b) => b.code).join(' '),
    ]),
  );
}

/** The exit plan as JSON (stable key order, 2-space indent). */
export function renderExitJson(plan: ExitPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

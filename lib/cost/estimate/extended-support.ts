/**
 * RDS Extended Support in the estimate: a database whose engine version is past RDS standard
 * support (lib/plan/data/software-lifecycle.json) pays a per-vCPU-hour surcharge, on the standby
 * too when Multi-AZ. The band (years 1-2 or year 3) is read at the later of the estimate date and
 * the database's cut-over month. Pure.
 */
import { lifecycleOfDatabase } from '../../plan/software-lifecycle';
import type { PriceSnapshot } from '../pricing';

export interface ExtendedSupportCharge {
  /** e.g. "Amazon RDS for MySQL 8.0". */
  readonly product: string;
  readonly band: 'years 1-2' | 'year 3';
  /** USD per vCPU-hour. */
  readonly vcpuHourUsd: string;
  /** Where the date comes from. */
  readonly source: string;
}

/**
 * The Extended Support charge that applies to a database on `onDate` (YYYY-MM-DD), or undefined
 * when its version is in standard support then, or the snapshot has no rate.
 */
export function extendedSupportFor(
  db: { readonly engine: string; readonly version: string },
  onDate: string,
  snapshot: PriceSnapshot,
): ExtendedSupportCharge | undefined {
  const rates = snapshot.rdsExtendedSupport;
  if (!rates) return undefined;
  for (const entry of lifecycleOfDatabase(db)) {
    const es = entry.rdsExtendedSupport;
    if (!es || onDate <= entry.date || onDate > es.endsAfter) continue;
    const year3 = onDate >= es.year3From;
    return {
      product: entry.product,
      band: year3 ? 'year 3' : 'years 1-2',
      vcpuHourUsd: year3 ? rates.year3VcpuHour : rates.year1to2VcpuHour,
      source: entry.source,
    };
  }
  return undefined;
}

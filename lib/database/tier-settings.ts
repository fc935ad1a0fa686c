/**
 * Database settings that follow the application's tier (Multi-AZ is the estate model's
 * high-availability rule, lib/estate-model/high-availability.ts). Point-in-time recovery covers the
 * retention window; longer-term copies come from AWS Backup (lib/backup).
 */
import type { Tier } from '../plan/schema';

export interface DatabaseTierSettings {
  /** Automated backup retention (days, RDS maximum 35). */
  readonly backupRetentionDays: number;
  /** Retention of exported database logs (days). */
  readonly logRetentionDays: number;
}

export const DATABASE_TIER_SETTINGS: Readonly<Record<Tier, DatabaseTierSettings>> = {
  gold: { backupRetentionDays: 35, logRetentionDays: 365 },
  silver: { backupRetentionDays: 14, logRetentionDays: 180 },
  bronze: { backupRetentionDays: 7, logRetentionDays: 90 },
};

/**
 * Allocated storage: the on-premises size plus 20% headroom, at least 20 GiB (RDS minimum for gp3).
 * The autoscaling ceiling is three times that, capped at the engine maximum.
 */
export function storageFor(
  sizeGiB: number,
  engine: string,
): { allocatedGiB: number; maxAllocatedGiB: number } {
  const engineMax = engine === 'sqlserver' ? 16384 : 65536;
  const allocatedGiB = Math.max(20, Math.ceil(sizeGiB * 1.2));
  if (allocatedGiB > engineMax) {
    throw new Error(
      `Database of ${sizeGiB} GiB exceeds the RDS ${engine} storage maximum of ${engineMax} GiB`,
    );
  }
  return { allocatedGiB, maxAllocatedGiB: Math.min(engineMax, allocatedGiB * 3) };
}

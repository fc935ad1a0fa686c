/**
 * Database settings that follow the application's tier (Multi-AZ is the estate model's
 * high-availability rule, lib/estate-model/high-availability.ts). Point-in-time recovery covers the
 * retention window; longer-term copies come from AWS Backup (lib/backup).
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { DataClassification, Tier } from '../plan/schema';

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

/** Shortest retention of database logs (the audit trail among them) per data classification. */
export const MINIMUM_LOG_RETENTION_DAYS: Readonly<Record<DataClassification, number>> = {
  OFFICIAL: 90,
  'OFFICIAL-SENSITIVE': 365,
};

/** Days to keep exported database logs: the tier's period, at least the classification's minimum. */
export function logRetentionDaysFor(tier: Tier, classification: DataClassification): number {
  return Math.max(DATABASE_TIER_SETTINGS[tier].logRetentionDays, MINIMUM_LOG_RETENTION_DAYS[classification]);
}

const RETENTION_DAYS: readonly RetentionDays[] = [
  RetentionDays.ONE_WEEK,
  RetentionDays.ONE_MONTH,
  RetentionDays.THREE_MONTHS,
  RetentionDays.SIX_MONTHS,
  RetentionDays.ONE_YEAR,
  RetentionDays.TWO_YEARS,
];

/**
 * The CloudWatch retention for an application's database and server logs: the smallest period
 * that keeps them at least {@link logRetentionDaysFor} days.
 */
export function logRetentionFor(tier: Tier, classification: DataClassification): RetentionDays {
  const days = logRetentionDaysFor(tier, classification);
  return RETENTION_DAYS.find((r) => (r as number) >= days) ?? RetentionDays.TEN_YEARS;
}

/** Server (host) logs: the application's log retention, at least one year (audit trail). */
export function serverLogRetentionFor(tier: Tier, classification: DataClassification): RetentionDays {
  const retention = logRetentionFor(tier, classification);
  return (retention as number) >= 365 ? retention : RetentionDays.ONE_YEAR;
}

/** Allocated storage is the estate model's decision (lib/estate-model/database-storage.ts). */
export { storageFor } from '../estate-model/database-storage';

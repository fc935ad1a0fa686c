/**
 * Alarm thresholds by tier: the one source the alarms and docs/operations.md's table follow. Gold
 * is told earliest. Every alarm evaluates 5-minute periods and fires after `periods` of them
 * breach (15 minutes), so a short spike is not an incident.
 */
import type { Tier } from '../plan/schema';

export interface TierThresholds {
  /** Server and database CPU, average percent. */
  readonly cpuPercent: number;
  /** Server memory in use (CloudWatch agent), percent. */
  readonly memoryUsedPercent: number;
  /** Server disk free space, percent of the fullest volume (CloudWatch agent). */
  readonly diskFreePercent: number;
  /** Database free storage, percent of the allocated storage. */
  readonly databaseFreeStoragePercent: number;
  /** Database freeable memory, percent of the instance class's memory. */
  readonly databaseFreeableMemoryPercent: number;
  /** Database connections, percent of the engine's default connection limit for the class. */
  readonly databaseConnectionsPercent: number;
  /** Periods of 5 minutes that must breach. */
  readonly periods: number;
}

/** Seconds in one evaluation period. */
export const ALARM_PERIOD_SECONDS = 300;

export const TIER_THRESHOLDS: Readonly<Record<Tier, TierThresholds>> = {
  gold: {
    cpuPercent: 80,
    memoryUsedPercent: 85,
    diskFreePercent: 20,
    databaseFreeStoragePercent: 20,
    databaseFreeableMemoryPercent: 10,
    databaseConnectionsPercent: 80,
    periods: 3,
  },
  silver: {
    cpuPercent: 85,
    memoryUsedPercent: 90,
    diskFreePercent: 15,
    databaseFreeStoragePercent: 15,
    databaseFreeableMemoryPercent: 10,
    databaseConnectionsPercent: 85,
    periods: 3,
  },
  bronze: {
    cpuPercent: 90,
    memoryUsedPercent: 95,
    diskFreePercent: 10,
    databaseFreeStoragePercent: 10,
    databaseFreeableMemoryPercent: 5,
    databaseConnectionsPercent: 90,
    periods: 3,
  },
};

/**
 * The council-standard backup schedules per tier, as data. Gold: hourly (RPO 1 hour) plus daily
 * for 35 days, monthly for a year and yearly for 7 years (statutory records); silver: daily for
 * 35 days and monthly for a year; bronze: daily for 14 days. Cold storage is used only where a copy
 * is kept long enough for it to pay: AWS bills cold storage for at least 90 days, so a copy moves
 * to cold only when it stays there 90 days or more (deleteAfter >= moveToCold + 90).
 */
import type { Tier } from '../plan/schema';

export interface BackupScheduleRule {
  /** Rule name (letters, digits, hyphens). */
  readonly name: string;
  /** Cron fields for events.Schedule.cron, evaluated in UTC. */
  readonly cron: {
    readonly minute: string;
    readonly hour: string;
    readonly day?: string;
    readonly month?: string;
  };
  readonly deleteAfterDays: number;
  /** @default - stays in warm storage */
  readonly moveToColdAfterDays?: number;
}

export const TIER_SCHEDULES: Readonly<Record<Tier, readonly BackupScheduleRule[]>> = {
  gold: [
    { name: 'Hourly', cron: { minute: '0', hour: '*' }, deleteAfterDays: 7 },
    { name: 'Daily', cron: { minute: '0', hour: '1' }, deleteAfterDays: 35 },
    {
      name: 'Monthly',
      cron: { minute: '0', hour: '2', day: '1' },
      deleteAfterDays: 365,
      moveToColdAfterDays: 30,
    },
    {
      name: 'Yearly',
      cron: { minute: '0', hour: '3', day: '1', month: '4' },
      deleteAfterDays: 7 * 365,
      moveToColdAfterDays: 30,
    },
  ],
  silver: [
    { name: 'Daily', cron: { minute: '0', hour: '1' }, deleteAfterDays: 35 },
    {
      name: 'Monthly',
      cron: { minute: '0', hour: '2', day: '1' },
      deleteAfterDays: 365,
      moveToColdAfterDays: 30,
    },
  ],
  bronze: [{ name: 'Daily', cron: { minute: '0', hour: '1' }, deleteAfterDays: 14 }],
};

/** Hours after its scheduled time a backup job may start (the plans' start window). */
export const BACKUP_START_WINDOW_HOURS = 1;

/** Hours a started backup job of this rule may run (the plans' completion window). */
export function completionWindowHours(rule: Pick<BackupScheduleRule, 'name'>): number {
  return rule.name === 'Hourly' ? 2 : 8;
}

/** Minimum days a recovery point must stay in cold storage (AWS bills at least this much). */
export const COLD_STORAGE_MINIMUM_DAYS = 90;

export interface VaultLockBounds {
  readonly minRetentionDays: number;
  readonly maxRetentionDays: number;
}

/**
 * Problems with the schedules against AWS's cold-storage rule and the plan's vault lock. A vault lock
 * rejects recovery points outside its bounds, so a mismatch would make every such job fail.
 */
export function scheduleProblems(
  schedules: Readonly<Record<Tier, readonly BackupScheduleRule[]>>,
  lock: VaultLockBounds,
): string[] {
  const problems: string[] = [];
  if (lock.minRetentionDays > lock.maxRetentionDays) {
    problems.push(
      `backup.vaultLock: minRetentionDays ${lock.minRetentionDays} is above maxRetentionDays ${lock.maxRetentionDays}`,
    );
  }
  for (const [tier, rules] of Object.entries(schedules)) {
    for (const rule of rules) {
      const where = `${tier} ${rule.name} backups (kept ${rule.deleteAfterDays} days)`;
      if (rule.deleteAfterDays < lock.minRetentionDays) {
        problems.push(`${where} are shorter than backup.vaultLock.minRetentionDays ${lock.minRetentionDays}`);
      }
      if (rule.deleteAfterDays > lock.maxRetentionDays) {
        problems.push(`${where} are longer than backup.vaultLock.maxRetentionDays ${lock.maxRetentionDays}`);
      }
      if (
        rule.moveToColdAfterDays !== undefined &&
        rule.deleteAfterDays < rule.moveToColdAfterDays + COLD_STORAGE_MINIMUM_DAYS
      ) {
        problems.push(
          `${where} move to cold storage after ${rule.moveToColdAfterDays} days but leave it before ${COLD_STORAGE_MINIMUM_DAYS} days there`,
        );
      }
    }
  }
  return problems;
}

/** The shortest retention of any tier's rule: the recovery vault's lock minimum follows it. */
export function shortestRetentionDays(
  schedules: Readonly<Record<Tier, readonly BackupScheduleRule[]>>,
): number {
  return Math.min(...Object.values(schedules).flatMap((rules) => rules.map((r) => r.deleteAfterDays)));
}

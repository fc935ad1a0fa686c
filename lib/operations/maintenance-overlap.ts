/**
 * Whether patch windows keep clear of the backup windows. A backup window runs from a rule's
 * scheduled time to the end of its start and completion windows (lib/backup/tier-schedules.ts),
 * taken as daily even for the monthly and yearly rules (conservative). The gold tier's hourly
 * snapshots run every hour, so no window could avoid them: they are left out (a reboot during one
 * leaves that one snapshot crash-consistent; the next hour's is not affected). RDS maintenance
 * windows are checked against the same windows and against RDS's own backup window.
 */
import { BACKUP_START_WINDOW_HOURS, completionWindowHours, TIER_SCHEDULES } from '../backup/tier-schedules';
import type { MaintenanceWindowDecision } from '../estate-model/operations';

const DAY = 24 * 60;
const WEEK = 7 * DAY;

/** A daily interval in minutes after midnight UTC; `end` may pass midnight. */
export interface DailyInterval {
  readonly label: string;
  readonly start: number;
  readonly end: number;
}

/** The backup windows of every tier (hourly rules left out: see the file comment). */
export function backupWindows(): DailyInterval[] {
  const out: DailyInterval[] = [];
  for (const [tier, rules] of Object.entries(TIER_SCHEDULES)) {
    for (const rule of rules) {
      if (rule.name === 'Hourly') continue;
      const start = Number(rule.cron.hour) * 60 + Number(rule.cron.minute);
      const hours = BACKUP_START_WINDOW_HOURS + completionWindowHours(rule);
      out.push({ label: `${tier} ${rule.name} backups`, start, end: start + hours * 60 });
    }
  }
  return out;
}

/** A weekly interval in minutes after Sunday 00:00 UTC. */
interface WeeklyInterval {
  readonly start: number;
  readonly end: number;
}

function overlaps(a: WeeklyInterval, b: WeeklyInterval): boolean {
  // Compare against b shifted a week either way, for intervals that wrap past Saturday midnight.
  return [-WEEK, 0, WEEK].some((shift) => a.start < b.end + shift && b.start + shift < a.end);
}

/** The backup windows (daily) each patch window overlaps; empty when it keeps clear. */
export function backupOverlapsOf(window: MaintenanceWindowDecision, backups = backupWindows()): string[] {
  const start = window.dayOfWeek * DAY + window.startHour * 60;
  const patch = { start, end: start + window.durationHours * 60 };
  return backups
    .filter((b) =>
      Array.from({ length: 8 }, (_, d) => d - 1).some((d) =>
        overlaps(patch, { start: d * DAY + b.start, end: d * DAY + b.end }),
      ),
    )
    .map((b) => b.label);
}

/** Parses an RDS window "ddd:hh:mm-ddd:hh:mm" into a weekly interval. */
export function rdsWindowInterval(window: string): WeeklyInterval {
  const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const [from, to] = window.split('-').map((p) => {
    const [d, h, m] = p.split(':');
    return days.indexOf(d!) * DAY + Number(h) * 60 + Number(m);
  });
  return { start: from!, end: to! < from! ? to! + WEEK : to! };
}

/** The backup windows an RDS maintenance window overlaps (AWS Backup's and the RDS backup window). */
export function rdsBackupOverlapsOf(maintenance: string, rdsBackupWindow: string): string[] {
  const m = rdsWindowInterval(maintenance);
  const [bs, be] = rdsBackupWindow.split('-').map((t) => {
    const [h, mm] = t.split(':');
    return Number(h) * 60 + Number(mm);
  });
  const daily = [
    ...backupWindows(),
    { label: 'RDS automated backups', start: bs!, end: be! < bs! ? be! + DAY : be! },
  ];
  return daily
    .filter((b) =>
      Array.from({ length: 8 }, (_, d) => d - 1).some((d) =>
        overlaps(m, { start: d * DAY + b.start, end: d * DAY + b.end }),
      ),
    )
    .map((b) => b.label);
}

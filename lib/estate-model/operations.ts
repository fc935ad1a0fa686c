/**
 * Operations decisions, made once per application, server and database (docs/operations.md):
 *
 * - **Alerts:** each application's alarms and events go to its own topic `<estate>-alerts-<app>`
 *   (KMS-encrypted, created by the Operations stack), with the plan's e-mail subscribed; or, when
 *   the plan names an existing topic ARN, straight to that topic. The application's `alerts`
 *   wins over the estate's `operations.alerts`.
 * - **Patch group:** one per OS family and approval class (`<estate>-<family>-<class>`): the
 *   class is `non-production` for non-production applications, else the tier, so non-production
 *   servers get patches first and gold last (the baseline's approval delay).
 * - **Maintenance window:** one per approval class, wave slot and zone slot. The day follows the
 *   class (non-production Tuesday, bronze Wednesday, silver Thursday, gold Saturday), moved on one
 *   day per zone index: two servers of one role in different availability zones (a redundant pair,
 *   see placement.ts) never patch in the same window. The hour follows the wave (waves 1, 4, 7...
 *   at 18:00 UTC, 2, 5, 8... at 20:00, 3, 6, 9... at 22:00), two hours each, so every window ends by
 *   midnight, clear of the backup windows (01:00 to 12:00 UTC, lib/backup/tier-schedules.ts).
 * - **RDS:** minor versions upgrade automatically in a 30-minute window on the class's day at
 *   18:00 UTC; RDS's own automated backups run 00:00 to 00:30 UTC, before AWS Backup's.
 */
import type { Plan, PlanApplication, PlanServer } from '../plan/plan';
import type { Tier } from '../plan/schema';
import type { ImageDecision } from './image';
import { placementZones } from './placement';

/** Where an application's alerts go. */
export type AlertsDecision =
  | {
      readonly kind: 'estate-topic';
      /** The application's own topic, created by the Operations stack of its account. */
      readonly topicName: string;
      /** Subscribed by e-mail; null when neither the application nor the estate names one. */
      readonly email: string | null;
      readonly reason: string;
    }
  | {
      readonly kind: 'existing-topic';
      readonly topicArn: string;
      readonly reason: string;
    };

/** Patch Manager operating systems the estate's servers map to. */
export const PATCH_FAMILIES = ['windows-server', 'rhel', 'centos', 'ubuntu', 'amazon-linux'] as const;
export type PatchFamily = (typeof PATCH_FAMILIES)[number];

/** Non-production applications first, then the production tiers. */
export const APPROVAL_CLASSES = ['non-production', 'bronze', 'silver', 'gold'] as const;
export type ApprovalClass = (typeof APPROVAL_CLASSES)[number];

/** Days after release before a patch is approved, per class: non-production first. */
export const APPROVAL_DELAY_DAYS: Readonly<Record<ApprovalClass, number>> = {
  'non-production': 0,
  bronze: 7,
  silver: 10,
  gold: 14,
};

/** Day of the week each class's first window runs (0 = Sunday). */
const CLASS_DAY: Readonly<Record<ApprovalClass, number>> = {
  'non-production': 2,
  bronze: 3,
  silver: 4,
  gold: 6,
};
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
/** Start hours (UTC) of the wave slots; each window lasts {@link WINDOW_HOURS}. */
export const WAVE_SLOT_HOURS = [18, 20, 22] as const;
export const WINDOW_HOURS = 2;
/** No new install starts in the last hour of a window. */
export const WINDOW_CUTOFF_HOURS = 1;

/** One maintenance window (weekly, UTC). */
export interface MaintenanceWindowDecision {
  /** e.g. "peterborough-gold-w1-z2": unique in the account. */
  readonly name: string;
  readonly approvalClass: ApprovalClass;
  /** 0-based wave slot (index into WAVE_SLOT_HOURS). */
  readonly waveSlot: number;
  /** 0-based index of the availability zone (in placement order). */
  readonly zoneSlot: number;
  /** 0 = Sunday. */
  readonly dayOfWeek: number;
  readonly startHour: number;
  readonly durationHours: number;
  readonly cutoffHours: number;
  /** SSM schedule, e.g. "cron(0 18 ? * TUE *)". */
  readonly schedule: string;
}

export interface ServerOperations {
  readonly patchFamily: PatchFamily;
  readonly approvalClass: ApprovalClass;
  /** Value of the server's `Patch Group` tag: exactly one per server. */
  readonly patchGroup: string;
  /** Value of the server's `MaintenanceWindow` tag: the window's name. */
  readonly maintenanceWindow: MaintenanceWindowDecision;
  readonly reason: string;
}

export interface DatabaseOperations {
  readonly approvalClass: ApprovalClass;
  /** RDS `PreferredMaintenanceWindow`, e.g. "sat:18:00-sat:18:30" (UTC). */
  readonly maintenanceWindow: string;
  /** RDS `PreferredBackupWindow` (UTC), before AWS Backup's first job. */
  readonly backupWindow: string;
  readonly autoMinorVersionUpgrade: true;
}

/** The tag key Patch Manager reads a server's patch group from ("PatchGroup" or "Patch Group"; the form without a space also works with tags in instance metadata). */
export const PATCH_GROUP_TAG = 'PatchGroup';
/** The tag key maintenance window targets select servers by. */
export const MAINTENANCE_WINDOW_TAG = 'MaintenanceWindow';

/** The name of an application's own alerts topic. */
export function alertsTopicName(estateId: string, applicationId: string): string {
  return `${estateId}-alerts-${applicationId}`;
}

/** Where one application's alerts go. */
export function alertsFor(plan: Plan, application: PlanApplication): AlertsDecision {
  const own = application.alerts;
  const target = own ?? plan.operations.alerts;
  const from = own ? `applications "${application.id}" alerts` : 'operations.alerts (the estate default)';
  if (target && 'topicArn' in target) {
    return { kind: 'existing-topic', topicArn: target.topicArn, reason: `${from}: existing topic` };
  }
  return {
    kind: 'estate-topic',
    topicName: alertsTopicName(plan.estate.id, application.id),
    email: target?.email ?? null,
    reason: target
      ? `${from}: ${target.email} subscribed to the application's topic`
      : 'no alerts target in the plan: the application topic has no subscriber',
  };
}

/** The approval class of an application: its environment, then its tier. */
export function approvalClassOf(application: Pick<PlanApplication, 'environment' | 'tier'>): ApprovalClass {
  return application.environment === 'non-production' ? 'non-production' : (application.tier satisfies Tier);
}

/** The Patch Manager family of a server: its base image when rebuilt from one, else its OS. */
export function patchFamilyOf(server: Pick<PlanServer, 'id' | 'os'>, image?: ImageDecision): PatchFamily {
  if (image?.source === 'base-image') {
    const base = image.baseImage;
    if (base.startsWith('windows')) return 'windows-server';
    if (base.startsWith('rhel')) return 'rhel';
    if (base.startsWith('ubuntu')) return 'ubuntu';
    return 'amazon-linux';
  }
  if (server.os.family === 'windows') return 'windows-server';
  const name = server.os.name.toLowerCase();
  if (/\b(rhel|red hat)\b/.test(name)) return 'rhel';
  if (name.includes('centos')) return 'centos';
  if (name.includes('ubuntu')) return 'ubuntu';
  if (name.includes('amazon')) return 'amazon-linux';
  // Another Linux name (Oracle Linux, Rocky, a generic "Linux"): the council's other Linux servers
  // are RHEL-compatible (yum/dnf), so they take the RHEL baseline (docs/operations.md).
  return 'rhel';
}

/** The maintenance window of a class, wave and zone. */
export function maintenanceWindow(
  estateId: string,
  approvalClass: ApprovalClass,
  waveOrder: number,
  zoneSlot: number,
): MaintenanceWindowDecision {
  const waveSlot = (Math.max(waveOrder, 1) - 1) % WAVE_SLOT_HOURS.length;
  const dayOfWeek = (CLASS_DAY[approvalClass] + zoneSlot) % 7;
  const startHour = WAVE_SLOT_HOURS[waveSlot]!;
  return {
    name: `${estateId}-${approvalClass}-w${waveSlot + 1}-z${zoneSlot + 1}`,
    approvalClass,
    waveSlot,
    zoneSlot,
    dayOfWeek,
    startHour,
    durationHours: WINDOW_HOURS,
    cutoffHours: WINDOW_CUTOFF_HOURS,
    schedule: `cron(0 ${startHour} ? * ${DAYS[dayOfWeek]} *)`,
  };
}

/** The operations decisions of one landing-zone server. */
export function serverOperationsFor(
  plan: Plan,
  server: Pick<PlanServer, 'id' | 'os'>,
  application: PlanApplication,
  waveOrder: number,
  availabilityZone: string,
  image?: ImageDecision,
): ServerOperations {
  const approvalClass = approvalClassOf(application);
  const patchFamily = patchFamilyOf(server, image);
  const zoneSlot = Math.max(placementZones(plan.network.availabilityZones).indexOf(availabilityZone), 0);
  const window = maintenanceWindow(plan.estate.id, approvalClass, waveOrder, zoneSlot);
  return {
    patchFamily,
    approvalClass,
    patchGroup: `${plan.estate.id}-${patchFamily}-${approvalClass}`,
    maintenanceWindow: window,
    reason: `${patchFamily} ${approvalClass}: approved after ${APPROVAL_DELAY_DAYS[approvalClass]} days; window ${DAYS[window.dayOfWeek]} ${window.startHour}:00 UTC (wave slot ${window.waveSlot + 1}, zone ${availabilityZone})`,
  };
}

/** The RDS maintenance and backup windows of a database of this application. */
export function databaseOperationsFor(application: PlanApplication): DatabaseOperations {
  const approvalClass = approvalClassOf(application);
  const day = DAYS[CLASS_DAY[approvalClass]]!.toLowerCase();
  return {
    approvalClass,
    maintenanceWindow: `${day}:18:00-${day}:18:30`,
    backupWindow: '00:00-00:30',
    autoMinorVersionUpgrade: true,
  };
}

/**
 * How many RDS snapshots the tier backup plans keep at once, against the account's default quota
 * of 100 manual DB snapshots per region (AWS Backup's RDS snapshots count as manual snapshots;
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html). A plan that would
 * exceed it is valid, but its backup jobs start failing once the quota is reached, so it warns.
 */
import type { EstateModel } from '../estate-model/estate-model';
import type { PlanProblem } from '../plan/errors';
import type { Tier } from '../plan/schema';
import { TIER_SCHEDULES, type BackupScheduleRule } from './tier-schedules';

/** Default quota of manual DB snapshots per region. */
export const RDS_MANUAL_SNAPSHOT_QUOTA = 100;

/** Recovery points one rule keeps at once for one resource. */
export function retainedPointsOf(rule: BackupScheduleRule): number {
  const { cron } = rule;
  if (cron.hour === '*') return rule.deleteAfterDays * 24;
  if (cron.month !== undefined) return Math.ceil(rule.deleteAfterDays / 365);
  if (cron.day !== undefined) return Math.ceil(rule.deleteAfterDays / 30);
  return rule.deleteAfterDays;
}

/** Snapshots one database of `tier` holds at once. */
export function retainedSnapshotsPerDatabase(tier: Tier): number {
  return TIER_SCHEDULES[tier].reduce((sum, rule) => sum + retainedPointsOf(rule), 0);
}

/**
 * Warning check: the plan's databases would hold more snapshots than the default quota. The quota
 * is per account: with a separate non-production account each workload account is counted alone
 * (the estate model's account decision).
 */
export function snapshotQuotaWarnings(model: EstateModel): PlanProblem[] {
  const accounts = model.accounts.map((a) => a.account);
  return accounts.flatMap((account) => {
    const perTier = new Map<Tier, number>();
    for (const db of model.databases) {
      if (!db.landingZone || db.account.account !== account) continue;
      const tier = db.backup.tier;
      perTier.set(tier, (perTier.get(tier) ?? 0) + 1);
    }
    const parts = [...perTier.entries()].map(([tier, n]) => ({
      tier,
      n,
      each: retainedSnapshotsPerDatabase(tier),
    }));
    const total = parts.reduce((sum, p) => sum + p.n * p.each, 0);
    if (total <= RDS_MANUAL_SNAPSHOT_QUOTA) return [];
    const detail = parts.map((p) => `${p.n} ${p.tier} x ${p.each}`).join(' + ');
    const where = accounts.length > 1 ? ` in account ${account}` : '';
    return [
      {
        file: 'databases.yaml',
        path: 'databases',
        message:
          `AWS Backup will keep ${total} RDS snapshots at once${where} (${detail}), above the default quota of ` +
          `${RDS_MANUAL_SNAPSHOT_QUOTA} manual DB snapshots per region; request a quota increase in Service Quotas before the first databases migrate`,
      },
    ];
  });
}

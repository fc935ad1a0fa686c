import { Money } from '../../../shared/money';
import { monthStartDate } from '../../../shared/months';
import { rdsStorageMonthlyUsdPerGiB } from '../../pricing';
import type { MonthLines } from './month-lines';
import { activeDays, dayNumber, firstActiveDay, type Period } from './periods';
import type { SampleDatabase } from './resources';
import { retention, type SampleRates } from './sample-rates';
import { SERVICES } from './services';

/** RDS instance, storage and (from cutover) snapshot lines for one database in one period. */
export function databaseLines(
  out: MonthLines,
  p: Period,
  db: SampleDatabase,
  ctx: { estateId: string; region: string; account: string; prefix: string; rates: SampleRates },
): void {
  const d = activeDays(p, firstActiveDay(db.cutover));
  if (d === 0) return;
  const monthDays = ctx.rates.daysInBillingMonth;
  const h = new Money(d * 24);
  const tags = { Application: db.application, MigrationWave: db.wave, Estate: ctx.estateId };
  const arn = `arn:aws:rds:${ctx.region}:${ctx.account}:db:${db.id}`;
  out.add(p, SERVICES.rds, {
    billed: db.hourly.times(h),
    description: `${db.instanceClass} ${db.engine}${db.multiAz ? ' Multi-AZ' : ''} instance hours`,
    usageType: `${ctx.prefix}-${db.multiAz ? 'Multi-AZUsage' : 'InstanceUsage'}:${db.instanceClass}`,
    operation: 'CreateDBInstance',
    quantity: h,
    unit: 'Hours',
    resourceId: arn,
    resourceName: db.id,
    resourceType: 'DBInstance',
    tags,
  });
  const gibMonths = new Money(db.sizeGiB).times(d).dividedBy(monthDays);
  out.add(p, SERVICES.rds, {
    billed: new Money(rdsStorageMonthlyUsdPerGiB(db.multiAz)).times(gibMonths),
    description: `gp3 storage, ${db.sizeGiB} GiB`,
    usageType: `${ctx.prefix}-RDS:${db.multiAz ? 'Multi-AZ-' : ''}GP3-Storage`,
    quantity: gibMonths.toDecimalPlaces(6),
    unit: 'GB-Mo',
    resourceId: arn,
    tags,
  });
  const backupDays = activeDays(p, dayNumber(monthStartDate(db.cutover)));
  if (backupDays > 0) {
    const gib = new Money(db.sizeGiB)
      .times(retention(p.month, db.cutover))
      .times(backupDays)
      .dividedBy(monthDays);
    out.add(p, SERVICES.backup, {
      billed: ctx.rates.backup.times(gib),
      description: 'RDS snapshot warm storage',
      usageType: `${ctx.prefix}-RDS:ChargedBackupUsage`,
      quantity: gib.toDecimalPlaces(6),
      unit: 'GB-Mo',
      resourceId: arn,
      tags,
    });
  }
}

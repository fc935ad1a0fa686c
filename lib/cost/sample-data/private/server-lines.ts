import { Money } from '../../../shared/money';
import { addMonths, monthStartDate } from '../../../shared/months';
import type { SeededRandom } from '../prng';
import { stableId } from '../prng';
import type { MonthLines } from './month-lines';
import { activeDays, dayNumber, firstActiveDay, type Period } from './periods';
import type { SampleServer } from './resources';
import { retention, type SampleRates } from './sample-rates';
import { SERVICES } from './services';

/** Compute Savings Plan the estate's production EC2 moves onto two months after cutover. */
export interface SavingsPlanRef {
  readonly arn: string;
}

/**
 * EC2 compute, EBS, data transfer and (from cutover) backup lines for one server in one period.
 * Returns the savings-plan charge its compute used (0 when not covered) and whether it ran.
 */
export function serverLines(
  out: MonthLines,
  p: Period,
  s: SampleServer,
  ctx: {
    estateId: string;
    region: string;
    prefix: string;
    rates: SampleRates;
    rng: SeededRandom;
    savingsPlan: SavingsPlanRef;
  },
): { ran: boolean; savingsPlanUsed: Money } {
  const d = activeDays(p, firstActiveDay(s.cutover));
  if (d === 0) return { ran: false, savingsPlanUsed: new Money(0) };
  const monthDays = ctx.rates.daysInBillingMonth;
  const h = new Money(d * 24);
  const tags = { Application: s.application, MigrationWave: s.wave, Estate: ctx.estateId };
  const instanceId = stableId('i-', s.id);
  const onDemand = s.onDemandHourly.times(h);
  const covered = s.production && p.month >= addMonths(s.cutover, 2);
  const sp = s.savingsPlanHourly.times(h);
  out.add(p, SERVICES.ec2, {
    billed: covered ? new Money(0) : onDemand,
    effective: covered ? sp : onDemand,
    list: onDemand,
    description: `${s.instanceType} ${s.os === 'windows' ? 'Windows' : 'Linux'} on-demand hours`,
    usageType: `${ctx.prefix}-BoxUsage:${s.instanceType}`,
    operation: s.os === 'windows' ? 'RunInstances:0002' : 'RunInstances',
    quantity: h,
    unit: 'Hours',
    resourceId: instanceId,
    resourceName: s.id,
    resourceType: 'Instance',
    tags,
    extra: covered
      ? {
          PricingCategory: 'Committed',
          CommitmentDiscountCategory: 'Spend',
          CommitmentDiscountId: ctx.savingsPlan.arn,
          CommitmentDiscountStatus: 'Used',
          CommitmentDiscountType: 'Compute Savings Plan',
        }
      : {},
  });
  const gibMonths = new Money(s.diskGiB).times(d).dividedBy(monthDays);
  out.add(p, SERVICES.ec2, {
    billed: ctx.rates.ebs.times(gibMonths),
    description: `gp3 storage, ${s.diskGiB} GiB`,
    usageType: `${ctx.prefix}-EBS:VolumeUsage.gp3`,
    operation: 'CreateVolume-Gp3',
    quantity: gibMonths.toDecimalPlaces(6),
    unit: 'GB-Mo',
    resourceId: stableId('vol-', s.id),
    resourceType: 'Volume',
    tags,
  });
  const gbOut = new Money(ctx.rng.decimal(0.2, 3, 3)).times(d);
  out.add(p, SERVICES.transfer, {
    billed: ctx.rates.transferGb.times(gbOut),
    description: 'Data transfer out to the internet',
    usageType: `${ctx.prefix}-DataTransfer-Out-Bytes`,
    operation: 'RunInstances',
    quantity: gbOut,
    unit: 'GB',
    resourceId: instanceId,
    tags,
  });
  const backupDays = activeDays(p, dayNumber(monthStartDate(s.cutover)));
  if (backupDays > 0) {
    const gib = new Money(s.diskGiB)
      .times(retention(p.month, s.cutover))
      .times(backupDays)
      .dividedBy(monthDays);
    out.add(p, SERVICES.backup, {
      billed: ctx.rates.backup.times(gib),
      description: 'EBS snapshot warm storage',
      usageType: `${ctx.prefix}-EBS:SnapshotUsage`,
      quantity: gib.toDecimalPlaces(6),
      unit: 'GB-Mo',
      resourceId: `arn:aws:ec2:${ctx.region}::snapshot/${stableId('snap-', `${s.id}-${p.month}`)}`,
      tags,
    });
  }
  return { ran: true, savingsPlanUsed: covered ? sp : new Money(0) };
}

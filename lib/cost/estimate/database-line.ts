/**
 * The estimate line of one database: the estate model's instance class, Multi-AZ and allocated
 * storage (the on-premises size plus headroom, as lib/database builds it), priced from the
 * snapshot, with the RDS Extended Support surcharge where the version is past standard support.
 * RDS is not covered by Compute Savings Plans: on-demand at every rate. Pure.
 */
import { Money } from '../../shared/money';
import type { DatabaseDecision } from '../../estate-model';
import {
  backupStorageMonthlyUsdPerGiB,
  HOURS_PER_MONTH,
  rdsHourlyUsd,
  rdsStorageMonthlyUsdPerGiB,
  type PriceSnapshot,
} from '../pricing';
import { extendedSupportFor, type ExtendedSupportCharge } from './extended-support';
import { same, type ExactLine } from './line-pricing';

export interface DatabasePricing {
  readonly snapshot: PriceSnapshot;
  /** The date Extended Support is read at: the later of the estimate date and the cut-over. */
  readonly onDate: string;
}

interface Extended {
  readonly charge: ExtendedSupportCharge;
  readonly vcpu: number;
  readonly hourly: Money;
}

function extendedOf(d: DatabaseDecision, p: DatabasePricing): Extended | undefined {
  const charge = extendedSupportFor(d.engine, p.onDate, p.snapshot);
  if (!charge) return undefined;
  const vcpu = p.snapshot.rds[d.size.instanceClass]?.vcpu ?? 0;
  const copies = d.highAvailability.multiAz ? 2 : 1;
  return { charge, vcpu, hourly: new Money(charge.vcpuHourUsd).times(vcpu).times(copies) };
}

function resourceText(d: DatabaseDecision, ext: Extended | undefined): string {
  const { engine, edition } = d.engine;
  const multiAz = d.highAvailability.multiAz;
  const extended = ext
    ? `, RDS Extended Support ${ext.charge.band} (${ext.vcpu} vCPU x $${ext.charge.vcpuHourUsd}/vCPU-hour${multiAz ? ' x 2 for Multi-AZ' : ''})`
    : '';
  return `${d.size.instanceClass} ${engine}${edition ? ` ${edition}` : ''}${multiAz ? ' Multi-AZ' : ''}, gp3 ${d.storage.allocatedGiB} GiB allocated (${d.sizeGiB} GiB data), backup ${d.sizeGiB} GiB${extended}`;
}

function reasonText(d: DatabaseDecision, ext: Extended | undefined): string {
  const extended = ext
    ? `; ${ext.charge.product} is past RDS standard support (${ext.charge.source}): upgrade to stop the surcharge`
    : '';
  return `${d.size.reason}; ${d.highAvailability.reason}; licence ${d.engine.licence}; storage ${d.storage.reason}; RDS is not covered by Compute Savings Plans (on-demand at every rate)${extended}`;
}

export function databaseLine(d: DatabaseDecision, p: DatabasePricing): ExactLine {
  const multiAz = d.highAvailability.multiAz;
  const { engine, edition, licence } = d.engine;
  const hourly = rdsHourlyUsd(
    d.size.instanceClass,
    engine,
    edition ?? undefined,
    licence,
    multiAz,
    p.snapshot,
  );
  const ext = extendedOf(d, p);
  const monthly = new Money(hourly)
    .plus(ext?.hourly ?? new Money(0))
    .times(new Money(HOURS_PER_MONTH))
    .plus(new Money(d.storage.allocatedGiB).times(rdsStorageMonthlyUsdPerGiB(multiAz, p.snapshot)))
    .plus(new Money(d.sizeGiB).times(backupStorageMonthlyUsdPerGiB(p.snapshot)));
  return {
    item: {
      kind: 'database',
      id: d.id,
      application: d.application,
      wave: d.wave,
      resource: resourceText(d, ext),
      reason: reasonText(d, ext),
      priced: {
        type: d.size.instanceClass,
        multiAz,
        availabilityZone: null,
        tenancy: null,
        allocatedStorageGiB: d.storage.allocatedGiB,
        account: d.stack.account.account,
      },
    },
    exact: same(monthly),
  };
}

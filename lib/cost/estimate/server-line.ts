/**
 * The estimate line of one server: the estate model's instance type, tenancy and disks, priced
 * from the snapshot. Pure.
 *
 * A bring-your-own-licence Windows server runs on an EC2 Dedicated Host (the model's licensing
 * decision, lib/estate-model/licensing.ts), which AWS bills per host, not per instance, and with no
 * Windows licence in the price (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dedicated-hosts-overview.html).
 * The price snapshot holds no Dedicated Host rates, so such a server is priced as its share of a
 * host's capacity at the licence-free (Linux) on-demand rate of its type, at every pricing option
 * (no Savings Plan rate for host usage is in the snapshot). That is a floor: a host the estate
 * does not fill still costs the whole host. The line and the assumptions say so.
 */
import { Money } from '../../shared/money';
import type { ServerDecision } from '../../estate-model';
import {
  backupStorageMonthlyUsdPerGiB,
  ebsGp3MonthlyUsdPerGiB,
  ec2HourlyUsd,
  HOURS_PER_MONTH,
  type PriceSnapshot,
} from '../pricing';
import { perRate, same, type Exact, type ExactLine } from './line-pricing';

export const DEDICATED_HOST_ASSUMPTION =
  'Dedicated Hosts (bring-your-own-licence Windows servers): the snapshot has no host rates, so each such server is priced as its share of a host at the licence-free (Linux) on-demand rate of its type, at every pricing option; the council pays its own Windows licence; a host the estate does not fill costs more (AWS bills the whole host).';

function instanceExact(s: ServerDecision, snapshot: PriceSnapshot): Exact {
  const hours = new Money(HOURS_PER_MONTH);
  const type = s.size.instanceType;
  if (s.licensing.tenancy === 'host') {
    return same(new Money(ec2HourlyUsd(type, 'linux', 'on-demand', snapshot)).times(hours));
  }
  return perRate((r) => new Money(ec2HourlyUsd(type, s.os, r, snapshot)).times(hours));
}

function instanceText(s: ServerDecision): string {
  const type = s.size.instanceType;
  if (s.licensing.tenancy === 'host') return `${type} on a Dedicated Host (bring-your-own Windows licence)`;
  return `${type} ${s.os === 'windows' ? 'Windows' : 'Linux'}`;
}

export function serverLine(s: ServerDecision, snapshot: PriceSnapshot): ExactLine {
  const diskGiB = s.disksGiB.reduce((a, b) => a + b, 0);
  const storage = new Money(diskGiB).times(ebsGp3MonthlyUsdPerGiB(snapshot));
  const backup = new Money(diskGiB).times(backupStorageMonthlyUsdPerGiB(snapshot));
  const instance = instanceExact(s, snapshot);
  const host =
    s.licensing.tenancy === 'host'
      ? `; ${s.licensing.reason}: priced as its share of a host at the licence-free on-demand rate (no Dedicated Host rates in the snapshot; see the assumptions)`
      : '';
  return {
    item: {
      kind: 'server',
      id: s.id,
      application: s.application,
      wave: s.wave,
      resource: `${instanceText(s)}, gp3 ${diskGiB} GiB, backup ${diskGiB} GiB`,
      reason: `${s.size.reason}${host}`,
      priced: {
        type: s.size.instanceType,
        multiAz: false,
        availabilityZone: s.placement.availabilityZone,
        tenancy: s.licensing.tenancy,
        allocatedStorageGiB: null,
        account: s.stack.account.account,
      },
    },
    exact: perRate((r) => instance[r].plus(storage).plus(backup)),
  };
}

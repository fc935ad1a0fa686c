/**
 * Deterministic sample billing data in the FOCUS 1.0 shape AWS Data Exports writes, built from
 * the plan: what the landing zones would plausibly have cost, month by month, from the agreement
 * start to the clock's month. Inputs are the plan, the clock value and a seed; no Math.random,
 * no wall clock.
 *
 * What appears, in USD at the bundled list prices (lib/cost/pricing) for right-sized types
 * (lib/sizing):
 * - from the agreement start: NAT gateway hours and GB processed, interface VPC endpoint hours
 *   and GB, CloudWatch and AWS Config (tagged with Estate only, so untagged by application);
 * - per landing-zone server/database from the last 30% of the month before its wave's cutover
 *   (build and parallel running) and every day after: EC2 compute, EBS gp3, RDS instance and
 *   storage, data transfer out, and AWS Backup storage from cutover on (growing with retention);
 * - production EC2 moves onto a 1-year Compute Savings Plan two months after cutover: usage is
 *   billed at 0 with the plan rate as EffectiveCost, and one untagged Purchase line per period
 *   carries the commitment (BilledCost), so amortized and unblended totals agree;
 * - closed months only: a MAP migration credit (15% of billed EC2 and RDS cost, for the first
 *   twelve months from the first cutover) and UK VAT at 20% of billed cost per service, net of
 *   credits (Tax).
 */
import { Money } from '../../shared/money';
import type { EstateModel } from '../../estate-model';
import { dateOf, monthOf, monthRange, monthStartDate, nextMonth } from '../../shared/months';
import type { FocusLine } from './focus-csv';
import { databaseLines } from './private/database-lines';
import { monthEndLines } from './private/month-end-lines';
import { MonthLines, usagePrefix } from './private/month-lines';
import { dayNumber, periodsOf, type Period } from './private/periods';
import { sampleDatabases, sampleServers } from './private/resources';
import { sampleRates } from './private/sample-rates';
import { serverLines } from './private/server-lines';
import { savingsPlanLine, sharedLines } from './private/shared-lines';
import { SeededRandom, stableId } from './prng';

export interface SampleFocusProps {
  /** The estate model: its landing-zone items, agreement, waves and network. */
  readonly model: EstateModel;
  /** The clock value: months up to this one; the current month only up to the day before. */
  readonly now: Date;
  /** One line per resource per day, or per month. @default 'monthly' */
  readonly granularity?: 'daily' | 'monthly';
  /** Seed for the pseudo-random quantities (GB transferred, monitoring). @default the estate id */
  readonly seed?: string;
}

export interface SampleMonth {
  readonly month: string;
  /** False for the current (open) month. */
  readonly closed: boolean;
  readonly lines: FocusLine[];
}

/** Sample FOCUS lines per month, from the agreement start to the clock's month. */
export function sampleFocusLines(props: SampleFocusProps): SampleMonth[] {
  const { model, now } = props;
  const granularity = props.granularity ?? 'monthly';
  const rng = new SeededRandom(props.seed ?? model.estate.id);
  const current = monthOf(now);
  const today = dayNumber(dateOf(now));
  const first = model.settings.estate.agreement.start;
  if (first > current) return [];

  const servers = sampleServers(model);
  const databases = sampleDatabases(model);
  const firstCutover = model.planned.waves.map((w) => w.cutover).sort()[0] ?? first;
  const { id: estateId, region, account } = model.estate;
  const prefix = usagePrefix(region);
  const azCount = model.availabilityZones.length;
  const natCount = model.network.natGatewaysPerVpc;
  const savingsPlan = {
    arn: `arn:aws:savingsplans::${account}:savingsplan/${stableId('', `${estateId}-sp`, 8)}-0000-4000-8000-${stableId('', `${estateId}-sp2`, 12)}`,
  };

  const out: SampleMonth[] = [];
  for (const month of monthRange(first, current)) {
    const whole: Period = {
      month,
      startDay: dayNumber(monthStartDate(month)),
      endDay: dayNumber(monthStartDate(nextMonth(month))),
    };
    const rates = sampleRates(whole.endDay - whole.startDay);
    const lines = new MonthLines(model, whole);
    for (const p of periodsOf(month, today, granularity)) {
      let liveServers = 0;
      let savingsPlanUsed = new Money(0);
      for (const s of servers) {
        const r = serverLines(lines, p, s, { estateId, region, prefix, rates, rng, savingsPlan });
        if (r.ran) liveServers += 1;
        savingsPlanUsed = savingsPlanUsed.plus(r.savingsPlanUsed);
      }
      for (const db of databases) databaseLines(lines, p, db, { estateId, region, account, prefix, rates });
      sharedLines(lines, p, liveServers, { estateId, prefix, rates, rng, azCount, natCount });
      savingsPlanLine(lines, p, savingsPlanUsed, savingsPlan.arn);
    }
    const closed = month < current;
    if (closed) monthEndLines(lines, whole, firstCutover);
    out.push({ month, closed, lines: lines.lines });
  }
  return out;
}

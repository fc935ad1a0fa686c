/**
 * Price lookups over a snapshot (the bundled one unless another is given). Every function returns
 * a decimal string in USD and throws `PricingError` naming what is missing and what is known.
 */
import { rdsPriceKeyFor } from '../../sizing/price-rank';
import { bundledSnapshot } from './snapshot';
import {
  PricingError,
  RDS_PRICE_KEYS,
  type Ec2Rate,
  type OsFamily,
  type PriceSnapshot,
  type RdsPriceKey,
} from './types';

function nearby(known: readonly string[], wanted: string): string {
  const family = wanted.split('.').slice(0, -1).join('.');
  const same = known.filter((k) => k.startsWith(`${family}.`));
  return (same.length > 0 ? same : known).slice(0, 12).join(', ');
}

/** Hourly EC2 price in USD for an instance type, OS family and rate. */
export function ec2HourlyUsd(
  instanceType: string,
  os: OsFamily,
  rate: Ec2Rate = 'on-demand',
  snapshot: PriceSnapshot = bundledSnapshot(),
): string {
  const price = snapshot.ec2[instanceType];
  if (!price) {
    throw new PricingError(
      `No EC2 price for instance type "${instanceType}" in the ${snapshot.metadata.region} snapshot (as of ${snapshot.metadata.asOf}). Known types include: ${nearby(Object.keys(snapshot.ec2), instanceType)}. Add it with "cost refresh-prices" or choose a listed type.`,
    );
  }
  const rates = price[os];
  return rate === 'on-demand'
    ? rates.onDemand
    : rate === 'savings-plan-1yr'
      ? rates.savingsPlan1yr
      : rates.savingsPlan3yr;
}

/** Maps a database's engine, edition and licence onto the snapshot's RDS price key. */
export function rdsPriceKey(engine: string, edition: string | undefined, licence: string): RdsPriceKey {
  if (engine === 'oracle' && edition === 'enterprise' && licence !== 'bring-your-own') {
    throw new PricingError(
      'Oracle Enterprise Edition is only offered as bring-your-own-licence on RDS: set licence: bring-your-own for this database.',
    );
  }
  const key = rdsPriceKeyFor(engine, edition, licence);
  if (key !== undefined && (RDS_PRICE_KEYS as readonly string[]).includes(key)) return key as RdsPriceKey;
  throw new PricingError(
    `No RDS price for engine "${engine}" edition "${edition ?? '-'}" licence "${licence}".`,
  );
}

/** Hourly RDS on-demand price in USD. Compute Savings Plans do not apply to RDS. */
export function rdsHourlyUsd(
  instanceClass: string,
  engine: string,
  edition: string | undefined,
  licence: string,
  multiAz: boolean,
  snapshot: PriceSnapshot = bundledSnapshot(),
): string {
  const price = snapshot.rds[instanceClass];
  if (!price) {
    throw new PricingError(
      `No RDS price for instance class "${instanceClass}" in the ${snapshot.metadata.region} snapshot (as of ${snapshot.metadata.asOf}). Known classes include: ${nearby(Object.keys(snapshot.rds), instanceClass)}.`,
    );
  }
  const key = rdsPriceKey(engine, edition, licence);
  const hourly = (multiAz ? price.multiAz : price.singleAz)[key];
  if (hourly === undefined) {
    throw new PricingError(
      `RDS does not offer ${key} on ${instanceClass} (licence-included SQL Server and Oracle run on Intel classes such as db.m6i / db.r6i / db.t3).`,
    );
  }
  return hourly;
}

/** EBS gp3 storage, USD per GiB-month (baseline IOPS/throughput included). */
export function ebsGp3MonthlyUsdPerGiB(snapshot: PriceSnapshot = bundledSnapshot()): string {
  return snapshot.storage.ebsGp3GbMonth;
}

/** RDS gp3 storage, USD per GiB-month (Multi-AZ stores two copies). */
export function rdsStorageMonthlyUsdPerGiB(
  multiAz: boolean,
  snapshot: PriceSnapshot = bundledSnapshot(),
): string {
  return multiAz ? snapshot.storage.rdsGp3GbMonthMultiAz : snapshot.storage.rdsGp3GbMonthSingleAz;
}

/** AWS Backup warm storage (EBS/RDS snapshots), USD per GiB-month. */
export function backupStorageMonthlyUsdPerGiB(snapshot: PriceSnapshot = bundledSnapshot()): string {
  return snapshot.storage.backupWarmGbMonth;
}

/** NAT gateway, USD per hour (each). */
export function natGatewayHourlyUsd(snapshot: PriceSnapshot = bundledSnapshot()): string {
  return snapshot.network.natGatewayHour;
}

/** NAT gateway data processing, USD per GB. */
export function natGatewayPerGbUsd(snapshot: PriceSnapshot = bundledSnapshot()): string {
  return snapshot.network.natGatewayDataGb;
}

/** Interface VPC endpoint, USD per hour per availability zone. */
export function interfaceEndpointHourlyUsdPerAz(snapshot: PriceSnapshot = bundledSnapshot()): string {
  return snapshot.network.interfaceEndpointHourPerAz;
}

/** Interface VPC endpoint data processing, USD per GB. */
export function interfaceEndpointPerGbUsd(snapshot: PriceSnapshot = bundledSnapshot()): string {
  return snapshot.network.interfaceEndpointDataGb;
}

/** Data transfer out to the internet (first 10 TB tier), USD per GB. */
export function dataTransferOutPerGbUsd(snapshot: PriceSnapshot = bundledSnapshot()): string {
  return snapshot.network.dataTransferOutGb;
}

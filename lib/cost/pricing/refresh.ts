/**
 * Rebuilds a price snapshot from the AWS Price List Query API (GetProducts, paginated with
 * paginateGetProducts) through the real SDK client passed in. Covers the types and classes in the
 * previous snapshot. On-demand EC2 / RDS, EBS and RDS gp3 storage, NAT gateway and interface
 * endpoint prices come from the API; savings-plan rates are re-derived with the previous
 * snapshot's discount ratios (Savings Plans rates are not in the Price List Query API); backup
 * storage and data transfer are kept. Everything not found is kept and listed.
 */
import { paginateGetProducts, type PricingClient } from '@aws-sdk/client-pricing';
import { Money } from '../../shared/money';
import { parsePriceItem, type PriceItem } from './private/price-item';
import { PricingError, type PriceSnapshot, type RdsPriceKey } from './types';

export interface RefreshProps {
  readonly client: PricingClient;
  readonly previous: PriceSnapshot;
  /** The clock's date, YYYY-MM-DD: the new snapshot's as-of date. */
  readonly today: string;
  /** Page size for GetProducts. @default 100 */
  readonly pageSize?: number;
}

export interface RefreshResult {
  readonly snapshot: PriceSnapshot;
  /** GetProducts requests made (pages). The Price List API is free. */
  readonly requests: number;
  /** Prices updated from the API. */
  readonly updated: number;
  /** Prices kept from the previous snapshot because the API had none. */
  readonly missing: readonly string[];
}

const D4 = (d: Money) => d.toDecimalPlaces(4, Money.ROUND_HALF_UP).toFixed(4);

const RDS_ENGINE: Readonly<Record<string, RdsPriceKey>> = {
  PostgreSQL: 'postgresql',
  MySQL: 'mysql',
  MariaDB: 'mariadb',
};
const SQL_EDITION: Readonly<Record<string, RdsPriceKey>> = {
  Express: 'sqlserver-express',
  Web: 'sqlserver-web',
  Standard: 'sqlserver-standard',
  Enterprise: 'sqlserver-enterprise',
};

function rdsKey(a: Readonly<Record<string, string>>): RdsPriceKey | undefined {
  const engine = a.databaseEngine ?? '';
  const licence = (a.licenseModel ?? '').toLowerCase();
  if (RDS_ENGINE[engine]) return RDS_ENGINE[engine];
  if (engine === 'SQL Server' && licence === 'license included') return SQL_EDITION[a.databaseEdition ?? ''];
  if (engine === 'Oracle' && licence === 'license included' && a.databaseEdition === 'Standard Two')
    return 'oracle-standard-2';
  if (engine === 'Oracle' && licence === 'bring your own license' && a.databaseEdition === 'Enterprise')
    return 'byol';
  return undefined;
}

/** GetProducts for one service and filters (the region added), every page, items sorted by SKU. */
type Query = (serviceCode: string, filters: Record<string, string>) => Promise<PriceItem[]>;

/** A price found in the API (rounded to 4 places, counted) or, when absent, the kept one (listed). */
type Take = (found: string | undefined, kept: string, label: string) => string;

const firstPrice = (items: readonly PriceItem[], pick: (i: PriceItem) => boolean) =>
  items.find((i) => pick(i) && i.onDemandUsd !== undefined)?.onDemandUsd;

export async function refreshSnapshot(props: RefreshProps): Promise<RefreshResult> {
  const { previous } = props;
  const region = previous.metadata.region;
  const counter = { requests: 0 };
  const query = priceQuery(props, counter);
  const tally = { updated: 0, missing: [] as string[] };
  const take: Take = (found, kept, label) => {
    if (found === undefined) {
      tally.missing.push(label);
      return kept;
    }
    tally.updated++;
    return D4(new Money(found));
  };

  // EC2 compute, Linux and Windows (licence included).
  const ec2Filters = {
    productFamily: 'Compute Instance',
    tenancy: 'Shared',
    preInstalledSw: 'NA',
    capacitystatus: 'Used',
    licenseModel: 'No License required',
  };
  const linux = await query('AmazonEC2', { ...ec2Filters, operatingSystem: 'Linux' });
  const windows = await query('AmazonEC2', { ...ec2Filters, operatingSystem: 'Windows' });
  const ec2 = ec2Prices(previous, linux, windows, take);
  // RDS instances.
  const rds = rdsPrices(previous, await query('AmazonRDS', { productFamily: 'Database Instance' }), take);
  // Storage and network.
  const ebs = await query('AmazonEC2', { productFamily: 'Storage', volumeApiName: 'gp3' });
  const rdsStorage = await query('AmazonRDS', {
    productFamily: 'Database Storage',
    volumeType: 'General Purpose-GP3',
  });
  const nat = await query('AmazonEC2', { productFamily: 'NAT Gateway' });
  const endpoints = await query('AmazonVPC', { productFamily: 'VpcEndpoint' });
  const storage = storagePrices(previous, ebs, rdsStorage, take);
  const network = networkPrices(previous, nat, endpoints, take);

  const { updated, missing } = tally;
  const requests = counter.requests;
  if (updated === 0) {
    throw new PricingError(
      `The Price List API returned no prices for ${region} (${requests} request(s)); the snapshot was not changed. Check the endpoint and region.`,
    );
  }
  const snapshot: PriceSnapshot = {
    metadata: refreshedMetadata(previous, props.today, updated, missing),
    ec2,
    rds,
    storage,
    network,
  };
  return { snapshot, requests, updated, missing };
}

/** The query function over the client passed in; counts pages in `counter.requests`. */
function priceQuery(props: RefreshProps, counter: { requests: number }): Query {
  const region = props.previous.metadata.region;
  return async (serviceCode, filters) => {
    const where = `Price List GetProducts ${serviceCode} ${Object.entries(filters)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`;
    const items: PriceItem[] = [];
    try {
      for await (const page of paginateGetProducts(
        { client: props.client, pageSize: props.pageSize ?? 100 },
        {
          ServiceCode: serviceCode,
          FormatVersion: 'aws_v1',
          Filters: Object.entries({ regionCode: region, ...filters }).map(([Field, Value]) => ({
            Type: 'TERM_MATCH',
            Field,
            Value,
          })),
        },
      )) {
        counter.requests++;
        const list: unknown = page.PriceList;
        for (const entry of Array.isArray(list) ? (list as unknown[]) : [])
          items.push(parsePriceItem(String(entry), where));
      }
    } catch (e) {
      if (e instanceof PricingError) throw e;
      throw new PricingError(`${where} failed: ${(e as Error).name}: ${(e as Error).message}`);
    }
    return items.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  };
}

/** EC2 on-demand per type from the API; savings plans re-derived with the previous discount ratios. */
function ec2Prices(
  previous: PriceSnapshot,
  linux: readonly PriceItem[],
  windows: readonly PriceItem[],
  take: Take,
): PriceSnapshot['ec2'] {
  const ec2: PriceSnapshot['ec2'] = {};
  for (const [type, old] of Object.entries(previous.ec2)) {
    const l = take(
      firstPrice(linux, (i) => i.attributes.instanceType === type),
      old.linux.onDemand,
      `ec2 ${type} linux`,
    );
    const w = take(
      firstPrice(windows, (i) => i.attributes.instanceType === type),
      old.windows.onDemand,
      `ec2 ${type} windows`,
    );
    const ratio = (sp: string) =>
      new Money(old.linux.onDemand).isZero() ? new Money(1) : new Money(sp).div(old.linux.onDemand);
    const licence = new Money(w).minus(l);
    const sp1 = new Money(l).times(ratio(old.linux.savingsPlan1yr));
    const sp3 = new Money(l).times(ratio(old.linux.savingsPlan3yr));
    ec2[type] = {
      vcpu: old.vcpu,
      memoryGiB: old.memoryGiB,
      linux: { onDemand: l, savingsPlan1yr: D4(sp1), savingsPlan3yr: D4(sp3) },
      windows: { onDemand: w, savingsPlan1yr: D4(sp1.plus(licence)), savingsPlan3yr: D4(sp3.plus(licence)) },
    };
  }
  return ec2;
}

/** RDS on-demand per class, engine key and deployment (Single-AZ, Multi-AZ). */
function rdsPrices(
  previous: PriceSnapshot,
  rdsItems: readonly PriceItem[],
  take: Take,
): PriceSnapshot['rds'] {
  const rds: PriceSnapshot['rds'] = {};
  for (const [cls, old] of Object.entries(previous.rds)) {
    const table = (deployment: 'Single-AZ' | 'Multi-AZ', prev: Partial<Record<RdsPriceKey, string>>) => {
      const out: Partial<Record<RdsPriceKey, string>> = {};
      for (const [key, kept] of Object.entries(prev) as [RdsPriceKey, string][]) {
        const found = firstPrice(
          rdsItems,
          (i) =>
            i.attributes.instanceType === cls &&
            i.attributes.deploymentOption === deployment &&
            rdsKey(i.attributes) === key,
        );
        out[key] = take(found, kept, `rds ${cls} ${key} ${deployment}`);
      }
      return out;
    };
    rds[cls] = {
      vcpu: old.vcpu,
      memoryGiB: old.memoryGiB,
      singleAz: table('Single-AZ', old.singleAz),
      multiAz: table('Multi-AZ', old.multiAz),
    };
  }
  return rds;
}

const usage = (suffix: string) => (i: PriceItem) => (i.attributes.usagetype ?? '').endsWith(suffix);

/** EBS and RDS gp3 storage from the API; backup warm storage kept. */
function storagePrices(
  previous: PriceSnapshot,
  ebs: readonly PriceItem[],
  rdsStorage: readonly PriceItem[],
  take: Take,
): PriceSnapshot['storage'] {
  const rdsGp3 = (deployment: string) => (i: PriceItem) => i.attributes.deploymentOption === deployment;
  return {
    ebsGp3GbMonth: take(
      firstPrice(ebs, () => true),
      previous.storage.ebsGp3GbMonth,
      'EBS gp3 storage',
    ),
    rdsGp3GbMonthSingleAz: take(
      firstPrice(rdsStorage, rdsGp3('Single-AZ')),
      previous.storage.rdsGp3GbMonthSingleAz,
      'RDS gp3 storage Single-AZ',
    ),
    rdsGp3GbMonthMultiAz: take(
      firstPrice(rdsStorage, rdsGp3('Multi-AZ')),
      previous.storage.rdsGp3GbMonthMultiAz,
      'RDS gp3 storage Multi-AZ',
    ),
    backupWarmGbMonth: previous.storage.backupWarmGbMonth,
  };
}

/** NAT gateway and interface endpoint prices from the API; data transfer out kept. */
function networkPrices(
  previous: PriceSnapshot,
  nat: readonly PriceItem[],
  endpoints: readonly PriceItem[],
  take: Take,
): PriceSnapshot['network'] {
  return {
    natGatewayHour: take(
      firstPrice(nat, usage('NatGateway-Hours')),
      previous.network.natGatewayHour,
      'NAT gateway hours',
    ),
    natGatewayDataGb: take(
      firstPrice(nat, usage('NatGateway-Bytes')),
      previous.network.natGatewayDataGb,
      'NAT gateway data',
    ),
    interfaceEndpointHourPerAz: take(
      firstPrice(endpoints, usage('VpcEndpoint-Hours')),
      previous.network.interfaceEndpointHourPerAz,
      'interface endpoint hours',
    ),
    interfaceEndpointDataGb: take(
      firstPrice(endpoints, usage('VpcEndpoint-Bytes')),
      previous.network.interfaceEndpointDataGb,
      'interface endpoint data',
    ),
    dataTransferOutGb: previous.network.dataTransferOutGb,
  };
}

/** The refreshed snapshot's metadata: as-of date, source and what was updated or kept. */
function refreshedMetadata(
  previous: PriceSnapshot,
  today: string,
  updated: number,
  missing: readonly string[],
): PriceSnapshot['metadata'] {
  const region = previous.metadata.region;
  return {
    region,
    regionName: previous.metadata.regionName,
    currency: 'USD',
    asOf: today,
    source: `AWS Price List Query API (GetProducts), ${region}, retrieved ${today}; refresh with \`npm run estate -- cost refresh-prices\``,
    method: 'price-list-api',
    notes: [
      `${updated} price(s) from the Price List API; ${missing.length} not found there and kept from the snapshot of ${previous.metadata.asOf}${missing.length > 0 ? ` (first: ${missing.slice(0, 5).join('; ')})` : ''}.`,
      'EC2: on-demand, shared tenancy, no pre-installed software, Linux and Windows (licence included).',
      `Savings plans: not in the Price List Query API; re-derived from the new on-demand Linux rate with the discount ratios of the snapshot of ${previous.metadata.asOf}; the Windows licence surcharge is not discounted.`,
      'RDS: on-demand, Single-AZ and Multi-AZ; "byol" is Oracle Enterprise bring-your-own-licence. Compute Savings Plans do not cover RDS.',
      `Backup warm storage and data transfer out are kept from the snapshot of ${previous.metadata.asOf}.`,
    ],
  };
}

/**
 * `cost refresh-prices` against a local Price List endpoint: the real @aws-sdk/client-pricing
 * client, paginateGetProducts over several pages, PriceList entries as JSON strings.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../lib/cli';
import { bundledSnapshot, parseSnapshot } from '../../../lib/cost/pricing';
import { startFakePricing, type FakePricing, type FakeProduct } from '../../support/fake-pricing';
import { captureIo } from '../../cli/capture-io';

const R = { regionCode: 'eu-west-2' };
const EC2 = {
  tenancy: 'Shared',
  preInstalledSw: 'NA',
  capacitystatus: 'Used',
  licenseModel: 'No License required',
  ...R,
};
const PRODUCTS: FakeProduct[] = [
  {
    serviceCode: 'AmazonEC2',
    sku: 'A1',
    productFamily: 'Compute Instance',
    attributes: { ...EC2, instanceType: 'm7i.large', operatingSystem: 'Linux' },
    usd: '0.1200000000',
  },
  {
    serviceCode: 'AmazonEC2',
    sku: 'A2',
    productFamily: 'Compute Instance',
    attributes: { ...EC2, instanceType: 'm7i.large', operatingSystem: 'Windows' },
    usd: '0.2120000000',
  },
  {
    serviceCode: 'AmazonEC2',
    sku: 'A3',
    productFamily: 'Compute Instance',
    attributes: { ...EC2, instanceType: 't3.medium', operatingSystem: 'Linux' },
    usd: '0.0480000000',
  },
  // Another region: must be ignored.
  {
    serviceCode: 'AmazonEC2',
    sku: 'A4',
    productFamily: 'Compute Instance',
    attributes: { ...EC2, regionCode: 'us-east-1', instanceType: 'm6i.large', operatingSystem: 'Linux' },
    usd: '0.0960000000',
  },
  {
    serviceCode: 'AmazonRDS',
    sku: 'B1',
    productFamily: 'Database Instance',
    attributes: {
      ...R,
      instanceType: 'db.m6i.large',
      databaseEngine: 'PostgreSQL',
      licenseModel: 'No license required',
      deploymentOption: 'Single-AZ',
    },
    usd: '0.2100000000',
  },
  {
    serviceCode: 'AmazonRDS',
    sku: 'B2',
    productFamily: 'Database Instance',
    attributes: {
      ...R,
      instanceType: 'db.m6i.large',
      databaseEngine: 'SQL Server',
      databaseEdition: 'Standard',
      licenseModel: 'License included',
      deploymentOption: 'Multi-AZ',
    },
    usd: '1.9000000000',
  },
  {
    serviceCode: 'AmazonEC2',
    sku: 'C1',
    productFamily: 'Storage',
    attributes: { ...R, volumeApiName: 'gp3' },
    usd: '0.0930000000',
    unit: 'GB-Mo',
  },
  {
    serviceCode: 'AmazonRDS',
    sku: 'C2',
    productFamily: 'Database Storage',
    attributes: { ...R, volumeType: 'General Purpose-GP3', deploymentOption: 'Single-AZ' },
    usd: '0.1340000000',
    unit: 'GB-Mo',
  },
  {
    serviceCode: 'AmazonEC2',
    sku: 'D1',
    productFamily: 'NAT Gateway',
    attributes: { ...R, usagetype: 'EUW2-NatGateway-Hours' },
    usd: '0.0520000000',
  },
  {
    serviceCode: 'AmazonEC2',
    sku: 'D2',
    productFamily: 'NAT Gateway',
    attributes: { ...R, usagetype: 'EUW2-NatGateway-Bytes' },
    usd: '0.0520000000',
    unit: 'GB',
  },
  {
    serviceCode: 'AmazonVPC',
    sku: 'E1',
    productFamily: 'VpcEndpoint',
    attributes: { ...R, usagetype: 'EUW2-VpcEndpoint-Hours' },
    usd: '0.0120000000',
  },
];
const ENV = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-for-tests' };

let fake: FakePricing;
let work: string;
beforeAll(async () => {
  fake = await startFakePricing(PRODUCTS, 1);
  work = mkdtempSync(join(tmpdir(), 'r-refresh-'));
});
afterAll(async () => {
  await fake.close();
  rmSync(work, { recursive: true, force: true });
});

describe('cost refresh-prices', () => {
  let code: number;
  let io: ReturnType<typeof captureIo>;
  const out = () => join(work, 'eu-west-2.json');
  beforeAll(async () => {
    io = captureIo(work, '2026-11-28T09:00:00Z', ENV);
    code = await runCli(['cost', 'refresh-prices', '--endpoint', fake.endpoint, '--out', out()], io);
  });

  it('writes a valid, dated snapshot and says what it did', () => {
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const s = parseSnapshot(JSON.parse(readFileSync(out(), 'utf8')), out());
    expect(s.metadata).toMatchObject({ method: 'price-list-api', asOf: '2026-11-28' });
    expect(io.out()).toMatch(/\d+ GetProducts request\(s\)/);
    expect(io.out()).toMatch(/10 price\(s\) updated/);
  });

  it('takes on-demand prices from the API and re-derives savings plans with the old ratios', () => {
    const s = parseSnapshot(JSON.parse(readFileSync(out(), 'utf8')), out());
    const old = bundledSnapshot().ec2['m7i.large']!;
    const m7i = s.ec2['m7i.large']!;
    expect(m7i.linux.onDemand).toBe('0.1200');
    expect(m7i.windows.onDemand).toBe('0.2120');
    // 0.12 x (old 1-yr / old on-demand); Windows adds the undiscounted 0.092 licence
    const sp1 = (0.12 * Number(old.linux.savingsPlan1yr)) / Number(old.linux.onDemand);
    expect(Number(m7i.linux.savingsPlan1yr)).toBeCloseTo(sp1, 4);
    expect(Number(m7i.windows.savingsPlan1yr)).toBeCloseTo(sp1 + 0.092, 4);
    expect(s.rds['db.m6i.large']!.singleAz.postgresql).toBe('0.2100');
    expect(s.rds['db.m6i.large']!.multiAz['sqlserver-standard']).toBe('1.9000');
    expect(s.storage.ebsGp3GbMonth).toBe('0.0930');
    expect(s.network.natGatewayHour).toBe('0.0520');
    expect(s.network.interfaceEndpointHourPerAz).toBe('0.0120');
  });

  it('keeps and lists what the API did not return, and ignores other regions', () => {
    const s = parseSnapshot(JSON.parse(readFileSync(out(), 'utf8')), out());
    expect(s.ec2['m6i.large']).toEqual(bundledSnapshot().ec2['m6i.large']);
    expect(s.network.interfaceEndpointDataGb).toBe(bundledSnapshot().network.interfaceEndpointDataGb);
    expect(s.metadata.notes[0]).toMatch(/not found there and kept/);
    expect(io.out()).toMatch(/kept: ec2 c7i\.large linux/);
  });

  it('sends signed GetProducts requests with region and filters, walking every page', () => {
    // One product per page: Linux compute (2 in eu-west-2) 2 pages, Windows 1, RDS instances 2,
    // EBS 1, RDS storage 1, NAT 2, endpoints 1 = 10 requests.
    expect(fake.requests).toHaveLength(10);
    expect(io.out()).toMatch(/^10 GetProducts request\(s\)/m);
    expect(fake.requests.filter((r) => r.body.NextToken === '1')).toHaveLength(3);
    expect(fake.requests.every((r) => r.target === 'AWSPriceListService.GetProducts' && r.signed)).toBe(true);
    expect(JSON.stringify(fake.requests[0]!.body.Filters)).toContain(
      '"Field":"regionCode","Value":"eu-west-2"',
    );
  });
});

describe('cost refresh-prices, failures', () => {
  it('an API error leaves the snapshot alone and says what failed', async () => {
    fake.failNext(400, 'InvalidParameterException', 'Input parameters are invalid');
    const io = captureIo(work, '2026-11-28T09:00:00Z', ENV);
    const target = join(work, 'never.json');
    const code = await runCli(['cost', 'refresh-prices', '--endpoint', fake.endpoint, '--out', target], io);
    expect(code).toBe(1);
    expect(io.err()).toMatch(
      /GetProducts AmazonEC2 .* failed: InvalidParameterException: Input parameters are invalid/,
    );
    expect(() => readFileSync(target)).toThrow();
  });
});

/**
 * The Cost Explorer source through the real AWS SDK v3 client, against a local endpoint that
 * speaks Cost Explorer's JSON 1.1 protocol (test/support/fake-cost-explorer.ts).
 */
import { costRow } from '../../support/billing-rows';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CostExplorerBillingSource } from '../../../lib/cost/cost-explorer/cost-explorer-source';
import { compareRows } from '../../../lib/cost/billing/merge-rows';
import { ALL_SERVICES, type MonthlyCostRow } from '../../../lib/cost/billing/types';
import { FakeCostExplorer, SERVER_ERROR, THROTTLING, type CostItem } from '../../support/fake-cost-explorer';

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const RDS = 'Amazon Relational Database Service';
const VPC = 'Amazon Virtual Private Cloud';
const NOW = new Date('2026-11-15T10:30:00Z');

const ITEMS: CostItem[] = [
  {
    month: '2026-09',
    application: 'revenues',
    wave: 'wave-2',
    service: EC2,
    amortized: '90.50',
    unblended: '100.25',
  },
  {
    month: '2026-09',
    application: 'revenues',
    wave: 'wave-2',
    service: EC2,
    amortized: '9.50',
    unblended: '9.75',
  },
  {
    month: '2026-09',
    application: 'intranet',
    wave: 'wave-1',
    service: RDS,
    amortized: '40.00',
    unblended: '40.00',
  },
  { month: '2026-09', service: VPC, amortized: '12.34', unblended: '12.34' },
  { month: '2026-09', application: 'revenues', service: EC2, amortized: '5.00', unblended: '5.00' },
  {
    month: '2026-09',
    application: 'revenues',
    wave: 'wave-2',
    service: EC2,
    recordType: 'Tax',
    amortized: '20.00',
    unblended: '20.00',
  },
  {
    month: '2026-09',
    service: 'AWS Migration Acceleration Program',
    recordType: 'Credit',
    amortized: '-10.00',
    unblended: '-10.00',
  },
  {
    month: '2026-10',
    application: 'revenues',
    wave: 'wave-2',
    service: EC2,
    amortized: '110.00',
    unblended: '120.00',
  },
  {
    month: '2026-11',
    application: 'revenues',
    wave: 'wave-2',
    service: EC2,
    amortized: '30.00',
    unblended: '33.00',
  },
];

const row = costRow;

const ALL = ALL_SERVICES;
/** By tags (application, wave) for usage; by service for usage; credits and tax as full rows. */
const EXPECTED_ROWS: MonthlyCostRow[] = (
  [
    row({
      month: '2026-09',
      application: 'intranet',
      wave: 'wave-1',
      service: ALL,
      breakdown: 'tags',
      amortizedCost: '40',
      unblendedCost: '40',
    }),
    row({
      month: '2026-09',
      application: 'revenues',
      wave: 'wave-2',
      service: ALL,
      breakdown: 'tags',
      amortizedCost: '100',
      unblendedCost: '110',
    }),
    row({
      month: '2026-09',
      application: 'revenues',
      wave: null,
      service: ALL,
      breakdown: 'tags',
      amortizedCost: '5',
      unblendedCost: '5',
    }),
    row({
      month: '2026-09',
      service: ALL,
      breakdown: 'tags',
      amortizedCost: '12.34',
      unblendedCost: '12.34',
    }),
    row({
      month: '2026-09',
      service: 'AWS Migration Acceleration Program',
      chargeCategory: 'credit',
      amortizedCost: '-10',
      unblendedCost: '-10',
    }),
    row({ month: '2026-09', service: EC2, chargeCategory: 'tax', amortizedCost: '20', unblendedCost: '20' }),
    row({ month: '2026-09', service: EC2, breakdown: 'service', amortizedCost: '105', unblendedCost: '115' }),
    row({ month: '2026-09', service: RDS, breakdown: 'service', amortizedCost: '40', unblendedCost: '40' }),
    row({
      month: '2026-09',
      service: VPC,
      breakdown: 'service',
      amortizedCost: '12.34',
      unblendedCost: '12.34',
    }),
    row({
      month: '2026-10',
      application: 'revenues',
      wave: 'wave-2',
      service: ALL,
      breakdown: 'tags',
      amortizedCost: '110',
      unblendedCost: '120',
    }),
    row({ month: '2026-10', service: EC2, breakdown: 'service', amortizedCost: '110', unblendedCost: '120' }),
    row({
      month: '2026-11',
      application: 'revenues',
      wave: 'wave-2',
      service: ALL,
      breakdown: 'tags',
      amortizedCost: '30',
      unblendedCost: '33',
    }),
    row({ month: '2026-11', service: EC2, breakdown: 'service', amortizedCost: '30', unblendedCost: '33' }),
  ] as MonthlyCostRow[]
).sort(compareRows);

describe('CostExplorerBillingSource against a local Cost Explorer endpoint', () => {
  let fake: FakeCostExplorer;
  let cacheDir: string;

  beforeAll(async () => {
    fake = await new FakeCostExplorer({ items: ITEMS }).start();
  });
  afterAll(async () => {
    await fake.stop();
  });
  beforeEach(() => {
    fake.setOptions({
      items: ITEMS,
      forecast: { '2026-11': '45.00', '2026-12': '160.00', '2027-01': '170.50' },
    });
    fake.requests.length = 0;
    cacheDir = mkdtempSync(join(tmpdir(), 'ce-cache-'));
  });
  afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

  function source(maxAttempts = 3): CostExplorerBillingSource {
    const client = new CostExplorerClient({
      endpoint: fake.url,
      region: 'us-east-1',
      maxAttempts,
      retryStrategy: new ConfiguredRetryStrategy(maxAttempts, 1),
      credentials: { accessKeyId: 'AKIAFAKE', secretAccessKey: 'fake-secret' },
    });
    return new CostExplorerBillingSource({ client, now: () => NOW, cacheDir });
  }

  it('returns rows by month, application, wave, service and charge category, with month status', async () => {
    const ce = source();
    const result = await ce.fetch({ from: '2026-09', to: '2026-11' });
    expect(result.rows).toEqual(EXPECTED_ROWS);
    expect(result.months).toEqual([
      { month: '2026-09', complete: true },
      { month: '2026-10', complete: true },
      { month: '2026-11', complete: false, reason: 'current month: costs to date only' },
    ]);
    expect(result.source.kind).toBe('cost-explorer');
    expect(result.source.retrievedAt).toBe(NOW.toISOString());
  });

  it('counts every paid request: 2 per run of months, whatever the number of waves', async () => {
    const ce = source();
    const result = await ce.fetch({ from: '2026-09', to: '2026-11' });
    // run 2026-09..10: 2; run 2026-11 (open): 2
    expect(ce.paidRequests).toBe(4);
    expect(result.source.paidRequests).toBe(4);
    expect(ce.paidRequestsCostUsd).toBe('0.04');
    expect(fake.count()).toBe(4);
    expect(ce.paidRequestsByOperation()).toEqual({ GetCostAndUsage: 4 });
    for (const r of fake.requests.filter((q) => q.operation === 'GetCostAndUsage')) {
      expect((r.body.GroupBy as unknown[]).length).toBeLessThanOrEqual(2);
      expect(r.body.Granularity).toBe('MONTHLY');
      expect(r.body.Metrics).toEqual(['AmortizedCost', 'UnblendedCost']);
      expect(String(r.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAFAKE\//);
    }
  });

  it('makes as many requests for ten waves as for one', async () => {
    const many: CostItem[] = Array.from({ length: 10 }, (_, i) => ({
      month: '2026-09',
      application: 'revenues',
      wave: `wave-${i + 1}`,
      service: EC2,
      amortized: '1.00',
      unblended: '1.00',
    }));
    fake.setOptions({ items: many });
    const ce = source();
    const result = await ce.fetch({ from: '2026-09', to: '2026-10' });
    expect(ce.paidRequests).toBe(2);
    expect(result.rows.filter((r) => r.breakdown === 'tags').map((r) => r.wave)).toEqual(
      many.map((m) => m.wave).sort(),
    );
  });

  it('caches closed months: a second run fetches only the open month', async () => {
    const first = await source().fetch({ from: '2026-09', to: '2026-11' });
    expect(
      readdirSync(cacheDir)
        .filter((f) => f.endsWith('.json'))
        .sort(),
    ).toEqual([
      expect.stringMatching(/^2026-09\.[0-9a-f]{12}\.json$/),
      expect.stringMatching(/^2026-10\.[0-9a-f]{12}\.json$/),
    ]);
    expect(readdirSync(cacheDir).some((f) => f.endsWith('.tmp'))).toBe(false);
    fake.requests.length = 0;
    const again = source();
    const second = await again.fetch({ from: '2026-09', to: '2026-11' });
    expect(second.rows).toEqual(first.rows);
    expect(second.months).toEqual(first.months);
    expect(again.paidRequests).toBe(2);
    expect(fake.count()).toBe(2);
    for (const r of fake.requests)
      expect(r.body.TimePeriod).toEqual({ Start: '2026-11-01', End: '2026-12-01' });
  });

  it('ignores a corrupt cache file and fetches the month again', async () => {
    await source().fetch({ from: '2026-09', to: '2026-09' });
    const file = readdirSync(cacheDir).find((f) => f.startsWith('2026-09'))!;
    writeFileSync(join(cacheDir, file), '{"version":1,"month":"2026-09","rows":[{"amortizedCost":"NaN"}]}');
    fake.requests.length = 0;
    const result = await source().fetch({ from: '2026-09', to: '2026-09' });
    expect(result.rows).toEqual(EXPECTED_ROWS.filter((r) => r.month === '2026-09'));
    expect(fake.count()).toBe(2);
  });

  it('follows NextPageToken, and every page is a paid request', async () => {
    fake.setOptions({ items: ITEMS, pageSize: 1 });
    const ce = source();
    const result = await ce.fetch({ from: '2026-09', to: '2026-11' });
    expect(result.rows).toEqual(EXPECTED_ROWS);
    const tokens = fake.requests.filter((r) => r.body.NextPageToken !== undefined);
    expect(tokens.filter((r) => r.operation === 'GetCostAndUsage').length).toBeGreaterThan(0);
    expect(ce.paidRequests).toBe(fake.count());
    expect(ce.paidRequests).toBeGreaterThan(4);
  });

  it('does not cache a closed month that Cost Explorer still marks estimated', async () => {
    fake.setOptions({ items: ITEMS, estimatedFrom: '2026-10' });
    const result = await source().fetch({ from: '2026-09', to: '2026-10' });
    expect(result.months).toEqual([
      { month: '2026-09', complete: true },
      { month: '2026-10', complete: false, reason: 'Cost Explorer still marks this month as estimated' },
    ]);
    expect(readdirSync(cacheDir).filter((f) => f.startsWith('2026-10'))).toEqual([]);
  });

  it('marks future months incomplete without asking for them', async () => {
    const result = await source().fetch({ from: '2026-11', to: '2026-12' });
    expect(result.months[1]).toEqual({
      month: '2026-12',
      complete: false,
      reason: 'in the future: no cost data yet',
    });
    for (const r of fake.requests) expect((r.body.TimePeriod as { End: string }).End).toBe('2026-12-01');
  });

  it('retries throttling with the standard strategy and then succeeds', async () => {
    fake.failNext('GetCostAndUsage', THROTTLING, 2);
    const ce = source(3);
    const result = await ce.fetch({ from: '2026-09', to: '2026-11' });
    expect(result.rows).toEqual(EXPECTED_ROWS);
    expect(ce.paidRequests).toBe(4);
    expect(fake.count('GetCostAndUsage')).toBe(4 + 2);
  });

  it('reports a 5xx that outlasts the retries with the operation and month range', async () => {
    fake.failNext('GetCostAndUsage', SERVER_ERROR, 3);
    await expect(source(3).fetch({ from: '2026-09', to: '2026-10' })).rejects.toThrow(
      /^Cost Explorer GetCostAndUsage for 2026-09\.\.2026-10, by tags Application and MigrationWave, page 1 failed after 3 attempt\(s\) \(HTTP 500\)/,
    );
    expect(fake.count('GetCostAndUsage')).toBe(3);
  });

  it('fails clearly on a response that is not JSON', async () => {
    fake.failNext('GetCostAndUsage', { status: 200, body: '{"ResultsByTime": [', raw: true });
    await expect(source().fetch({ from: '2026-10', to: '2026-10' })).rejects.toThrow(
      /^Cost Explorer GetCostAndUsage for 2026-10, by tags Application and MigrationWave, page 1 failed/,
    );
  });

  it('fails clearly when ResultsByTime is missing', async () => {
    fake.failNext('GetCostAndUsage', { status: 200, body: { GroupDefinitions: [] } });
    await expect(source().fetch({ from: '2026-10', to: '2026-10' })).rejects.toThrow(
      'Cost Explorer GetCostAndUsage for 2026-10, by tags Application and MigrationWave, page 1: the response has no ResultsByTime list; it cannot be trusted',
    );
  });

  it('fails clearly on a non-numeric Amount', async () => {
    fake.failNext('GetCostAndUsage', {
      status: 200,
      body: {
        ResultsByTime: [
          {
            TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
            Groups: [
              {
                Keys: ['Application$revenues', 'MigrationWave$wave-2'],
                Metrics: {
                  AmortizedCost: { Amount: 'twelve', Unit: 'USD' },
                  UnblendedCost: { Amount: '12', Unit: 'USD' },
                },
              },
            ],
          },
        ],
      },
    });
    await expect(source().fetch({ from: '2026-10', to: '2026-10' })).rejects.toThrow(
      'Cost Explorer GetCostAndUsage for 2026-10, by tags Application and MigrationWave, page 1, 2026-10 group 0 AmortizedCost.Amount: expected a decimal amount, got "twelve"',
    );
  });

  it('forecasts the months left with one GetCostForecast request', async () => {
    const ce = source();
    const forecast = await ce.forecast('2027-01');
    expect(forecast).toEqual([
      { month: '2026-11', amount: '45', currency: 'USD' },
      { month: '2026-12', amount: '160', currency: 'USD' },
      { month: '2027-01', amount: '170.5', currency: 'USD' },
    ]);
    expect(ce.paidRequests).toBe(1);
    const req = fake.requests[0]!;
    expect(req.operation).toBe('GetCostForecast');
    expect(req.body).toEqual({
      TimePeriod: { Start: '2026-11-15', End: '2027-02-01' },
      Metric: 'AMORTIZED_COST',
      Granularity: 'MONTHLY',
    });
  });

  it("asks for at most 12 forecast months (Cost Explorer's limit)", async () => {
    const ce = source();
    await ce.forecast('2028-03');
    expect(fake.requests[0]!.body.TimePeriod).toEqual({ Start: '2026-11-15', End: '2027-11-01' });
  });

  it('returns no forecast for a range already over, without a request', async () => {
    const ce = source();
    expect(await ce.forecast('2026-10')).toEqual([]);
    expect(ce.paidRequests).toBe(0);
  });
});

/**
 * Sample FOCUS export from a small plan (test/support/plan-builder): deterministic bytes, waves
 * appearing at cutover, savings-plan amortisation, credits and tax, read back through the FOCUS
 * source from both CSV and Parquet.
 */
import { Money } from '../../../lib/shared/money';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BillingResult, MonthlyCostRow } from '../../../lib/cost/billing/types';
import { FocusBillingSource } from '../../../lib/cost/focus/focus-source';
import { sampleFocusLines } from '../../../lib/cost/sample-data/sample-focus-lines';
import { writeSampleFocusExport, type SampleExport } from '../../../lib/cost/sample-data/write-sample-export';
import { PricingError } from '../../../lib/cost/pricing/types';
import { buildPlan, minimalPlanInput } from '../../support/plan-builder';
import { buildEstateModel } from '../../../lib/estate-model';

const NOW = new Date('2026-11-15T09:00:00Z');
const plan = buildPlan();

function sum(
  rows: readonly MonthlyCostRow[],
  pick: (r: MonthlyCostRow) => boolean,
  field: 'amortizedCost' | 'unblendedCost',
): Money {
  return rows.filter(pick).reduce((a, r) => a.plus(r[field]), new Money(0));
}

describe('sample FOCUS export', () => {
  let tmp: string;
  let first: SampleExport;
  let second: SampleExport;
  let fromCsv: BillingResult;
  let fromParquet: BillingResult;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'sample-focus-'));
    first = await writeSampleFocusExport({ model: buildEstateModel(plan), now: NOW, outDir: join(tmp, 'a') });
    second = await writeSampleFocusExport({
      model: buildEstateModel(plan),
      now: NOW,
      outDir: join(tmp, 'b'),
    });
    const read = (dir: string) =>
      new FocusBillingSource({ paths: [dir], baseDir: '/', now: () => NOW }).fetch({
        from: '2026-04',
        to: '2026-11',
      });
    fromCsv = await read(first.csvDir);
    fromParquet = await read(first.parquetDir);
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('writes one CSV and one Parquet file per month from the agreement start to now', () => {
    expect(first.months).toEqual([
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    expect(first.csvFiles.map((f) => f.split('/').pop())).toEqual(
      first.months.map((m) => `testshire-focus-${m}.csv`),
    );
    expect(first.parquetFiles).toHaveLength(8);
  });

  it('gives the same bytes for the same inputs (CSV and Parquet)', () => {
    for (const [a, b] of [
      [first.csvFiles, second.csvFiles],
      [first.parquetFiles, second.parquetFiles],
    ] as const) {
      a.forEach((file, i) => expect(readFileSync(file).equals(readFileSync(b[i]!))).toBe(true));
    }
  });

  it('changes with the seed', () => {
    const a = sampleFocusLines({ model: buildEstateModel(plan), now: NOW });
    const b = sampleFocusLines({ model: buildEstateModel(plan), now: NOW, seed: 'another' });
    expect(JSON.stringify(a)).not.toEqual(JSON.stringify(b));
  });

  it('reads back the same from CSV and Parquet', () => {
    expect(fromParquet.rows).toEqual(fromCsv.rows);
    expect(fromCsv.months.filter((m) => !m.complete)).toEqual([
      { month: '2026-11', complete: false, reason: 'current month: costs to date only' },
    ]);
    expect(fromCsv.source.dataThrough).toBe('2026-11-15T00:00:00Z');
  });

  it('starts a wave in the last 30% of the month before cutover, then runs it all month', () => {
    const wave2 = (m: string) => fromCsv.rows.filter((r) => r.wave === 'wave-2' && r.month === m);
    expect(wave2('2026-07')).toEqual([]);
    const lines = sampleFocusLines({ model: buildEstateModel(plan), now: NOW });
    const ec2Hours = (month: string, server: string) =>
      lines
        .find((m) => m.month === month)!
        .lines.find((l) => l.ResourceName === server && l.x_UsageType?.includes('BoxUsage'))
        ?.ConsumedQuantity;
    expect(ec2Hours('2026-07', 'revenues-app-01')).toBeUndefined();
    expect(ec2Hours('2026-08', 'revenues-app-01')).toBe(String((31 - Math.floor(31 * 0.7)) * 24)); // 10 days
    expect(ec2Hours('2026-09', 'revenues-app-01')).toBe(String(30 * 24));
    expect(ec2Hours('2026-11', 'revenues-app-01')).toBe(String(14 * 24)); // 1..14 November
    expect(ec2Hours('2026-06', 'legacy-fax-01')).toBeUndefined(); // retired, no landing zone
  });

  it('bills from right-sized types and list prices, tagged with application and wave', () => {
    const lines = sampleFocusLines({ model: buildEstateModel(plan), now: NOW }).find(
      (m) => m.month === '2026-09',
    )!.lines;
    const web = lines.find(
      (l) => l.ResourceName === 'intranet-web-01' && l.x_UsageType?.includes('BoxUsage'),
    )!;
    expect(web.Tags).toEqual({ Application: 'intranet', MigrationWave: 'wave-1', Estate: 'testshire' });
    expect(web.x_UsageType).toMatch(/^EUW2-BoxUsage:[a-z0-9]+\.[a-z0-9]+$/);
    expect(new Money(web.BilledCost!).gt(0)).toBe(true);
  });

  it('amortizes the savings plan: usage at 0 billed, the commitment on an untagged Purchase line', () => {
    for (const month of fromCsv.months.map((m) => m.month)) {
      const all = () => true;
      expect(
        sum(
          fromCsv.rows.filter((r) => r.month === month),
          all,
          'amortizedCost',
        ).toFixed(),
      ).toBe(
        sum(
          fromCsv.rows.filter((r) => r.month === month),
          all,
          'unblendedCost',
        ).toFixed(),
      );
    }
    const purchase = fromCsv.rows.filter((r) => r.chargeCategory === 'purchase');
    expect(purchase.length).toBeGreaterThan(0);
    expect(purchase.every((r) => r.application === null && r.amortizedCost === '0')).toBe(true);
    // revenues (production) is covered from two months after its September cutover
    const revenuesEc2 = (m: string) =>
      fromCsv.rows.find(
        (r) => r.month === m && r.application === 'revenues' && r.service === 'Amazon Elastic Compute Cloud',
      )!;
    expect(new Money(revenuesEc2('2026-11').unblendedCost).lt(revenuesEc2('2026-11').amortizedCost)).toBe(
      true,
    );
    expect(revenuesEc2('2026-10').unblendedCost).toBe(revenuesEc2('2026-10').amortizedCost);
  });

  it('has untagged spend, and credit and tax lines for closed months only', () => {
    expect(
      fromCsv.rows.some(
        (r) =>
          r.application === null &&
          r.chargeCategory === 'usage' &&
          r.service === 'Amazon Virtual Private Cloud',
      ),
    ).toBe(true);
    const credits = fromCsv.rows.filter((r) => r.chargeCategory === 'credit');
    expect([...new Set(credits.map((r) => r.month))]).toEqual([
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(credits.map((r) => r.service).sort()).toContain('Amazon Relational Database Service');
    expect(credits.every((r) => new Money(r.unblendedCost).lt(0))).toBe(true);
    const taxMonths = [
      ...new Set(fromCsv.rows.filter((r) => r.chargeCategory === 'tax').map((r) => r.month)),
    ];
    expect(taxMonths).toEqual(['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
  });

  it('charges VAT at 20% of billed cost per service, net of credit, savings-plan months too', () => {
    const months = sampleFocusLines({ model: buildEstateModel(plan), now: new Date('2027-01-10T00:00:00Z') });
    for (const month of ['2026-06', '2026-10', '2026-11', '2026-12']) {
      const lines = months.find((m) => m.month === month)!.lines;
      const byService = new Map<string, { base: Money; tax: Money }>();
      for (const l of lines) {
        const e = byService.get(l.ServiceName!) ?? { base: new Money(0), tax: new Money(0) };
        if (l.ChargeCategory === 'Tax') e.tax = e.tax.plus(l.BilledCost!);
        else e.base = e.base.plus(l.BilledCost!);
        byService.set(l.ServiceName!, e);
      }
      for (const [service, { base, tax }] of byService) {
        expect({ month, service, tax: tax.toFixed(2) }).toEqual({
          month,
          service,
          tax: base.times('0.2').toDecimalPlaces(2, Money.ROUND_HALF_EVEN).toFixed(2),
        });
      }
    }
    for (const m of months)
      expect(m.lines.filter((l) => l.ChargeCategory === 'Tax' && l.BilledCost!.startsWith('-'))).toEqual([]);
    // 2026-11 and 2026-12 have revenues-app-01 on the savings plan: its EC2 usage is billed at 0
    const dec = months.find((m) => m.month === '2026-12')!.lines;
    expect(dec.some((l) => l.ChargeCategory === 'Purchase')).toBe(true);
  });

  it('gives the same hour-based EC2 costs, to the cent, with daily lines', async () => {
    const daily = await writeSampleFocusExport({
      model: buildEstateModel(plan),
      now: NOW,
      outDir: join(tmp, 'daily'),
      granularity: 'daily',
      formats: ['csv'],
    });
    expect(daily.parquetFiles).toEqual([]);
    expect(daily.lines).toBeGreaterThan(first.lines * 15);
    const rows = (
      await new FocusBillingSource({ paths: [daily.csvDir], baseDir: '/', now: () => NOW }).fetch({
        from: '2026-04',
        to: '2026-11',
      })
    ).rows;
    const ec2 = (rs: readonly MonthlyCostRow[], m: string) =>
      sum(
        rs,
        (r) => r.month === m && r.application !== null && r.service === 'Amazon Elastic Compute Cloud',
        'amortizedCost',
      ).toFixed(2);
    for (const m of ['2026-08', '2026-09', '2026-11']) expect(ec2(rows, m)).toBe(ec2(fromCsv.rows, m));
  });

  it('writes nothing when the agreement starts after now', () => {
    expect(
      sampleFocusLines({ model: buildEstateModel(plan), now: new Date('2026-03-10T00:00:00Z') }),
    ).toEqual([]);
  });

  it('names the server whose type has no price, keeping the PricingError class', () => {
    const input = minimalPlanInput();
    input.servers.servers[0].instanceType = 'zz9.large';
    const run = () => sampleFocusLines({ model: buildEstateModel(buildPlan(input)), now: NOW });
    expect(run).toThrow(PricingError);
    expect(run).toThrow(
      /^Sample billing data: cannot price server "intranet-web-01" \(zz9\.large\): No EC2 price for instance type "zz9\.large"/,
    );
  });
});

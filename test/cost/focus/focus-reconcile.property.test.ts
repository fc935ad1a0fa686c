/**
 * Property: whatever the lines, the FOCUS source's totals per month, application and category
 * equal the exact decimal sums computed here, from CSV and from Parquet (costs stored as DOUBLE).
 */
import { Money } from '../../../lib/shared/money';
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FocusBillingSource } from '../../../lib/cost/focus/focus-source';
import { focusCsvToParquet } from '../../../lib/cost/sample-data/csv-to-parquet';
import { focusCsv, type FocusLine } from '../../../lib/cost/sample-data/focus-csv';

const NOW = new Date('2026-12-05T00:00:00Z');
const MONTHS = ['2026-09', '2026-10', '2026-11'];
const CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'] as const;

/** An amount with up to 15 significant digits (what a double holds) and 0 to 8 decimal places. */
const amount = fc
  .tuple(fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }), fc.integer({ min: 0, max: 8 }))
  .map(([units, dp]) => new Money(units).dividedBy(new Money(10).pow(dp)).toFixed());

const line = fc.record({
  month: fc.constantFrom(...MONTHS),
  day: fc.integer({ min: 1, max: 28 }),
  app: fc.constantFrom('revenues', 'intranet', null),
  category: fc.constantFrom(...CATEGORIES),
  billed: amount,
  effective: amount,
});

type Line = typeof line extends fc.Arbitrary<infer T> ? T : never;

function toFocus(l: Line): FocusLine {
  const start = `${l.month}-${String(l.day).padStart(2, '0')}T00:00:00Z`;
  const end = `${l.month}-${String(l.day + 1).padStart(2, '0')}T00:00:00Z`;
  return {
    BilledCost: l.billed,
    EffectiveCost: l.effective,
    BillingCurrency: 'USD',
    ChargeCategory: l.category,
    ChargePeriodStart: start,
    ChargePeriodEnd: end,
    ServiceName: 'Amazon Elastic Compute Cloud',
    Tags: l.app ? { Application: l.app, MigrationWave: 'wave-1' } : {},
  };
}

function key(month: string, app: string | null, category: string): string {
  return `${month}|${app ?? '-'}|${category.toLowerCase()}`;
}

describe('FOCUS totals reconcile exactly (property)', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'focus-prop-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('CSV and Parquet both give the exact decimal sums', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), async (lines) => {
        run += 1;
        const dir = join(tmp, `run-${run}`);
        const csvDir = join(dir, 'csv');
        const parquetDir = join(dir, 'parquet');
        mkdirSync(csvDir, { recursive: true });
        mkdirSync(parquetDir, { recursive: true });
        writeFileSync(join(csvDir, 'focus.csv'), focusCsv(lines.map(toFocus)));
        await focusCsvToParquet([join(csvDir, 'focus.csv')], join(parquetDir, 'focus.parquet'));

        const expected = new Map<string, { a: Money; u: Money }>();
        for (const l of lines) {
          const k = key(l.month, l.app, l.category);
          const e = expected.get(k) ?? { a: new Money(0), u: new Money(0) };
          expected.set(k, { a: e.a.plus(l.effective), u: e.u.plus(l.billed) });
        }
        for (const folder of [csvDir, parquetDir]) {
          const result = await new FocusBillingSource({
            paths: [folder],
            baseDir: '/',
            now: () => NOW,
          }).fetch({ from: '2026-09', to: '2026-11' });
          const got = new Map(
            result.rows.map((r) => [
              key(r.month, r.application, r.chargeCategory),
              { a: r.amortizedCost, u: r.unblendedCost },
            ]),
          );
          expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
          for (const [k, e] of expected) {
            expect(got.get(k)).toEqual({ a: e.a.toFixed(), u: e.u.toFixed() });
          }
        }
      }),
      { numRuns: 12, seed: 20261128 },
    );
  });
});

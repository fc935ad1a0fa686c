/**
 * Property tests over random billing rows, rates and baselines: every table reconciles exactly with
 * its rows, savings follow from the presented lines, and converting + rounding never moves a line
 * by more than half a penny from the exact value.
 */
import Decimal from 'decimal.js';
import fc from 'fast-check';
import type { BillingResult, MonthlyCostRow } from '../../../lib/cost/billing/types';
import { buildCostReport, type CostReport } from '../../../lib/cost/comparison';
import { buildPlan, minimalPlanInput } from '../../support/plan-builder';
import { buildEstateModel } from '../../../lib/estate-model';

const MONTHS = ['2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09'];
const HALF_PENNY = new Decimal('0.005');

const amount = fc
  .tuple(fc.integer({ min: -50_000, max: 5_000_000 }), fc.integer({ min: 0, max: 999_999 }))
  .map(([units, micro]) => new Decimal(units).div(100).plus(new Decimal(micro).div(1e8)).toString());

const rowArb: fc.Arbitrary<MonthlyCostRow> = fc.record({
  month: fc.constantFrom(...MONTHS),
  application: fc.constantFrom('revenues', 'intranet', 'payroll', null),
  wave: fc.constantFrom('wave-1', 'wave-2', null),
  service: fc.constantFrom(
    'EC2',
    'RDS',
    'S3',
    'VPC',
    'Config',
    'KMS',
    'Backup',
    'CloudWatch',
    'SSM',
    'EBS',
    'Support',
    'Tax',
  ),
  chargeCategory: fc.constantFrom('usage', 'credit', 'tax'),
  amortizedCost: amount,
  unblendedCost: amount,
  currency: fc.constantFrom('USD', 'USD', 'USD', 'GBP'),
});

const rateArb = fc.integer({ min: 5000, max: 9999 }).map((n) => new Decimal(n).div(10000).toString());
const moneyArb = fc.integer({ min: 0, max: 10_000_000 }).map((n) => new Decimal(n).div(100).toFixed(2));

const inputArb = fc.record({
  rows: fc.array(rowArb, { maxLength: 60 }),
  rates: fc.array(fc.tuple(fc.constantFrom('2026-01', '2026-05', '2026-07', '2027-02'), rateArb), {
    minLength: 1,
    maxLength: 3,
  }),
  costs: fc.array(moneyArb, { minLength: 3, maxLength: 3 }),
  inflation: fc.integer({ min: 0, max: 150 }).map((n) => n / 10),
  reportMonth: fc.constantFrom(...MONTHS),
});

type Input = typeof inputArb extends fc.Arbitrary<infer T> ? T : never;

function run(i: Input): { report: CostReport; rates: Map<string, string> } {
  const plan = minimalPlanInput();
  const seen = new Set<string>();
  plan.baseline.exchangeRates = [{ from: '2026-01', usdToGbp: '0.79', source: 'base' }];
  for (const [from, usdToGbp] of i.rates) {
    if (seen.has(from)) continue;
    seen.add(from);
    plan.baseline.exchangeRates = plan.baseline.exchangeRates.filter(
      (r: { from: string }) => r.from !== from,
    );
    plan.baseline.exchangeRates.push({ from, usdToGbp, source: 'random' });
  }
  plan.baseline.annualInflationPercent = i.inflation;
  i.costs.forEach((c, k) => (plan.baseline.monthlyCosts[k].monthlyGbp = c));
  const built = buildPlan(plan);
  const billing: BillingResult = {
    rows: i.rows,
    months: MONTHS.map((month) => ({ month, complete: true })),
    source: { kind: 'focus', description: 'random', retrievedAt: '2026-10-01T00:00:00Z' },
  };
  const report = buildCostReport({
    model: buildEstateModel(built),
    billing,
    reportMonth: i.reportMonth,
    today: '2026-10-05',
  });
  const rates = new Map<string, string>();
  for (const m of report.months) rates.set(m.month, m.usdToGbp);
  return { report, rates };
}

const sum = (xs: readonly string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)).toFixed(2);

describe('comparison properties', () => {
  it('every total equals the sum of its presented lines', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const { report: r } = run(i);
        const actual = r.months.filter((m) => m.kind === 'actual');
        for (const key of ['aws', 'counterfactual', 'legacyPaid', 'oneOff', 'saving'] as const) {
          expect(r.totals.toDate[key]).toBe(sum(actual.map((m) => m[key])));
          expect(r.totals.agreement[key]).toBe(sum(r.months.map((m) => m[key])));
        }
        for (const b of [r.byApplication, r.byWave]) {
          expect(b.total.aws).toBe(sum(b.lines.map((l) => l.aws)));
          expect(b.total.oneOff).toBe(sum(b.lines.map((l) => l.oneOff)));
          expect(b.total.awsForecast).toBe(sum(b.lines.map((l) => l.awsForecast)));
          expect(b.total.legacyPaid).toBe(sum(b.lines.map((l) => l.legacyPaid)));
          expect(b.total.counterfactual).toBe(sum(b.lines.map((l) => l.counterfactual)));
          expect(b.total.saving).toBe(sum(b.lines.map((l) => l.saving)));
          for (const l of b.lines) {
            expect(l.saving).toBe(
              new Decimal(l.counterfactual).minus(l.aws).minus(l.legacyPaid).minus(l.oneOff).toFixed(2),
            );
          }
        }
        expect(r.topServices.total).toBe(sum(r.topServices.lines.map((l) => l.aws)));
        let cumulative = new Decimal(0);
        for (const m of r.months) {
          const saving = new Decimal(m.counterfactual).minus(m.aws).minus(m.legacyPaid).minus(m.oneOff);
          expect(m.saving).toBe(saving.toFixed(2));
          cumulative = cumulative.plus(m.saving);
          expect(m.cumulativeSaving).toBe(cumulative.toFixed(2));
        }
        expect(r.headline.awsToDate).toBe(r.totals.toDate.aws);
      }),
      { numRuns: 150 },
    );
  });

  it('converting and rounding moves no line by more than half a penny', () => {
    fc.assert(
      fc.property(inputArb, (i) => {
        const { report: r, rates } = run(i);
        const exactByMonth = new Map<string, Decimal>();
        const exactByApp = new Map<string | null, Decimal>();
        const exactByService = new Map<string, Decimal>();
        for (const row of i.rows) {
          // Tax lines (VAT) are left out of AWS spend by default (councils recover VAT).
          if (row.month > i.reportMonth || row.chargeCategory === 'tax') continue;
          const gbp =
            row.currency === 'GBP'
              ? new Decimal(row.amortizedCost)
              : new Decimal(row.amortizedCost).times(rates.get(row.month)!);
          exactByMonth.set(row.month, (exactByMonth.get(row.month) ?? new Decimal(0)).plus(gbp));
          // Credits and refunds without tags have their own line.
          const credit =
            ['credit', 'adjustment'].includes(row.chargeCategory) && !row.application && !row.wave;
          const app = credit ? 'credits-and-refunds' : row.application;
          exactByApp.set(app, (exactByApp.get(app) ?? new Decimal(0)).plus(gbp));
          exactByService.set(row.service, (exactByService.get(row.service) ?? new Decimal(0)).plus(gbp));
        }
        for (const m of r.months.filter((x) => x.kind === 'actual')) {
          const exact = exactByMonth.get(m.month) ?? new Decimal(0);
          expect(new Decimal(m.aws).minus(exact).abs().lte(HALF_PENNY)).toBe(true);
        }
        for (const l of r.byApplication.lines) {
          const exact = exactByApp.get(l.key) ?? new Decimal(0);
          expect(new Decimal(l.aws).minus(exact).abs().lte(HALF_PENNY)).toBe(true);
        }
        // The top-services table has at most 11 lines, each within half a penny.
        const exactTotal = [...exactByService.values()].reduce((a, v) => a.plus(v), new Decimal(0));
        expect(
          new Decimal(r.topServices.total)
            .minus(exactTotal)
            .abs()
            .lte(HALF_PENNY.times(r.topServices.lines.length)),
        ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

import { Money } from '../../../lib/shared/money';
import fc from 'fast-check';
import { mergeRows } from '../../../lib/cost/billing/merge-rows';
import { parseAmount, sumAmounts } from '../../../lib/cost/billing/money';
import { addMonths, daysInMonth, monthOf, monthRange, nextMonth } from '../../../lib/shared/months';
import type { MonthlyCostRow } from '../../../lib/cost/billing/types';

describe('months', () => {
  it('walks month ranges across year ends', () => {
    expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthRange('2027-02', '2026-11')).toEqual([]);
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-01', 25)).toBe('2028-02');
    expect(daysInMonth('2028-02')).toBe(29);
    expect(monthOf(new Date('2026-12-31T23:59:59Z'))).toBe('2026-12');
  });
  it('rejects a malformed month, naming it', () => {
    expect(() => monthRange('2026-13', '2027-01')).toThrow(
      'from must be a month written YYYY-MM, such as "2027-03"; got "2026-13"',
    );
  });
  it('addMonths and monthRange agree (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 60 }),
        (y, m, n) => {
          const from = `${y}-${String(m).padStart(2, '0')}`;
          const range = monthRange(from, addMonths(from, n));
          return range.length === n + 1 && range[n] === addMonths(from, n);
        },
      ),
    );
  });
});

describe('money', () => {
  it('normalises amounts as sources write them, exponents included', () => {
    expect(parseAmount('12.3400000000', 'x')).toBe('12.34');
    expect(parseAmount('-0.5', 'x')).toBe('-0.5');
    expect(parseAmount('1.2E-7', 'x')).toBe('0.00000012');
    expect(parseAmount(' 7 ', 'x')).toBe('7');
  });
  it('refuses what is not a number, saying where', () => {
    expect(() => parseAmount('abc', 'GetCostAndUsage 2026-01')).toThrow(
      'GetCostAndUsage 2026-01: expected a decimal amount, got "abc"',
    );
    expect(() => parseAmount('', 'here')).toThrow('here: expected a decimal amount, got ""');
    expect(() => parseAmount(undefined, 'here')).toThrow('here: expected a decimal amount, got undefined');
    expect(() => parseAmount('NaN', 'here')).toThrow();
    expect(() => parseAmount('Infinity', 'here')).toThrow();
  });
  it('keeps every digit of large sums (decimal.js would round to 20 significant digits by default)', () => {
    expect(sumAmounts(['100000000000000', '0.000001'])).toBe('100000000000000.000001');
    expect(sumAmounts(['123456789012.123456789012', '0.000000000001'])).toBe('123456789012.123456789013');
  });
  it('adds decimal strings exactly (property: sum of cents equals integer sum of cents)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 })), (cents) => {
        const strings = cents.map((c) => new Money(c).dividedBy(100).toFixed());
        return new Money(sumAmounts(strings)).times(100).toNumber() === cents.reduce((a, c) => a + c, 0);
      }),
    );
  });
});

describe('mergeRows', () => {
  const base: MonthlyCostRow = {
    month: '2026-09',
    application: 'revenues',
    wave: 'wave-2',
    service: 'EC2',
    chargeCategory: 'usage',
    amortizedCost: '0.1',
    unblendedCost: '0.2',
    currency: 'USD',
  };
  it('adds rows with the same key exactly and orders nulls last', () => {
    const rows = mergeRows([
      { ...base, application: null },
      base,
      { ...base, amortizedCost: '0.2', unblendedCost: '0.1' },
      { ...base, month: '2026-08' },
    ]);
    expect(rows).toEqual([
      { ...base, month: '2026-08' },
      { ...base, amortizedCost: '0.3', unblendedCost: '0.3' },
      { ...base, application: null },
    ]);
  });
});

/** Small billing fixtures for comparison tests, built on the test plan (test/support/plan-builder). */
import type { BillingResult, MonthlyCostRow } from '../../../lib/cost/billing/types';

export function row(month: string, amount: string, over: Partial<MonthlyCostRow> = {}): MonthlyCostRow {
  return {
    month,
    application: 'intranet',
    wave: 'wave-1',
    service: 'Amazon Elastic Compute Cloud - Compute',
    chargeCategory: 'usage',
    amortizedCost: amount,
    unblendedCost: amount,
    currency: 'USD',
    ...over,
  };
}

/** Four complete months 2026-04..07 of the test plan, spend in June and July. */
export function handBilling(): BillingResult {
  return {
    rows: [
      row('2026-06', '100.00'),
      row('2026-07', '200.00'),
      row('2026-07', '10.01', { application: null, wave: null, service: 'AWS Config' }),
    ],
    months: ['2026-04', '2026-05', '2026-06', '2026-07'].map((month) => ({ month, complete: true })),
    source: {
      kind: 'focus',
      description: 'test FOCUS rows',
      retrievedAt: '2026-08-05T09:00:00.000Z',
      dataThrough: '2026-07-31',
    },
  };
}

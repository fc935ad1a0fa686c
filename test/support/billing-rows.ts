/** A billing row for tests: untagged USD usage unless the fields given say otherwise. */
import type { MonthlyCostRow } from '../../lib/cost/billing/types';

export const costRow = (
  r: Partial<MonthlyCostRow> & Pick<MonthlyCostRow, 'month' | 'service' | 'amortizedCost' | 'unblendedCost'>,
): MonthlyCostRow => ({
  application: null,
  wave: null,
  chargeCategory: 'usage',
  currency: 'USD',
  ...r,
});

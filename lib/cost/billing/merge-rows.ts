import { Money } from '../../shared/money';
import type { MonthlyCostRow } from './types';

function keyOf(r: MonthlyCostRow): string {
  return JSON.stringify([r.month, r.application, r.wave, r.service, r.chargeCategory, r.currency]);
}

/**
 * Adds up rows that share month, application, wave, service, charge category and currency, and
 * returns them in a stable order (month, application, wave, service, category; nulls last).
 */
export function mergeRows(rows: readonly MonthlyCostRow[]): MonthlyCostRow[] {
  const merged = new Map<string, { row: MonthlyCostRow; amortized: Money; unblended: Money }>();
  for (const r of rows) {
    const k = keyOf(r);
    const m = merged.get(k);
    if (m) {
      m.amortized = m.amortized.plus(r.amortizedCost);
      m.unblended = m.unblended.plus(r.unblendedCost);
    } else {
      merged.set(k, {
        row: r,
        amortized: new Money(r.amortizedCost),
        unblended: new Money(r.unblendedCost),
      });
    }
  }
  return [...merged.values()]
    .map(({ row, amortized, unblended }) => ({
      ...row,
      amortizedCost: amortized.toFixed(),
      unblendedCost: unblended.toFixed(),
    }))
    .sort(compareRows);
}

function cmpNullable(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Stable row order used by every source. */
export function compareRows(a: MonthlyCostRow, b: MonthlyCostRow): number {
  return (
    cmpNullable(a.month, b.month) ||
    cmpNullable(a.application, b.application) ||
    cmpNullable(a.wave, b.wave) ||
    cmpNullable(a.service, b.service) ||
    cmpNullable(a.chargeCategory, b.chargeCategory) ||
    cmpNullable(a.currency, b.currency)
  );
}

/** Exact decimal money helpers: decimal.js throughout, one rounding step per presented line. */
import Decimal from 'decimal.js';

/** A Decimal constructor isolated from global config: 40 significant digits, half-up. */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);

/** Rounds half-up to the penny and renders with 2 decimal places. */
export function penny(value: Dec): string {
  return value.toDecimalPlaces(2, Dec.ROUND_HALF_UP).toFixed(2);
}

/** Sums presented (already rounded) lines and renders the total. */
export function sumPresented(lines: readonly string[]): string {
  return lines.reduce((acc, l) => acc.plus(l), ZERO).toFixed(2);
}

export function dec(value: string | number): Dec {
  return new Dec(value);
}

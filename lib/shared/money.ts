/**
 * The one decimal.js configuration for money: every amount in lib/ is a `Money` (never a float).
 * 60 significant digits, so sums such as 100000000000000.000001 keep every digit (decimal.js's
 * default of 20 would round them), and half-up rounding, the rule every presented line follows.
 * A clone, so settings made on the global `Decimal` elsewhere never change these amounts.
 */
import Decimal from 'decimal.js';

export const Money = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
export type Money = InstanceType<typeof Money>;

export const ZERO = new Money(0);

/** A `Money` from a decimal string or number. */
export function money(value: string | number): Money {
  return new Money(value);
}

/** Rounds half-up to the penny (or cent) and renders with 2 decimal places. */
export function penny(value: Money): string {
  return value.toDecimalPlaces(2, Money.ROUND_HALF_UP).toFixed(2);
}

/** Sums presented (already rounded) lines and renders the total. */
export function sumPresented(lines: readonly string[]): string {
  return lines.reduce((acc, l) => acc.plus(l), ZERO).toFixed(2);
}

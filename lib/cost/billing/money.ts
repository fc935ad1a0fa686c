/** Money-string money helpers shared by the billing sources (decimal.js, never floats). */
import { Money } from '../../shared/money';

const AMOUNT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses an amount as a source reported it (e.g. "12.3400000000", "-0.5", "1.2E-7") into a plain
 * decimal string with no exponent. Throws with `where` in the message when it is not a number.
 */
export function parseAmount(value: unknown, where: string): string {
  if (typeof value !== 'string' || !AMOUNT.test(value.trim())) {
    throw new Error(`${where}: expected a decimal amount, got ${JSON.stringify(value)}`);
  }
  return new Money(value.trim()).toFixed();
}

/** Sum of decimal strings, as a decimal string. */
export function sumAmounts(values: readonly string[]): string {
  return values.reduce((acc, v) => acc.plus(v), new Money(0)).toFixed();
}

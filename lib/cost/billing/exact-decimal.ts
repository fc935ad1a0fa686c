import Decimal from 'decimal.js';

/**
 * decimal.js set up for money sums: 60 significant digits, half-even rounding. decimal.js
 * defaults to 20 significant digits, which would round a sum such as 100000000000000.000001.
 * A clone, so settings made on the global `Decimal` elsewhere never change these sums.
 */
export const ExactDecimal = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_EVEN });
export type ExactDecimal = Decimal;

/**
 * Small pure helpers every estimate line uses: an exact amount per pricing option, and its
 * rounding to the cent (USD) and the penny (GBP) once per line.
 */
import { Money, penny, sumPresented } from '../../shared/money';
import { EC2_RATES, type Ec2Rate } from '../pricing';
import type { ByRate, EstimateItem } from './types';

/** An exact monthly USD amount per pricing option. */
export type Exact = Record<Ec2Rate, Money>;

/** What a line says before its amounts are rounded. */
export type UnpricedItem = Omit<EstimateItem, 'monthlyUsd' | 'monthlyGbp'>;

/** One line: what is priced and its exact monthly USD per pricing option. */
export interface ExactLine {
  readonly item: UnpricedItem;
  readonly exact: Exact;
}

/** The same amount at every pricing option (what Compute Savings Plans do not cover). */
export function same(v: Money): Exact {
  return { 'on-demand': v, 'savings-plan-1yr': v, 'savings-plan-3yr': v };
}

/** An amount that depends on the pricing option. */
export function perRate(price: (rate: Ec2Rate) => Money): Exact {
  const out = {} as Exact;
  for (const r of EC2_RATES) out[r] = price(r);
  return out;
}

/** Rounds a line once: USD to the cent, GBP (at `usdToGbp`) to the penny. */
export function roundLine(line: ExactLine, usdToGbp: Money): EstimateItem {
  const usd = {} as Record<Ec2Rate, string>;
  const gbp = {} as Record<Ec2Rate, string>;
  for (const r of EC2_RATES) {
    usd[r] = penny(line.exact[r]);
    gbp[r] = penny(line.exact[r].times(usdToGbp));
  }
  return { ...line.item, monthlyUsd: usd, monthlyGbp: gbp };
}

/** Sums rounded lines per pricing option. */
export function sumBy(lines: readonly ByRate[]): ByRate {
  const out = {} as Record<Ec2Rate, string>;
  for (const r of EC2_RATES) out[r] = sumPresented(lines.map((l) => l[r]));
  return out;
}

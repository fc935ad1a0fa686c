import type { GetCostAndUsageCommandOutput } from '@aws-sdk/client-cost-explorer';
import { parseAmount } from '../../billing/money';
import type { MonthlyCostRow } from '../../billing/types';
import { CostExplorerError } from '../cost-explorer-error';

/** The two metrics every GetCostAndUsage request asks for. */
export const METRICS = ['AmortizedCost', 'UnblendedCost'] as const;

/** How one request's group keys turn into row fields. */
export interface GroupMapping {
  /** Where the response came from, for error messages. */
  readonly where: string;
  /** Maps the two group keys to application, wave, service, category and breakdown. */
  readonly fromKeys: (keys: readonly string[], where: string) => RowFields;
}

/** The row fields a request's group keys decide. */
export type RowFields = Pick<
  MonthlyCostRow,
  'application' | 'wave' | 'service' | 'chargeCategory' | 'breakdown'
>;

export interface ParsedPage {
  readonly rows: MonthlyCostRow[];
  /** Months Cost Explorer marked `Estimated` (not final yet). */
  readonly estimatedMonths: Set<string>;
  readonly nextPageToken?: string;
}

/**
 * Reads a tag group key as Cost Explorer writes it: `"<TagKey>$<value>"`, where an empty value
 * means the resource did not carry the tag. Returns the value, or null for untagged.
 */
export function parseTagGroupKey(key: string, tagKey: string, where: string): string | null {
  const prefix = `${tagKey}$`;
  if (!key.startsWith(prefix)) {
    throw new CostExplorerError(
      `${where}: expected a group key for tag "${tagKey}" ("${prefix}<value>"), got "${key}"`,
    );
  }
  const value = key.slice(prefix.length);
  return value === '' ? null : value;
}

function currencyOf(unit: unknown, where: string): 'USD' | 'GBP' {
  if (unit === 'USD' || unit === 'GBP') return unit;
  throw new CostExplorerError(
    `${where}: unsupported currency unit ${JSON.stringify(unit)} (expected USD or GBP)`,
  );
}

/** Turns one GetCostAndUsage page into rows; throws a CostExplorerError on any malformed part. */
export function parseCostAndUsagePage(
  out: GetCostAndUsageCommandOutput,
  mapping: GroupMapping,
  allowedMonths: ReadonlySet<string>,
): ParsedPage {
  const where = mapping.where;
  if (!Array.isArray(out.ResultsByTime)) {
    throw new CostExplorerError(`${where}: the response has no ResultsByTime list; it cannot be trusted`);
  }
  const rows: MonthlyCostRow[] = [];
  const estimatedMonths = new Set<string>();
  for (const [i, result] of out.ResultsByTime.entries()) {
    const start = result.TimePeriod?.Start;
    if (typeof start !== 'string' || !/^\d{4}-\d{2}-01$/.test(start)) {
      throw new CostExplorerError(
        `${where}: ResultsByTime[${i}] has TimePeriod.Start ${JSON.stringify(start)}, expected the first day of a month`,
      );
    }
    const month = start.slice(0, 7);
    if (!allowedMonths.has(month)) {
      throw new CostExplorerError(`${where}: ResultsByTime[${i}] is for ${month}, which was not asked for`);
    }
    if (result.Estimated) estimatedMonths.add(month);
    for (const [g, group] of (result.Groups ?? []).entries()) {
      const at = `${where}, ${month} group ${g}`;
      const keys = group.Keys;
      if (!Array.isArray(keys) || keys.length !== 2 || !keys.every((k) => typeof k === 'string')) {
        throw new CostExplorerError(`${at}: expected two group keys, got ${JSON.stringify(keys)}`);
      }
      const amortized = group.Metrics?.AmortizedCost;
      const unblended = group.Metrics?.UnblendedCost;
      if (!amortized || !unblended) {
        throw new CostExplorerError(
          `${at}: metrics AmortizedCost and UnblendedCost are both required, got ${JSON.stringify(Object.keys(group.Metrics ?? {}))}`,
        );
      }
      const currency = currencyOf(amortized.Unit, `${at} AmortizedCost`);
      if (currencyOf(unblended.Unit, `${at} UnblendedCost`) !== currency) {
        throw new CostExplorerError(
          `${at}: AmortizedCost is in ${amortized.Unit} but UnblendedCost in ${unblended.Unit}`,
        );
      }
      let amortizedCost: string;
      let unblendedCost: string;
      try {
        amortizedCost = parseAmount(amortized.Amount, `${at} AmortizedCost.Amount`);
        unblendedCost = parseAmount(unblended.Amount, `${at} UnblendedCost.Amount`);
      } catch (e) {
        throw new CostExplorerError((e as Error).message);
      }
      const fields = mapping.fromKeys(keys, at);
      rows.push({ month, ...fields, amortizedCost, unblendedCost, currency });
    }
  }
  const token = out.NextPageToken;
  return { rows, estimatedMonths, ...(token ? { nextPageToken: token } : {}) };
}

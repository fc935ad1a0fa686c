import type { Expression, GroupDefinition } from '@aws-sdk/client-cost-explorer';
import type { ChargeCategory } from '../../billing/types';
import { CostExplorerError } from '../cost-explorer-error';
import { parseTagGroupKey, type GroupMapping } from './parse-results';

/** Cost Explorer RECORD_TYPE values fetched separately, and the charge category each maps to. */
export const NON_USAGE_RECORD_TYPES: Readonly<Record<string, ChargeCategory>> = {
  Credit: 'credit',
  Refund: 'adjustment',
  Tax: 'tax',
};

/** One GetCostAndUsage query (before paging): its filter, two group keys and row mapping. */
export interface PlannedRequest {
  readonly filter: Expression;
  readonly groupBy: GroupDefinition[];
  readonly mapping: GroupMapping;
}

/**
 * The GetCostAndUsage queries for one run of months. Cost Explorer allows two GroupBy keys, so
 * the wave goes into the filter: one query per wave value, one for spend without the wave tag
 * (both excluding credits, refunds and tax, grouped by [TAG application, SERVICE]), and one for
 * credits, refunds and tax grouped by [RECORD_TYPE, SERVICE]. Together they cover every cost once.
 */
export function planRequests(
  label: string,
  waveValues: readonly string[],
  keys: { readonly app: string; readonly wave: string },
): PlannedRequest[] {
  const nonUsage = Object.keys(NON_USAGE_RECORD_TYPES);
  const notNonUsage: Expression = { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: nonUsage } } };
  const byAppAndService: GroupDefinition[] = [
    { Type: 'TAG', Key: keys.app },
    { Type: 'DIMENSION', Key: 'SERVICE' },
  ];
  const usageKeys: GroupMapping['fromKeys'] = (k, at) => ({
    application: parseTagGroupKey(k[0]!, keys.app, at),
    service: k[1]!,
    chargeCategory: 'usage',
  });
  const where = `Cost Explorer GetCostAndUsage for ${label}`;
  const requests: PlannedRequest[] = waveValues.map((value) => ({
    filter: { And: [{ Tags: { Key: keys.wave, Values: [value], MatchOptions: ['EQUALS'] } }, notNonUsage] },
    groupBy: byAppAndService,
    mapping: { where: `${where}, ${keys.wave}=${value}`, wave: value, fromKeys: usageKeys },
  }));
  requests.push({
    filter: { And: [{ Tags: { Key: keys.wave, MatchOptions: ['ABSENT'] } }, notNonUsage] },
    groupBy: byAppAndService,
    mapping: { where: `${where}, ${keys.wave} absent`, wave: null, fromKeys: usageKeys },
  });
  requests.push({
    filter: { Dimensions: { Key: 'RECORD_TYPE', Values: nonUsage } },
    groupBy: [
      { Type: 'DIMENSION', Key: 'RECORD_TYPE' },
      { Type: 'DIMENSION', Key: 'SERVICE' },
    ],
    mapping: {
      where: `${where}, credits/refunds/tax`,
      wave: null,
      fromKeys: (k, at) => {
        const category = NON_USAGE_RECORD_TYPES[k[0]!];
        if (!category) {
          throw new CostExplorerError(
            `${at}: unexpected RECORD_TYPE "${k[0]}" (asked for ${nonUsage.join(', ')})`,
          );
        }
        return { application: null, service: k[1]!, chargeCategory: category };
      },
    },
  });
  return requests;
}

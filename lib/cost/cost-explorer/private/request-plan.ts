import type { Expression, GroupDefinition } from '@aws-sdk/client-cost-explorer';
import { ALL_SERVICES, type ChargeCategory } from '../../billing/types';
import { CostExplorerError } from '../cost-explorer-error';
import { parseTagGroupKey, type GroupMapping } from './parse-results';

/** Cost Explorer RECORD_TYPE values kept as their own rows, and the charge category each maps to. */
export const NON_USAGE_RECORD_TYPES: Readonly<Record<string, ChargeCategory>> = {
  Credit: 'credit',
  Refund: 'adjustment',
  Tax: 'tax',
};

/** One GetCostAndUsage query (before paging): its filter, two group keys and row mapping. */
export interface PlannedRequest {
  readonly filter?: Expression;
  readonly groupBy: GroupDefinition[];
  readonly mapping: GroupMapping;
}

/** Usage (everything but credits, refunds and tax). */
function notNonUsage(): Expression {
  return { Not: { Dimensions: { Key: 'RECORD_TYPE', Values: Object.keys(NON_USAGE_RECORD_TYPES) } } };
}

/**
 * Usage by the two tags [application, wave] (every record type except credits, refunds and tax):
 * `tags` breakdown rows. Also what the month-to-date total of the open month is read from.
 */
export function usageByTags(
  label: string,
  keys: { readonly app: string; readonly wave: string },
): PlannedRequest {
  return {
    filter: notNonUsage(),
    groupBy: [
      { Type: 'TAG', Key: keys.app },
      { Type: 'TAG', Key: keys.wave },
    ],
    mapping: {
      where: `Cost Explorer GetCostAndUsage for ${label}, by tags ${keys.app} and ${keys.wave}`,
      fromKeys: (k, at) => ({
        application: parseTagGroupKey(k[0]!, keys.app, at),
        wave: parseTagGroupKey(k[1]!, keys.wave, at),
        service: ALL_SERVICES,
        chargeCategory: 'usage',
        breakdown: 'tags',
      }),
    },
  };
}

/**
 * The GetCostAndUsage queries for one run of months: two, whatever the number of waves, each at
 * most two GroupBy keys (Cost Explorer's limit):
 *
 * 1. usage grouped by [TAG application, TAG wave]: the application and wave tables and totals;
 * 2. everything grouped by [RECORD_TYPE, SERVICE]: the service table from the usage record types,
 *    and credits, refunds and tax as full rows (account-level: no application or wave).
 */
export function planRequests(
  label: string,
  keys: { readonly app: string; readonly wave: string },
): PlannedRequest[] {
  return [
    usageByTags(label, keys),
    {
      groupBy: [
        { Type: 'DIMENSION', Key: 'RECORD_TYPE' },
        { Type: 'DIMENSION', Key: 'SERVICE' },
      ],
      mapping: {
        where: `Cost Explorer GetCostAndUsage for ${label}, by record type and service`,
        fromKeys: (k, at) => {
          if (typeof k[0] !== 'string' || k[0] === '') {
            throw new CostExplorerError(`${at}: empty RECORD_TYPE group key`);
          }
          const category = NON_USAGE_RECORD_TYPES[k[0]];
          return category
            ? { application: null, wave: null, service: k[1]!, chargeCategory: category }
            : {
                application: null,
                wave: null,
                service: k[1]!,
                chargeCategory: 'usage',
                breakdown: 'service',
              };
        },
      },
    },
  ];
}

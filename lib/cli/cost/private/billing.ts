/** Fetches billing rows (and forecasts) from the chosen source for the report command. */
import { join } from 'node:path';
import type { CliIo } from '../../command';
import type { Plan } from '../../../plan/plan';
import { AthenaClient } from '@aws-sdk/client-athena';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { CostExplorerBillingSource } from '../../../cost/cost-explorer';
import { ATHENA_PRICE_PER_TB_USD, AthenaBillingSource } from '../../../cost/athena';
import { financeNames } from '../../../cost/finance-names';
import { FocusBillingSource } from '../../../cost/focus';
import { costExplorerBilling, type FetchedBilling } from '../../../cost/monthly/cost-explorer-billing';
import { awsClient } from '../../aws-clients';

export type { FetchedBilling };

export async function fetchFocus(
  io: CliIo,
  paths: readonly string[],
  from: string,
  to: string,
): Promise<FetchedBilling> {
  const source = new FocusBillingSource({ paths, baseDir: io.cwd, now: io.now });
  return { billing: await source.fetch({ from, to }), notes: [] };
}

/**
 * Cost Explorer: actual months to the report month, and a forecast for the rest of the agreement.
 * The current month's forecast covers only the rest of the month, so its costs to date are added.
 */
export async function fetchCostExplorer(
  io: CliIo,
  plan: Plan,
  endpoint: string | undefined,
  cacheRoot: string,
  from: string,
  reportMonth: string,
): Promise<FetchedBilling> {
  // Cost Explorer has one endpoint, https://ce.us-east-1.amazonaws.com, whatever the estate region
  // ("Using the AWS Cost Explorer API", AWS Cost Management User Guide: Service endpoint).
  const client = awsClient(
    CostExplorerClient,
    io,
    'COST_EXPLORER',
    'us-east-1',
    endpoint ? { endpoint } : {},
  );
  const source = new CostExplorerBillingSource({
    client,
    now: io.now,
    cacheDir: join(cacheRoot, 'cost-explorer', plan.estate.id),
  });
  return costExplorerBilling(source, plan.estate.agreement.end, from, reportMonth, io.now());
}

/** Athena over the FOCUS export the CostGovernanceStack sets up (names from the estate id). */
export async function fetchAthena(
  io: CliIo,
  plan: Plan,
  endpoint: string | undefined,
  from: string,
  to: string,
): Promise<FetchedBilling> {
  const names = financeNames(plan.estate.id);
  const source = new AthenaBillingSource({
    client: awsClient(AthenaClient, io, 'ATHENA', plan.estate.region, endpoint ? { endpoint } : {}),
    workGroup: names.workGroup,
    database: names.database,
    table: names.table,
    now: io.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    ...(io.interrupt ? { signal: io.interrupt } : {}),
  });
  const billing = await source.fetch({ from, to });
  const mb = (source.bytesScanned / 1e6).toFixed(1);
  return {
    billing,
    notes: [
      `Athena: ${source.queryCount} query(ies) in workgroup ${names.workGroup}, ${mb} MB scanned, $${source.scanCostUsd} at $${ATHENA_PRICE_PER_TB_USD} per TB (10 MB minimum per query).`,
    ],
  };
}

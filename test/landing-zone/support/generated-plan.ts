/** Generates large plans (servers, databases, waves, applications) through the real plan builder. */
import type { Plan } from '../../../lib/plan/plan';
import { syntheticDatabase, syntheticServer } from '../../../scripts/bench/synthetic-estate';
import { buildPlan, minimalPlanInput, type MutablePlanInput } from '../../support/plan-builder';

type Json = Record<string, unknown>;

export interface GeneratedPlanOptions {
  readonly servers: number;
  readonly databases: number;
  readonly waves: number;
  readonly applications: number;
  /** Extra servers all in application app-01, wave-01 (to force a stack split). */
  readonly crowdedServers?: number;
}

const TIERS = ['gold', 'silver', 'bronze'] as const;

const pad = (n: number) => String(n).padStart(2, '0');

export function generatedPlan(options: GeneratedPlanOptions): Plan {
  return buildPlan(generatedPlanInput(options));
}

/** The plan files' contents (estate, servers, databases, baseline) of a generated plan. */
export function generatedPlanInput(options: GeneratedPlanOptions): MutablePlanInput {
  const input = minimalPlanInput();
  input.estate.network.hybridLink = {
    type: 'site-to-site-vpn',
    customerGatewayIp: '203.0.113.10',
    bgpAsn: 65010,
  };
  input.estate.waves = Array.from({ length: options.waves }, (_, i) => ({
    id: `wave-${pad(i + 1)}`,
    name: `Wave ${i + 1}`,
    order: i + 1,
    cutover: `2027-${pad((i % 12) + 1)}`,
    decommission: `2028-${pad((i % 12) + 1)}`,
  }));
  input.estate.applications = Array.from({ length: options.applications }, (_, i) => ({
    id: `app-${pad(i + 1)}`,
    name: `Application ${i + 1}`,
    owner: 'Service owner',
    costCentre: `CC-${100 + i}`,
    tier: TIERS[i % 3],
    dataClassification: i % 2 === 0 ? 'OFFICIAL' : 'OFFICIAL-SENSITIVE',
    environment: i % 5 === 4 ? 'non-production' : 'production',
  }));
  const servers: Json[] = [];
  for (let n = 0; n < options.servers; n++)
    servers.push(
      syntheticServer(
        n,
        n % options.applications,
        Math.floor((n * options.waves) / options.servers),
        options.applications,
      ),
    );
  for (let k = 0; k < (options.crowdedServers ?? 0); k++)
    servers.push(syntheticServer(options.servers + k, 0, 0, options.applications));
  input.servers.servers = servers;
  input.databases.databases = Array.from({ length: options.databases }, (_, n) =>
    syntheticDatabase(n, options),
  );
  input.baseline.monthlyCosts = input.baseline.monthlyCosts.filter(
    (c: Json) => 'estate' in (c.appliesTo as Json),
  );
  input.baseline.oneOffCosts = [];
  return input;
}

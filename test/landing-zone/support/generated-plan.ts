/** Generates large plans (servers, databases, waves, applications) through the real plan builder. */
import type { Plan } from '../../../lib/plan/plan';
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
const IMAGES = ['windows-server-2022', 'amazon-linux-2023', 'rhel-9', 'ubuntu-24.04'] as const;
const ENGINES = [
  { engine: 'postgresql', version: '16' },
  { engine: 'mysql', version: '8.0' },
  { engine: 'mariadb', version: '10.11' },
  { engine: 'sqlserver', edition: 'standard', version: '2019' },
] as const;

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
  const server = (n: number, app: number, wave: number): Json => {
    const retired = n % 20 === 19;
    return {
      id: `srv-${String(n).padStart(4, '0')}`,
      hostname: `SRV${String(n).padStart(4, '0')}`,
      application: `app-${pad(app + 1)}`,
      wave: `wave-${pad(wave + 1)}`,
      os:
        n % 4 === 0
          ? { family: 'windows', name: 'Windows Server', version: '2022' }
          : { family: 'linux', name: 'Linux', version: '1' },
      vcpu: 2 + (n % 4) * 2,
      memoryGiB: 8 + (n % 3) * 8,
      disks: [
        { sizeGiB: 80, purpose: 'os' },
        { sizeGiB: 100 + (n % 7) * 50, purpose: 'data' },
      ],
      inboundFlows: retired
        ? []
        : [
            { from: { onPremises: 'corporate-lan' }, port: 443 },
            { from: { application: `app-${pad(((app + 1) % options.applications) + 1)}` }, port: 8443 },
          ],
      strategy: retired ? 'retire' : 'rehost',
      ...(retired ? {} : { image: { baseImage: IMAGES[n % 4] } }),
    };
  };
  for (let n = 0; n < options.servers; n++)
    servers.push(server(n, n % options.applications, Math.floor((n * options.waves) / options.servers)));
  for (let k = 0; k < (options.crowdedServers ?? 0); k++) servers.push(server(options.servers + k, 0, 0));
  input.servers.servers = servers;
  input.databases.databases = Array.from({ length: options.databases }, (_, n) => ({
    id: `db-${String(n).padStart(4, '0')}`,
    application: `app-${pad((n % options.applications) + 1)}`,
    wave: `wave-${pad(Math.floor((n * options.waves) / options.databases) + 1)}`,
    ...ENGINES[n % ENGINES.length],
    sizeGiB: 50 + (n % 10) * 25,
    vcpu: 2,
    memoryGiB: 8,
  }));
  input.baseline.monthlyCosts = input.baseline.monthlyCosts.filter(
    (c: Json) => 'estate' in (c.appliesTo as Json),
  );
  input.baseline.oneOffCosts = [];
  return input;
}

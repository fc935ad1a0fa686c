/**
 * Synthetic estates for the benchmark: a plan folder (estate.yaml, servers.yaml, databases.yaml,
 * legacy-baseline.yaml) of any size, written to disk so every path a user takes (the CLI, the
 * loader, the main job) can be measured on it. Deterministic: the same size gives the same files.
 * Databases come in proportion (28 per 100 servers), applications one per 25 servers, waves one
 * per 100 servers (at least 2, at most 12); each application moves in one wave.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

type Json = Record<string, unknown>;

/** Databases per server in a synthetic estate (280 per 1,000 servers, as measured before). */
export const DATABASES_PER_SERVER = 0.28;

export interface SyntheticEstateSize {
  readonly servers: number;
  readonly databases: number;
  readonly waves: number;
  readonly applications: number;
}

/** Proportions used for a given number of servers. */
export function syntheticEstateSize(servers: number): SyntheticEstateSize {
  return {
    servers,
    databases: Math.round(servers * DATABASES_PER_SERVER),
    waves: Math.min(12, Math.max(2, Math.round(servers / 100))),
    applications: Math.max(2, Math.round(servers / 25)),
  };
}

const TIERS = ['gold', 'silver', 'bronze'] as const;
const IMAGES = ['windows-server-2022', 'amazon-linux-2023', 'rhel-9', 'ubuntu-24.04'] as const;
const ENGINES = [
  { engine: 'postgresql', version: '16' },
  { engine: 'mysql', version: '8.0' },
  { engine: 'mariadb', version: '10.11' },
  { engine: 'sqlserver', edition: 'standard', version: '2019' },
] as const;

const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');
const appId = (i: number) => `app-${pad2(i + 1)}`;
const waveId = (i: number) => `wave-${pad2(i + 1)}`;

function estateFile(size: SyntheticEstateSize): Json {
  return {
    estate: {
      id: 'synthetic',
      name: `Synthetic Borough Council (${size.servers} servers)`,
      owner: 'ICT Infrastructure',
      account: '123456789012',
      region: 'eu-west-2',
      agreement: { start: '2026-04', end: '2028-03' },
    },
    network: {
      vpcCidr: '10.40.0.0/16',
      availabilityZones: ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'],
      onPremisesRanges: [
        { name: 'corporate-lan', cidr: '10.0.0.0/16', purpose: 'users' },
        { name: 'it-admin', cidr: '10.1.0.0/24', purpose: 'admin' },
      ],
      hybridLink: { type: 'site-to-site-vpn', customerGatewayIp: '203.0.113.10', bgpAsn: 65010 },
    },
    applications: Array.from({ length: size.applications }, (_, i) => ({
      id: appId(i),
      name: `Application ${i + 1}`,
      owner: 'Service owner',
      costCentre: `CC-${100 + i}`,
      tier: TIERS[i % 3],
      dataClassification: i % 2 === 0 ? 'OFFICIAL' : 'OFFICIAL-SENSITIVE',
      environment: i % 5 === 4 ? 'non-production' : 'production',
    })),
    waves: Array.from({ length: size.waves }, (_, i) => ({
      id: waveId(i),
      name: `Wave ${i + 1}`,
      order: i + 1,
      cutover: `2027-${pad2((i % 12) + 1)}`,
      decommission: `2028-${pad2((i % 12) + 1)}`,
    })),
  };
}

/**
 * Server number `n` of a synthetic estate, in application `app` and wave `wave` (0-based); every
 * 20th is retired, every 4th runs Windows. Also used by the landing-zone scale tests.
 */
export function syntheticServer(n: number, app: number, wave: number, applications: number): Json {
  const retired = n % 20 === 19;
  return {
    id: `srv-${pad4(n)}`,
    hostname: `SRV${pad4(n)}`,
    application: appId(app),
    wave: waveId(wave),
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
          { from: { application: appId((app + 1) % applications) }, port: 8443 },
        ],
    // Every tenth server reaches a vendor service on the internet; every tenth another on premises.
    outboundFlows: retired
      ? []
      : n % 10 === 3
        ? [{ to: { internet: true }, port: 443 }]
        : n % 10 === 5
          ? [{ to: { onPremises: 'corporate-lan' }, port: 445 }]
          : [],
    strategy: retired ? 'retire' : 'rehost',
    // Rebuilt from pinned base images (see IMAGE_LOCK), so every server gets an EC2 instance.
    ...(retired ? {} : { image: { baseImage: IMAGES[n % 4] }, entryRoute: 'rebuild' }),
  };
}

/** Database number `n` of a synthetic estate (engines in turn). Also used by the scale tests. */
export function syntheticDatabase(
  n: number,
  size: Pick<SyntheticEstateSize, 'databases' | 'waves' | 'applications'>,
  wave = Math.floor((n * size.waves) / size.databases),
): Json {
  return {
    id: `db-${pad4(n)}`,
    application: appId(n % size.applications),
    wave: waveId(wave),
    ...ENGINES[n % ENGINES.length],
    sizeGiB: 50 + (n % 10) * 25,
    vcpu: 2,
    memoryGiB: 8,
  };
}

const BASELINE: Json = {
  baselineMonth: '2026-03',
  annualInflationPercent: 3,
  monthlyCosts: [
    {
      id: 'dc-space',
      category: 'data-centre-space',
      description: 'Rack space in the data centre',
      monthlyGbp: '4000.00',
      appliesTo: { estate: true },
    },
  ],
  oneOffCosts: [],
  exchangeRates: [{ from: '2026-01', usdToGbp: '0.79', source: 'HM Treasury planning rate' }],
};

/** image-lock.yaml of a synthetic estate: illustrative AMI ids pinned by hand, one per base image. */
export const IMAGE_LOCK: Json = {
  images: IMAGES.map((baseImage, i) => ({
    baseImage,
    region: 'eu-west-2',
    imageId: `ami-0${String(i + 1).repeat(16)}`,
    source: 'manual',
    resolvedOn: '2026-11-30',
  })),
};

/** Each application moves in one wave (as councils migrate), so an application is one stack. */
function waveOfApplication(app: number, size: SyntheticEstateSize): number {
  return Math.floor((app * size.waves) / size.applications);
}

/** The four plan files of a synthetic estate, as YAML text by file name. */
export function syntheticEstateFiles(size: SyntheticEstateSize): Record<string, string> {
  const header = `# Synthetic estate for npm run bench (generated; do not edit).\n`;
  return {
    'estate.yaml': header + stringify(estateFile(size)),
    'servers.yaml':
      header +
      stringify({
        servers: Array.from({ length: size.servers }, (_, n) =>
          syntheticServer(
            n,
            n % size.applications,
            waveOfApplication(n % size.applications, size),
            size.applications,
          ),
        ),
      }),
    'databases.yaml':
      header +
      stringify({
        databases: Array.from({ length: size.databases }, (_, n) =>
          syntheticDatabase(n, size, waveOfApplication(n % size.applications, size)),
        ),
      }),
    'legacy-baseline.yaml': header + stringify(BASELINE),
    'image-lock.yaml': header + stringify(IMAGE_LOCK),
  };
}

/** Writes a synthetic estate of `servers` servers into `dir` (created); returns its size. */
export function writeSyntheticEstate(dir: string, servers: number): SyntheticEstateSize {
  const size = syntheticEstateSize(servers);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(syntheticEstateFiles(size))) writeFileSync(join(dir, name), text);
  return size;
}

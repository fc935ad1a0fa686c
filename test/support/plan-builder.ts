/**
 * Small in-memory plans for tests. `minimalPlanInput()` returns plain objects shaped like the
 * YAML files; tests mutate a copy and call `buildPlan(input)`, which goes through the same
 * parsing and validation as files do.
 */
import { planFromObjects, type PlanInput } from '../../lib/plan/build';
import type { Plan } from '../../lib/plan/plan';

export interface MutablePlanInput {
  estate: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  servers: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  databases: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  baseline: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  imageLock?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  migrationState?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** The AMI ids the minimal plan's lock pins (made up, in the format `images refresh` writes). */
export const PINNED_TEST_IMAGES = {
  'windows-server-2016': 'ami-0a16a16a16a16a160',
  'windows-server-2019': 'ami-0fedcba9876543210',
  'windows-server-2022': 'ami-0a22a22a22a22a220',
  'amazon-linux-2023': 'ami-0a23a23a23a23a230',
  'rhel-8': 'ami-0b08b08b08b08b080',
  'rhel-9': 'ami-0b09b09b09b09b090',
  'ubuntu-22.04': 'ami-0123456789abcdef0',
  'ubuntu-24.04': 'ami-0c24c24c24c24c240',
} as const;

export function minimalPlanInput(): MutablePlanInput {
  return {
    estate: {
      estate: {
        id: 'testshire',
        name: 'Testshire District Council',
        owner: 'ICT Infrastructure',
        account: '123456789012',
        region: 'eu-west-2',
        agreement: { start: '2026-04', end: '2028-03' },
      },
      network: {
        vpcCidr: '10.40.0.0/16',
        availabilityZones: ['eu-west-2a', 'eu-west-2b'],
        onPremisesRanges: [
          { name: 'corporate-lan', cidr: '10.0.0.0/16', purpose: 'users' },
          { name: 'it-admin', cidr: '10.1.0.0/24', purpose: 'admin' },
        ],
        hybridLink: { type: 'none' },
      },
      applications: [
        {
          id: 'revenues',
          name: 'Revenues and Benefits',
          owner: 'Finance',
          costCentre: 'FIN-100',
          tier: 'gold',
          dataClassification: 'OFFICIAL-SENSITIVE',
          environment: 'production',
        },
        {
          id: 'intranet',
          name: 'Intranet',
          owner: 'Comms',
          costCentre: 'COM-200',
          tier: 'bronze',
          dataClassification: 'OFFICIAL',
          environment: 'non-production',
        },
      ],
      waves: [
        { id: 'wave-1', name: 'Pilot', order: 1, cutover: '2026-06', decommission: '2026-08' },
        { id: 'wave-2', name: 'Core', order: 2, cutover: '2026-09', decommission: '2026-11' },
      ],
    },
    servers: {
      servers: [
        {
          id: 'intranet-web-01',
          hostname: 'INTWEB01',
          application: 'intranet',
          wave: 'wave-1',
          os: { family: 'linux', name: 'Ubuntu', version: '22.04' },
          vcpu: 2,
          memoryGiB: 4,
          disks: [{ sizeGiB: 40, purpose: 'os' }],
          utilisation: { cpuP95Percent: 10, memoryP95Percent: 40 },
          inboundFlows: [{ from: { onPremises: 'corporate-lan' }, port: 443, protocol: 'tcp' }],
          strategy: 'rehost',
          image: { baseImage: 'ubuntu-22.04' },
          entryRoute: 'rebuild',
        },
        {
          id: 'revenues-app-01',
          hostname: 'REVAPP01',
          application: 'revenues',
          wave: 'wave-2',
          os: { family: 'windows', name: 'Windows Server', version: '2019' },
          vcpu: 4,
          memoryGiB: 16,
          disks: [
            { sizeGiB: 100, purpose: 'os' },
            { sizeGiB: 200, purpose: 'data' },
          ],
          inboundFlows: [
            { from: { onPremises: 'corporate-lan' }, port: 443, protocol: 'tcp' },
            { from: { application: 'intranet' }, port: 8080, protocol: 'tcp' },
          ],
          dependsOn: ['revenues-db'],
          strategy: 'rehost',
          image: { baseImage: 'windows-server-2019' },
          entryRoute: 'rebuild',
        },
        {
          id: 'legacy-fax-01',
          hostname: 'FAX01',
          application: 'intranet',
          wave: 'wave-1',
          os: { family: 'windows', name: 'Windows Server', version: '2012 R2' },
          vcpu: 1,
          memoryGiB: 2,
          disks: [{ sizeGiB: 60, purpose: 'os' }],
          strategy: 'retire',
        },
      ],
    },
    databases: {
      databases: [
        {
          id: 'revenues-db',
          application: 'revenues',
          wave: 'wave-2',
          engine: 'sqlserver',
          edition: 'standard',
          version: '2019',
          sizeGiB: 250,
          vcpu: 4,
          memoryGiB: 32,
          highAvailability: true,
        },
        {
          id: 'intranet-db',
          application: 'intranet',
          wave: 'wave-1',
          engine: 'postgresql',
          version: '16',
          sizeGiB: 20,
          vcpu: 2,
          memoryGiB: 4,
        },
      ],
    },
    imageLock: {
      images: Object.entries(PINNED_TEST_IMAGES).map(([baseImage, imageId]) => ({
        baseImage,
        region: 'eu-west-2',
        imageId,
        source: 'manual',
        resolvedOn: '2026-11-30',
      })),
    },
    baseline: {
      baselineMonth: '2026-03',
      annualInflationPercent: 3,
      monthlyCosts: [
        {
          id: 'dc-space',
          category: 'data-centre-space',
          description: 'Rack space in the civic centre data centre',
          monthlyGbp: '4000.00',
          appliesTo: { estate: true },
        },
        {
          id: 'rev-licences',
          category: 'licences',
          description: 'Revenues system SQL Server licences',
          monthlyGbp: '1250.50',
          appliesTo: { applications: ['revenues'] },
        },
        {
          id: 'pilot-hardware',
          category: 'hardware-depreciation',
          description: 'Pilot wave host depreciation',
          monthlyGbp: 800,
          appliesTo: { waves: ['wave-1'] },
        },
      ],
      oneOffCosts: [
        {
          id: 'migration-partner',
          description: 'Migration partner fees',
          month: '2026-06',
          amountGbp: '15000.00',
        },
      ],
      exchangeRates: [{ from: '2026-01', usdToGbp: '0.79', source: 'HM Treasury planning rate' }],
    },
  };
}

/** Account ids of `separateNonProductionInput()`. */
export const SEPARATE_ACCOUNTS = {
  production: '111111111111',
  nonProduction: '222222222222',
  backup: '333333333333',
} as const;

/**
 * The minimal plan with a separate non-production account (intranet goes there, with VPC
 * 10.41.0.0/16) and a backup account; revenues no longer admits intranet (the two workload VPCs
 * are not connected, so that flow would be a plan problem).
 */
export function separateNonProductionInput(): MutablePlanInput {
  const input = minimalPlanInput();
  input.estate.estate.account = SEPARATE_ACCOUNTS.production;
  input.estate.accounts = { ...SEPARATE_ACCOUNTS };
  input.estate.keyAdministration = { adminRole: 'KeyAdmin', breakGlassRole: 'BreakGlass' };
  input.estate.network.nonProduction = { vpcCidr: '10.41.0.0/16' };
  const revenues = input.servers.servers[1];
  revenues.inboundFlows = revenues.inboundFlows.filter(
    (f: { from: Record<string, unknown> }) => !('application' in f.from),
  );
  return input;
}

/**
 * Builds a validated, frozen Plan from input objects (structure and meaning passes, exactly as
 * `loadPlan` does for files). Throws the loader's `PlanError` if the input has problems.
 */
export function buildPlan(input: PlanInput = minimalPlanInput()): Plan {
  return planFromObjects(input, { dir: '<memory>', files: [] });
}

/**
 * The migration plan, defined once. Types (`z.infer`), the runtime validator and the published
 * JSON Schema all come from these definitions.
 *
 * A plan folder under `migration-plans/<estate>/` holds:
 * - `estate.yaml`          EstateFileSchema (estate, network, backup, applications, waves)
 * - `servers.yaml`         ServersFileSchema (may be absent when `mgn-import.csv` is given)
 * - `databases.yaml`       DatabasesFileSchema
 * - `legacy-baseline.yaml` LegacyBaselineSchema (finance's on-premises costs)
 * - `mgn-import.csv`       optional, MGN-style server list (see lib/plan/mgn-csv.ts)
 *
 * The estate description is provider-neutral (what a server *is* on-premises); AWS choices are
 * derived (right-sizing, engine mapping) or given as explicit overrides (`instanceType`,
 * `instanceClass`).
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------------------------
// Scalars
// ---------------------------------------------------------------------------------------------

/** Stable identifier: lower-case kebab-case. Construct ids and tags derive from it. */
export const IdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'a lower-case kebab-case id such as "revenues-benefits"')
  .max(48);

/** Calendar month, `YYYY-MM`. */
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month written YYYY-MM, such as "2027-03"');

/** IPv4 CIDR block, e.g. `10.40.0.0/16`. Range and alignment are checked in the meaning pass. */
export const CidrSchema = z
  .string()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, 'an IPv4 CIDR such as "10.40.0.0/16"');

/**
 * Money in GBP (or USD for rates), as written by finance: a number or a decimal string with at
 * most two decimal places (four for exchange rates). Kept as a canonical decimal string so that no
 * binary floating point is involved in money arithmetic.
 */
export const MoneySchema = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .pipe(
    z.string().regex(/^\d+(\.\d{1,2})?$/, 'an amount in pounds with at most 2 decimal places, e.g. 1250.00'),
  );

export const RateSchema = z
  .union([z.number(), z.string()])
  .transform((v) => (typeof v === 'number' ? String(v) : v.trim()))
  .pipe(
    z.string().regex(/^\d+(\.\d{1,6})?$/, 'a positive decimal rate with at most 6 decimal places, e.g. 0.79'),
  );

export const AwsAccountIdSchema = z.string().regex(/^\d{12}$/, 'a 12-digit AWS account id, quoted in YAML');
export const AwsRegionSchema = z
  .string()
  .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'an AWS region such as "eu-west-2"');

export const TierSchema = z.enum(['gold', 'silver', 'bronze']);
/** Government Security Classifications in use for council data. */
export const DataClassificationSchema = z.enum(['OFFICIAL', 'OFFICIAL-SENSITIVE']);
export const EnvironmentSchema = z.enum(['production', 'non-production']);
/** The 7 Rs of migration. */
export const MigrationStrategySchema = z.enum([
  'rehost',
  'replatform',
  'refactor',
  'repurchase',
  'relocate',
  'retain',
  'retire',
]);
/** Strategies that get landing-zone resources (EC2 / RDS) from this tool. */
export const LANDING_ZONE_STRATEGIES = ['rehost', 'replatform', 'relocate'] as const;

// ---------------------------------------------------------------------------------------------
// estate.yaml
// ---------------------------------------------------------------------------------------------

export const EstateSchema = z.strictObject({
  /** Stable id of the estate; prefixes stack names and the Estate tag. */
  id: IdSchema,
  /** Human name, e.g. "Peterborough City Council". */
  name: z.string().min(1),
  /** Accountable owner (team or role). */
  owner: z.string().min(1),
  /** Target AWS account (12 digits, quoted). */
  account: AwsAccountIdSchema,
  /** Home region. @default eu-west-2 (London) */
  region: AwsRegionSchema.default('eu-west-2'),
  /** Regions any resource may live in. @default [region] */
  allowedRegions: z.array(AwsRegionSchema).min(1).optional(),
  /** The AWS agreement the migration runs under; the cost forecast runs to its end. */
  agreement: z.strictObject({ start: MonthSchema, end: MonthSchema }),
});

export const OnPremisesRangeSchema = z.strictObject({
  /** Name flows can refer to, e.g. "corporate-lan". */
  name: IdSchema,
  cidr: CidrSchema,
  /** What lives there. `admin` ranges may reach database ports. */
  purpose: z.enum(['users', 'servers', 'admin']),
});

export const HybridLinkSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({
    type: z.literal('site-to-site-vpn'),
    /** Public IPv4 address of the council's VPN device. */
    customerGatewayIp: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}$/, 'an IPv4 address'),
    /** BGP ASN of the council's device; leave it out to route statically to the on-premises ranges. */
    bgpAsn: z.number().int().min(1).max(4294967295).optional(),
  }),
  z.strictObject({
    type: z.literal('transit-gateway'),
    transitGatewayId: z
      .string()
      .regex(/^tgw-[0-9a-f]{8,17}$/, 'a transit gateway id such as "tgw-0123456789abcdef0"'),
  }),
]);

export const NetworkSchema = z.strictObject({
  vpcCidr: CidrSchema,
  /** Availability zones to spread over; must belong to the estate region. Pinned: no lookups. */
  availabilityZones: z.array(z.string()).min(2).max(3),
  /** On-premises address ranges that stay connected during and after migration. */
  onPremisesRanges: z.array(OnPremisesRangeSchema).default([]),
  hybridLink: HybridLinkSchema.default({ type: 'none' }),
  /** VPC flow log retention. @default 365 */
  flowLogRetentionDays: z.number().int().positive().default(365),
  /** NAT gateways: one per AZ for resilience, or one to save cost. @default 'per-az' */
  natGateways: z.enum(['per-az', 'single']).default('per-az'),
});

export const BackupPolicySchema = z.strictObject({
  vaultLock: z
    .strictObject({
      minRetentionDays: z.number().int().positive(),
      maxRetentionDays: z.number().int().positive(),
      /** Cooling-off period before the lock becomes immutable (AWS minimum 3 days). */
      changeableForDays: z.number().int().min(3),
    })
    .default({ minRetentionDays: 7, maxRetentionDays: 2555, changeableForDays: 3 }),
  /** Who is told about failed or expired backup jobs. */
  notifyEmails: z.array(z.string().email()).default([]),
});

export const ApplicationSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  owner: z.string().min(1),
  costCentre: z.string().min(1),
  tier: TierSchema,
  dataClassification: DataClassificationSchema,
  environment: EnvironmentSchema,
});

export const WaveSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  /** Deployment order, 1-based, unique. */
  order: z.number().int().positive(),
  /** Planned cut-over month. */
  cutover: MonthSchema,
  /** Month the on-premises kit for this wave is switched off (its legacy costs stop after it). */
  decommission: MonthSchema,
});

export const EstateFileSchema = z.strictObject({
  estate: EstateSchema,
  network: NetworkSchema,
  backup: BackupPolicySchema.default({
    vaultLock: { minRetentionDays: 7, maxRetentionDays: 2555, changeableForDays: 3 },
    notifyEmails: [],
  }),
  applications: z.array(ApplicationSchema).min(1),
  waves: z.array(WaveSchema).min(1),
});

// ---------------------------------------------------------------------------------------------
// servers.yaml
// ---------------------------------------------------------------------------------------------

export const OsSchema = z.strictObject({
  family: z.enum(['windows', 'linux']),
  /** Distribution or product, e.g. "Windows Server", "RHEL", "Ubuntu". */
  name: z.string().min(1),
  version: z.string().min(1),
});

export const DiskSchema = z.strictObject({
  sizeGiB: z.number().int().positive(),
  purpose: z.enum(['os', 'data', 'logs', 'backup', 'swap']),
});

export const FlowSourceSchema = z.union([
  z.strictObject({ application: IdSchema }),
  z.strictObject({ onPremises: IdSchema }),
  z.strictObject({ cidr: CidrSchema }),
]);

export const InboundFlowSchema = z.strictObject({
  from: FlowSourceSchema,
  port: z.number().int().min(0).max(65535),
  /** Last port of a range. @default port */
  toPort: z.number().int().min(0).max(65535).optional(),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  description: z.string().optional(),
});

export const BaseImageSchema = z.enum([
  'windows-server-2016',
  'windows-server-2019',
  'windows-server-2022',
  'amazon-linux-2023',
  'rhel-8',
  'rhel-9',
  'ubuntu-22.04',
  'ubuntu-24.04',
]);

export const ImageSourceSchema = z.union([
  /** An image imported from the on-premises server (VM Import, MGN). */
  z.strictObject({
    importedImageId: z.string().regex(/^ami-[0-9a-f]{8,17}$/, 'an AMI id such as "ami-0abc12345678def01"'),
  }),
  /** A named, current base image resolved at deploy time (SSM public parameter; no lookup). */
  z.strictObject({ baseImage: BaseImageSchema }),
]);

export const UtilisationSchema = z.strictObject({
  cpuP95Percent: z.number().min(0).max(100),
  memoryP95Percent: z.number().min(0).max(100),
});

export const ServerSchema = z.strictObject({
  id: IdSchema,
  hostname: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/, 'a hostname (letters, digits, hyphens)'),
  application: IdSchema,
  wave: IdSchema,
  os: OsSchema,
  vcpu: z.number().int().positive(),
  memoryGiB: z.number().positive(),
  disks: z.array(DiskSchema).min(1),
  /** 95th-percentile utilisation measured on-premises; drives right-sizing when present. */
  utilisation: UtilisationSchema.optional(),
  inboundFlows: z.array(InboundFlowSchema).default([]),
  /** Ids of servers or databases this one needs; they must migrate in the same or an earlier wave. */
  dependsOn: z.array(IdSchema).default([]),
  strategy: MigrationStrategySchema,
  licence: z.enum(['aws-licence-included', 'bring-your-own']).default('aws-licence-included'),
  /** Required for landing-zone strategies (rehost, replatform, relocate). */
  image: ImageSourceSchema.optional(),
  /**
   * Servers of one application with the same placement group are spread over different
   * availability zones (by the id's trailing number). Without it, the group is the id without its
   * trailing number: `rev-app-01` and `rev-app-02` are one group. @default the id without its number
   */
  placementGroup: IdSchema.optional(),
  /** Override the right-sized EC2 instance type, e.g. "m7i.xlarge". */
  instanceType: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as "m7i.large"')
    .optional(),
  notes: z.string().optional(),
});

export const ServersFileSchema = z.strictObject({
  servers: z.array(ServerSchema),
});

// ---------------------------------------------------------------------------------------------
// databases.yaml
// ---------------------------------------------------------------------------------------------

const databaseCommon = {
  id: IdSchema,
  application: IdSchema,
  wave: IdSchema,
  /** Major version as the vendor names it, e.g. "2019" (SQL Server), "19" (Oracle), "16" (PostgreSQL). */
  version: z.string().min(1),
  sizeGiB: z.number().int().positive(),
  vcpu: z.number().int().positive(),
  memoryGiB: z.number().positive(),
  /**
   * Multi-AZ (a standby in a second availability zone). The application's tier decides when this is
   * left out: gold and silver are Multi-AZ, bronze single-AZ. `true` asks for Multi-AZ on any tier;
   * `false` where the tier requires Multi-AZ is a plan problem (lib/estate-model/high-availability.ts).
   * @default the tier's
   */
  highAvailability: z.boolean().optional(),
  dependsOn: z.array(IdSchema).default([]),
  strategy: MigrationStrategySchema.default('replatform'),
  licence: z.enum(['aws-licence-included', 'bring-your-own']).default('aws-licence-included'),
  /** Override the right-sized RDS instance class, e.g. "db.r6i.large". */
  instanceClass: z
    .string()
    .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'an RDS instance class such as "db.m6i.large"')
    .optional(),
  notes: z.string().optional(),
};

export const DatabaseSchema = z.discriminatedUnion('engine', [
  z.strictObject({
    engine: z.literal('sqlserver'),
    edition: z.enum(['express', 'web', 'standard', 'enterprise']),
    ...databaseCommon,
  }),
  z.strictObject({
    engine: z.literal('oracle'),
    edition: z.enum(['standard-2', 'enterprise']),
    ...databaseCommon,
  }),
  z.strictObject({ engine: z.literal('postgresql'), ...databaseCommon }),
  z.strictObject({ engine: z.literal('mysql'), ...databaseCommon }),
  z.strictObject({ engine: z.literal('mariadb'), ...databaseCommon }),
]);

export const DatabasesFileSchema = z.strictObject({
  databases: z.array(DatabaseSchema),
});

// ---------------------------------------------------------------------------------------------
// legacy-baseline.yaml (finance)
// ---------------------------------------------------------------------------------------------

export const CostCategorySchema = z.enum([
  'data-centre-space',
  'power',
  'hardware-depreciation',
  'licences',
  'support-contracts',
  'staff',
  'network',
  'other',
]);

/** What a legacy cost belongs to; it falls away when all of that is decommissioned. */
export const CostScopeSchema = z.union([
  /** Shared by the whole estate; falls away after the last wave's decommission month. */
  z.strictObject({ estate: z.literal(true) }),
  /** Falls away after the last decommission month of the waves holding these applications. */
  z.strictObject({ applications: z.array(IdSchema).min(1) }),
  /** Falls away after the last decommission month of these waves. */
  z.strictObject({ waves: z.array(IdSchema).min(1) }),
]);

export const LegacyCostSchema = z.strictObject({
  id: IdSchema,
  category: CostCategorySchema,
  description: z.string().min(1),
  /** Monthly cost in GBP. */
  monthlyGbp: MoneySchema,
  appliesTo: CostScopeSchema,
  /** A contract that ends earlier than decommission (last month paid). */
  endsAfter: MonthSchema.optional(),
});

export const OneOffCostSchema = z.strictObject({
  id: IdSchema,
  description: z.string().min(1),
  month: MonthSchema,
  amountGbp: MoneySchema,
  /** The wave it belongs to, if any. */
  wave: IdSchema.optional(),
  application: IdSchema.optional(),
});

export const ExchangeRateSchema = z.strictObject({
  /** First month the rate applies to; it holds until the next entry. */
  from: MonthSchema,
  /** GBP per 1 USD, e.g. 0.79. */
  usdToGbp: RateSchema,
  source: z.string().min(1),
});

export const LegacyBaselineSchema = z.strictObject({
  /** The month the baseline figures describe (before migration). */
  baselineMonth: MonthSchema,
  /** Annual increase finance assumes for the counterfactual, in percent. @default 0 */
  annualInflationPercent: z.number().min(0).max(50).default(0),
  monthlyCosts: z.array(LegacyCostSchema).min(1),
  oneOffCosts: z.array(OneOffCostSchema).default([]),
  exchangeRates: z.array(ExchangeRateSchema).min(1),
});

// ---------------------------------------------------------------------------------------------
// Inferred types (input shapes are what users write; output shapes are what code sees)
// ---------------------------------------------------------------------------------------------

export type Estate = z.output<typeof EstateSchema>;
export type OnPremisesRange = z.output<typeof OnPremisesRangeSchema>;
export type HybridLink = z.output<typeof HybridLinkSchema>;
export type Network = z.output<typeof NetworkSchema>;
export type BackupPolicy = z.output<typeof BackupPolicySchema>;
export type Application = z.output<typeof ApplicationSchema>;
export type Wave = z.output<typeof WaveSchema>;
export type Tier = z.output<typeof TierSchema>;
export type DataClassification = z.output<typeof DataClassificationSchema>;
export type MigrationStrategy = z.output<typeof MigrationStrategySchema>;
export type Os = z.output<typeof OsSchema>;
export type Disk = z.output<typeof DiskSchema>;
export type FlowSource = z.output<typeof FlowSourceSchema>;
export type InboundFlow = z.output<typeof InboundFlowSchema>;
export type BaseImage = z.output<typeof BaseImageSchema>;
export type ImageSource = z.output<typeof ImageSourceSchema>;
export type Server = z.output<typeof ServerSchema>;
export type Database = z.output<typeof DatabaseSchema>;
export type DatabaseEngine = Database['engine'];
export type CostCategory = z.output<typeof CostCategorySchema>;
export type CostScope = z.output<typeof CostScopeSchema>;
export type LegacyCost = z.output<typeof LegacyCostSchema>;
export type OneOffCost = z.output<typeof OneOffCostSchema>;
export type ExchangeRate = z.output<typeof ExchangeRateSchema>;
export type LegacyBaseline = z.output<typeof LegacyBaselineSchema>;
export type EstateFile = z.output<typeof EstateFileSchema>;

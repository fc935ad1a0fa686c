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
import { normaliseSqlServerVersion } from './sqlserver-version';

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
  /**
   * Regions data may live in. A UK council's estate is held to London unless this widens it
   * explicitly. @default ['eu-west-2']
   */
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
  /**
   * The non-production account's own VPC, when `accounts.nonProduction` is a separate account whose
   * applications get landing-zone resources (required then). It shares the availability zones,
   * on-premises ranges, hybrid link type, flow-log retention and NAT choice above; its CIDR must
   * overlap neither `vpcCidr` nor an on-premises range. @default - no second VPC
   */
  nonProduction: z.strictObject({ vpcCidr: CidrSchema }).optional(),
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
  /**
   * A second copy of every recovery point in another region of the backup account; must be one
   * of `estate.allowedRegions`. @default - no copy outside the home region
   */
  copyRegion: AwsRegionSchema.optional(),
});

/** IAM role name (not an ARN): the same name is looked up in each account. */
export const RoleNameSchema = z
  .string()
  .regex(/^[\w+=,.@-]{1,64}$/, 'an IAM role name such as "KeyAdministrator" (not an ARN)');

/**
 * The AWS accounts of the estate, by role. Absent: a single-account plan, `estate.account` for
 * every role. When given, the backup account must differ from both workload accounts, so a
 * compromised workload administrator cannot reach the copies.
 */
export const AccountsSchema = z.strictObject({
  /**
   * Workload account for applications whose environment is production. Must be `estate.account`,
   * where the finance stacks and the exit plan are.
   */
  production: AwsAccountIdSchema,
  /** Workload account for non-production applications (may equal production). */
  nonProduction: AwsAccountIdSchema,
  /** Backup and recovery account: holds the locked vault the backups are copied to. */
  backup: AwsAccountIdSchema,
  /** Log archive account, when the organisation has one. @default - none */
  logArchive: AwsAccountIdSchema.optional(),
  /** Security tooling account, when the organisation has one. @default - none */
  securityTooling: AwsAccountIdSchema.optional(),
});

/** Who administers the KMS keys, and who alone may disable or delete them. */
export const KeyAdministrationSchema = z.strictObject({
  /** Role that administers keys (policy, rotation, tags) but cannot use them on data. */
  adminRole: RoleNameSchema,
  /** The only role allowed kms:ScheduleKeyDeletion and kms:DisableKey. Required with `accounts`. */
  breakGlassRole: RoleNameSchema.optional(),
});

/**
 * Detective controls the organisation already provides (e.g. through Control Tower); for each
 * left false, the security-baseline stack turns it on. @default all false: the stack turns on all.
 */
export const OrganisationControlsSchema = z.strictObject({
  cloudTrail: z.boolean().default(false),
  guardDuty: z.boolean().default(false),
  /** Security Hub with the CIS AWS Foundations and AWS Foundational Security Best Practices standards. */
  securityHub: z.boolean().default(false),
  config: z.boolean().default(false),
  accessAnalyzer: z.boolean().default(false),
});

export const ApplicationSchema = z.strictObject({
  id: IdSchema,
  name: z.string().min(1),
  owner: z.string().min(1),
  costCentre: z.string().min(1),
  tier: TierSchema,
  dataClassification: DataClassificationSchema,
  environment: EnvironmentSchema,
  /** Address told when this application's AWS budget is crossed. @default - the finance owner's */
  ownerEmail: z.string().email().optional(),
  /**
   * Other values of the `Application` cost-allocation tag that mean this application (its name,
   * a legacy code): the cost report counts them as this application. @default - the id only
   */
  tagValues: z.array(z.string().min(1)).optional(),
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

/** How servers replicate with AWS MGN (estate.yaml `migration`). */
export const MigrationSettingsSchema = z.strictObject({
  /** Instance type of MGN's replication servers in the staging subnet. @default t3.small */
  replicationServerInstanceType: z
    .string()
    .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as "t3.small"')
    .default('t3.small'),
  /** Cap on replication bandwidth per source server, in Mbps; 0 means no cap. @default 0 */
  bandwidthThrottleMbps: z.number().int().min(0).max(10000).default(0),
  /**
   * How MGN's replication servers reach the MGN API, EC2 and S3 (TCP 443). `private`: through
   * interface endpoints for MGN and EC2 and the S3 gateway endpoint, never the internet;
   * `public-internet`: through the NAT gateways. The agents' data (TCP 1500) always comes over the
   * hybrid link to private addresses. @default `private` when any application holds
   * OFFICIAL-SENSITIVE data, else `public-internet`
   */
  replicationNetwork: z.enum(['private', 'public-internet']).optional(),
});

/**
 * Finance in AWS (the CostGovernanceStack): budgets, anomaly alerts, the FOCUS export with Athena
 * and the monthly report job. Leave it out and no finance stacks are built.
 */
export const FinanceSchema = z.strictObject({
  /** Finance owner: told of every wave budget, and of application budgets without their own owner. */
  ownerEmail: z.string().email(),
  /** Finance team: subscribed to the finance topic (budget alerts, the monthly report) and to anomaly alerts. */
  contacts: z.array(z.string().email()).min(1),
  budgets: z
    .strictObject({
      /** Monthly budget in USD per wave id; waves not listed get the cost estimate plus the margin. */
      waves: z.record(IdSchema, MoneySchema).default({}),
      /** Monthly budget in USD per application id; the cost estimate plus the margin otherwise. */
      applications: z.record(IdSchema, MoneySchema).default({}),
      /** Margin added to the cost estimate for budgets not given, in percent. @default 20 */
      marginPercent: z.number().min(0).max(200).default(20),
    })
    .default({ waves: {}, applications: {}, marginPercent: 20 }),
  /** Anomaly alerts when an anomaly's total impact reaches this many USD. @default 100 */
  anomalyThresholdUsd: z.number().positive().default(100),
  /**
   * Region of the billing-configuration stack: AWS Data Exports and Cost Anomaly Detection exist
   * only in us-east-1. That stack holds configuration only, never data: the export, the report
   * and every bucket stay in the estate region. @default us-east-1
   */
  billingConfigurationRegion: z.literal('us-east-1').default('us-east-1'),
  /** Where the monthly report job reads billing data. @default cost-explorer */
  monthlyReportSource: z.enum(['cost-explorer', 'athena']).default('cost-explorer'),
  /** Athena stops a query that scans more than this, in GB. @default 10 */
  athenaScanLimitGb: z.number().int().positive().max(1000).default(10),
});

export const EstateFileSchema = z.strictObject({
  estate: EstateSchema,
  network: NetworkSchema,
  backup: BackupPolicySchema.default({
    vaultLock: { minRetentionDays: 7, maxRetentionDays: 2555, changeableForDays: 3 },
    notifyEmails: [],
  }),
  accounts: AccountsSchema.optional(),
  keyAdministration: KeyAdministrationSchema.default({ adminRole: 'KeyAdministrator' }),
  /** What the organisation already provides: `provides: { cloudTrail: true, ... }`. */
  organisation: z
    .strictObject({ provides: OrganisationControlsSchema.default(OrganisationControlsSchema.parse({})) })
    .default({ provides: OrganisationControlsSchema.parse({}) }),
  applications: z.array(ApplicationSchema).min(1),
  waves: z.array(WaveSchema).min(1),
  /** MGN replication settings. @default t3.small replication servers, no bandwidth cap */
  migration: MigrationSettingsSchema.default({
    replicationServerInstanceType: 't3.small',
    bandwidthThrottleMbps: 0,
  }),
  finance: FinanceSchema.optional(),
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

/** Ports, protocol and description shared by inbound and outbound flows. */
const flowPorts = {
  port: z.number().int().min(0).max(65535),
  /** Last port of a range. @default port */
  toPort: z.number().int().min(0).max(65535).optional(),
  protocol: z.enum(['tcp', 'udp']).default('tcp'),
  description: z.string().optional(),
};

export const InboundFlowSchema = z.strictObject({
  from: FlowSourceSchema,
  ...flowPorts,
});

/** Where a server may open connections to, beyond the VPC's own applications and endpoints. */
export const FlowDestinationSchema = z.union([
  z.strictObject({ onPremises: IdSchema }),
  z.strictObject({ cidr: CidrSchema }),
  /** The internet, through the NAT gateways (e.g. vendor update services). */
  z.strictObject({ internet: z.literal(true) }),
]);

/**
 * A connection the server opens. Connections to other applications in the VPC need none: they
 * follow from those applications' inbound flows. Security groups allow nothing else outbound.
 */
export const OutboundFlowSchema = z.strictObject({
  to: FlowDestinationSchema,
  ...flowPorts,
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

/**
 * How a server arrives in its landing zone (see lib/estate-model/routes/entry-route.ts):
 * `mgn` replicates the on-premises disks with AWS Application Migration Service; `vm-import` boots
 * an AMI the council imported (`image.importedImageId`); `rebuild` builds a new server from an image
 * (a pinned base image or an imported one) and the application is reinstalled.
 */
export const ServerEntryRouteSchema = z.enum(['mgn', 'vm-import', 'rebuild']);

/**
 * How a database's data arrives in RDS: `dms` (AWS DMS full load and ongoing replication),
 * `native-backup` (SQL Server .bak restore, Oracle Data Pump through S3 integration),
 * `dump-restore` (pg_dump / mysqldump and restore; PostgreSQL, MySQL, MariaDB).
 */
export const DatabaseEntryRouteSchema = z.enum(['dms', 'native-backup', 'dump-restore']);

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
  /** Connections this server opens to on-premises ranges, other CIDRs or the internet (via NAT). */
  outboundFlows: z.array(OutboundFlowSchema).default([]),
  /** Ids of servers or databases this one needs; they must migrate in the same or an earlier wave. */
  dependsOn: z.array(IdSchema).default([]),
  strategy: MigrationStrategySchema,
  licence: z.enum(['aws-licence-included', 'bring-your-own']).default('aws-licence-included'),
  /** The image a `rebuild` or `vm-import` server boots from; not used by `mgn`. */
  image: ImageSourceSchema.optional(),
  /**
   * How the server arrives. @default `mgn` for rehost/relocate (`vm-import` when the image is an
   * imported AMI), `rebuild` for replatform
   */
  entryRoute: ServerEntryRouteSchema.optional(),
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
  /**
   * How the data arrives. @default `native-backup` for SQL Server and Oracle, `dump-restore` for
   * PostgreSQL, MySQL and MariaDB
   */
  entryRoute: DatabaseEntryRouteSchema.optional(),
  /** Override the right-sized RDS instance class, e.g. "db.r6i.large". */
  instanceClass: z
    .string()
    .regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, 'an RDS instance class such as "db.m6i.large"')
    .optional(),
  /**
   * The database's name on the source server, for `entryRoute: dms`: what the DMS source endpoint
   * reads and the name the target gets (so connection strings keep their database name). Not used
   * by MySQL and MariaDB endpoints (DMS maps their schemas). @default the plan id with "-" as "_"
   */
  sourceDatabaseName: z
    .string()
    .regex(
      /^[A-Za-z_][A-Za-z0-9_]{0,127}$/,
      'a database name: letters, digits and "_", not starting with a digit',
    )
    .optional(),
  notes: z.string().optional(),
};

/**
 * SQL Server version as the product year ("2019") or the version number ("15.00"), quoted or not;
 * held as the product year.
 */
export const SqlServerVersionSchema = z
  .union([z.string(), z.number()])
  .transform((v) => normaliseSqlServerVersion(typeof v === 'number' ? String(v) : v.trim()))
  .pipe(z.string().min(1));

export const DatabaseSchema = z.discriminatedUnion('engine', [
  z.strictObject({
    engine: z.literal('sqlserver'),
    edition: z.enum(['express', 'web', 'standard', 'enterprise']),
    ...databaseCommon,
    /** Product year ("2019") or version number ("15.00"); held as the product year. */
    version: SqlServerVersionSchema,
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
export type Finance = z.output<typeof FinanceSchema>;
export type Accounts = z.output<typeof AccountsSchema>;
export type KeyAdministration = z.output<typeof KeyAdministrationSchema>;
export type OrganisationControls = z.output<typeof OrganisationControlsSchema>;
export type Tier = z.output<typeof TierSchema>;
export type DataClassification = z.output<typeof DataClassificationSchema>;
export type MigrationStrategy = z.output<typeof MigrationStrategySchema>;
export type Os = z.output<typeof OsSchema>;
export type Disk = z.output<typeof DiskSchema>;
export type FlowSource = z.output<typeof FlowSourceSchema>;
export type InboundFlow = z.output<typeof InboundFlowSchema>;
export type FlowDestination = z.output<typeof FlowDestinationSchema>;
export type OutboundFlow = z.output<typeof OutboundFlowSchema>;
export type BaseImage = z.output<typeof BaseImageSchema>;
export type ImageSource = z.output<typeof ImageSourceSchema>;
export type Server = z.output<typeof ServerSchema>;
export type ServerEntryRoute = z.output<typeof ServerEntryRouteSchema>;
export type DatabaseEntryRoute = z.output<typeof DatabaseEntryRouteSchema>;
export type Database = z.output<typeof DatabaseSchema>;
export type DatabaseEngine = Database['engine'];
export type CostCategory = z.output<typeof CostCategorySchema>;
export type CostScope = z.output<typeof CostScopeSchema>;
export type LegacyCost = z.output<typeof LegacyCostSchema>;
export type OneOffCost = z.output<typeof OneOffCostSchema>;
export type ExchangeRate = z.output<typeof ExchangeRateSchema>;
export type LegacyBaseline = z.output<typeof LegacyBaselineSchema>;
export type EstateFile = z.output<typeof EstateFileSchema>;
export type MigrationSettings = z.output<typeof MigrationSettingsSchema>;

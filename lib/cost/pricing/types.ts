/**
 * Shape of a price snapshot: list prices in USD for one region, as decimal strings.
 * The bundled snapshot lives in ./data/<region>.json; `cost refresh-prices` rebuilds it.
 */
import { UserError } from '../../shared/user-error';
import { z } from 'zod';

const Usd = z.string().regex(/^\d+(\.\d+)?$/, 'a decimal USD amount as a string, e.g. "0.1110"');

export const Ec2RatesSchema = z.strictObject({
  onDemand: Usd,
  /** Compute Savings Plan, 1 year, no upfront (effective hourly rate). */
  savingsPlan1yr: Usd,
  /** Compute Savings Plan, 3 years, no upfront (effective hourly rate). */
  savingsPlan3yr: Usd,
});

export const Ec2PriceSchema = z.strictObject({
  vcpu: z.number().int().positive(),
  memoryGiB: z.number().positive(),
  linux: Ec2RatesSchema,
  windows: Ec2RatesSchema,
});

/** Keys of the RDS engine/licence price table. */
export const RDS_PRICE_KEYS = [
  'postgresql',
  'mysql',
  'mariadb',
  'sqlserver-express',
  'sqlserver-web',
  'sqlserver-standard',
  'sqlserver-enterprise',
  'oracle-standard-2',
  'byol',
] as const;
export type RdsPriceKey = (typeof RDS_PRICE_KEYS)[number];

/** Hourly prices by engine/licence key; a key is absent where RDS does not offer it on the class. */
const RdsTableSchema = z.partialRecord(z.enum(RDS_PRICE_KEYS), Usd);

export const RdsPriceSchema = z.strictObject({
  vcpu: z.number().int().positive(),
  memoryGiB: z.number().positive(),
  singleAz: RdsTableSchema,
  multiAz: RdsTableSchema,
});

export const PriceSnapshotSchema = z.strictObject({
  metadata: z.strictObject({
    region: z.string(),
    regionName: z.string(),
    currency: z.literal('USD'),
    /** Date the prices were taken, YYYY-MM-DD. */
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    source: z.string(),
    /** `hand-compiled` or `price-list-api`. */
    method: z.enum(['hand-compiled', 'price-list-api']),
    notes: z.array(z.string()),
  }),
  ec2: z.record(z.string(), Ec2PriceSchema),
  rds: z.record(z.string(), RdsPriceSchema),
  storage: z.strictObject({
    ebsGp3GbMonth: Usd,
    rdsGp3GbMonthSingleAz: Usd,
    rdsGp3GbMonthMultiAz: Usd,
    backupWarmGbMonth: Usd,
  }),
  network: z.strictObject({
    natGatewayHour: Usd,
    natGatewayDataGb: Usd,
    interfaceEndpointHourPerAz: Usd,
    interfaceEndpointDataGb: Usd,
    dataTransferOutGb: Usd,
  }),
});

export type PriceSnapshot = z.output<typeof PriceSnapshotSchema>;
export type Ec2Price = z.output<typeof Ec2PriceSchema>;
export type RdsPrice = z.output<typeof RdsPriceSchema>;

/** Which EC2 price: on-demand, or a no-upfront Compute Savings Plan term. */
export type Ec2Rate = 'on-demand' | 'savings-plan-1yr' | 'savings-plan-3yr';
export const EC2_RATES: readonly Ec2Rate[] = ['on-demand', 'savings-plan-1yr', 'savings-plan-3yr'];

export type OsFamily = 'linux' | 'windows';

/** A price the snapshot does not hold, or a combination AWS does not sell. */
export class PricingError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'PricingError';
  }
}

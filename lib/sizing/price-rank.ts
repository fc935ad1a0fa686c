/**
 * List prices right-sizing ranks candidate types by: the on-demand hourly USD of the bundled price
 * snapshot (lib/sizing/prices/eu-west-2.json; `cost refresh-prices` rebuilds it). Only the order
 * matters here; the cost estimate (lib/cost/pricing) reads the same file with its full schema and
 * does the money arithmetic exactly.
 */
import { z } from 'zod';
import bundled from './prices/eu-west-2.json';

const Hourly = z.string().regex(/^\d+(\.\d+)?$/);
const RankSchema = z.object({
  metadata: z.object({ region: z.string() }).loose(),
  ec2: z.record(
    z.string(),
    z
      .object({
        linux: z.object({ onDemand: Hourly }).loose(),
        windows: z.object({ onDemand: Hourly }).loose(),
      })
      .loose(),
  ),
  rds: z.record(z.string(), z.object({ singleAz: z.record(z.string(), Hourly) }).loose()),
});

type RankTable = z.output<typeof RankSchema>;
let table: RankTable | undefined;

function rankTable(): RankTable {
  table ??= RankSchema.parse(bundled);
  return table;
}

/** Region of the prices sizing ranks by. */
export function priceRankRegion(): string {
  return rankTable().metadata.region;
}

/** On-demand hourly USD of an EC2 type for the OS family, or undefined when the snapshot lacks it. */
export function ec2RankPrice(instanceType: string, os: 'linux' | 'windows'): number | undefined {
  const price = rankTable().ec2[instanceType];
  return price ? Number(price[os].onDemand) : undefined;
}

/**
 * Single-AZ on-demand hourly USD of an RDS class for an engine/licence price key (Multi-AZ is twice
 * it, so the order is the same), or undefined when RDS does not offer that combination.
 */
export function rdsRankPrice(instanceClass: string, priceKey: string): number | undefined {
  const hourly = rankTable().rds[instanceClass]?.singleAz[priceKey];
  return hourly === undefined ? undefined : Number(hourly);
}

/**
 * The snapshot's RDS price key for an engine, edition and licence: open-source engines by name,
 * bring-your-own licences at the "byol" rate, licence-included SQL Server by edition and Oracle SE2.
 * Undefined for a combination RDS does not sell (Oracle Enterprise licence-included).
 */
export function rdsPriceKeyFor(
  engine: string,
  edition: string | undefined,
  licence: string,
): string | undefined {
  if (engine === 'postgresql' || engine === 'mysql' || engine === 'mariadb') return engine;
  if (licence === 'bring-your-own') return 'byol';
  if (engine === 'sqlserver' && edition !== undefined) return `sqlserver-${edition}`;
  if (engine === 'oracle' && edition === 'standard-2') return 'oracle-standard-2';
  return undefined;
}

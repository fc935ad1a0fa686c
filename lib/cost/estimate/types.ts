/** The typed cost estimate: projected monthly AWS cost of the plan before anything is deployed. */
import type { Ec2Rate } from '../pricing/types';

/** Monthly amounts at each pricing option, decimal strings rounded to the penny (cent). */
export type ByRate = Readonly<Record<Ec2Rate, string>>;

export interface EstimateItem {
  readonly kind: 'server' | 'database' | 'shared';
  /** Plan id of the server or database, or a name for a shared item. */
  readonly id: string;
  /** Application id; `null` for shared items. */
  readonly application: string | null;
  /** Wave id (shared items: the first wave, from whose cut-over they are paid). */
  readonly wave: string;
  /** What is priced, e.g. "m7i.large Windows, 2 x gp3 300 GiB". */
  readonly resource: string;
  /** Why this resource (sizing decision or assumption). */
  readonly reason: string;
  /**
   * For servers and databases: the estate model's decisions that were priced (the same ones the
   * templates carry). Absent for shared items.
   */
  readonly priced?: PricedDecision;
  /** For a VPC's NAT gateway line: how many NAT gateways are priced (the estate model's count). */
  readonly natGateways?: number;
  /** Monthly USD, rounded to the cent per line. */
  readonly monthlyUsd: ByRate;
  /** Monthly GBP at the estimate's exchange rate, rounded to the penny per line. */
  readonly monthlyGbp: ByRate;
}

export interface PricedDecision {
  /** EC2 instance type or RDS instance class. */
  readonly type: string;
  /** Priced as Multi-AZ (databases only; servers are always false). */
  readonly multiAz: boolean;
  /** The server's availability zone; null for databases (RDS chooses within the subnet group). */
  readonly availabilityZone: string | null;
  /** A server's tenancy (`host`: a Dedicated Host for bring-your-own Windows); null for databases. */
  readonly tenancy: 'default' | 'host' | null;
  /** A database's allocated storage in GiB (with headroom, as built); null for servers. */
  readonly allocatedStorageGiB: number | null;
  /** The workload account the item's stack deploys to. */
  readonly account: string;
}

export interface EstimateGroup {
  readonly key: string | null;
  readonly label: string;
  readonly monthlyGbp: ByRate;
  /** Legacy monthly cost scoped to this group alone (GBP), when the baseline names it. */
  readonly legacyMonthlyGbp?: string;
}

export interface NotCosted {
  readonly id: string;
  readonly kind: 'server' | 'database';
  readonly strategy: string;
}

export interface CostEstimate {
  readonly estate: { readonly id: string; readonly name: string };
  readonly generatedOn: string;
  readonly region: string;
  readonly hoursPerMonth: number;
  readonly priceSnapshot: { readonly asOf: string; readonly source: string; readonly method: string };
  readonly exchangeRate: { readonly from: string; readonly usdToGbp: string; readonly source: string };
  readonly items: readonly EstimateItem[];
  readonly notCosted: readonly NotCosted[];
  /** NAT gateways priced across every workload account's VPC (the templates build as many). */
  readonly natGateways: number;
  readonly byWave: readonly EstimateGroup[];
  readonly byApplication: readonly EstimateGroup[];
  /** Sum of the item lines (GBP), per rate. */
  readonly totalMonthlyGbp: ByRate;
  readonly totalMonthlyUsd: ByRate;
  /** Legacy baseline monthly total in the baseline month (GBP). */
  readonly legacyMonthlyGbp: string;
  /** legacy - AWS, per rate, once every wave has moved (legacy costs all gone). */
  readonly monthlySavingGbp: ByRate;
  readonly assumptions: readonly string[];
  readonly roundingRule: string;
}

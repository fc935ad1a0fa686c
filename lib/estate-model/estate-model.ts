/**
 * The estate model: every decision about every server and database, made once from the frozen
 * plan (see `buildEstateModel`). The stacks, `plan show`, the cost estimate, the sample billing
 * data and the synth summary read it; none decides again. `plan show --json` prints it.
 */
import type { SizingNeed } from '../sizing/sizing-decision';
import type { MigrationStrategy, Tier } from '../plan/schema';
import type { HighAvailabilityDecision } from './high-availability';
import type { ImageDecision } from './image';
import type { DatabasePlacement, ServerPlacement } from './placement';
import type { DatabaseRoutes, RouteSlots, ServerRoutes } from './routes';
import type { TagSet } from './tag-set';
import type { AccountDecision, WorkloadAccount } from './accounts';
import type { AlertsDecision, DatabaseOperations, ServerOperations } from './operations';
import type { LicensingDecision } from './licensing';
import type { StorageDecision } from './database-storage';
import type { NetworkDecision } from './network';
import type { EstateSettings, PlannedItems } from './estate-settings';

/** What every item of the model carries. */
interface ItemCommon {
  /** Plan id. */
  readonly id: string;
  readonly application: string;
  readonly wave: string;
  readonly waveOrder: number;
  readonly strategy: MigrationStrategy;
  /** The workload account of the item's application (lib/estate-model/accounts.ts). */
  readonly account: AccountDecision;
  /**
   * How the item moves in (entry; `none` when it does not move) and would move out again (exit;
   * `none` with the reason when it is not on AWS): lib/estate-model/routes/.
   */
  readonly routes: RouteSlots;
}

/** Which wave stack an item lives in. */
export interface StackDecision {
  /**
   * CloudFormation stack name, e.g. "Peterborough-Wave01-Wave1-Revenues", or
   * "Northvale-NonProduction-Wave01-Pilot-PortalTest" in a separate non-production account.
   */
  readonly name: string;
  /** The role part of the name, e.g. "Wave01-Wave1-Revenues". */
  readonly role: string;
  /** The account the stack is deployed to (its `env.account`). */
  readonly account: AccountDecision;
  /** 0-based shard; 0 unless the application's items in the wave are split. */
  readonly shard: number;
  readonly shardCount: number;
}

export interface BackupDecision {
  /** The `BackupTier` tag the backup plans select by (the application's tier). */
  readonly tier: Tier;
  readonly reason: string;
}

export interface ServerSize {
  /** EC2 instance type, e.g. "m7i.large". */
  readonly instanceType: string;
  /** True when the plan's `instanceType` was used. */
  readonly overridden: boolean;
  readonly reason: string;
  readonly needed: SizingNeed;
}

export interface DatabaseSize {
  /** RDS instance class, e.g. "db.m6i.large". */
  readonly instanceClass: string;
  readonly overridden: boolean;
  readonly reason: string;
  readonly needed: SizingNeed;
}

/** A server that gets an EC2 instance (rehost, replatform, relocate). */
export interface ServerDecision extends ItemCommon {
  readonly kind: 'server';
  readonly landingZone: true;
  readonly hostname: string;
  readonly os: 'windows' | 'linux';
  readonly size: ServerSize;
  /** Tenancy (a Dedicated Host for bring-your-own Windows) and who pays the OS licence. */
  readonly licensing: LicensingDecision;
  /** Disks as planned: the EBS volumes built and priced (GiB each, in plan order). */
  readonly disksGiB: readonly number[];
  readonly placement: ServerPlacement;
  readonly backup: BackupDecision;
  /** The image an instance is built from; absent for `mgn` servers (MGN launches the server's own disks). */
  readonly image?: ImageDecision;
  readonly stack: StackDecision;
  readonly routes: ServerRoutes;
  /** Every tag the instance and its volumes carry. */
  readonly tags: TagSet;
  /** Patch group, maintenance window (lib/estate-model/operations.ts). */
  readonly operations: ServerOperations;
}

/** A database that gets an RDS instance. */
export interface DatabaseDecision extends ItemCommon {
  readonly kind: 'database';
  readonly landingZone: true;
  readonly engine: {
    readonly engine: string;
    readonly edition: string | null;
    readonly version: string;
    readonly licence: string;
  };
  readonly size: DatabaseSize;
  /** On-premises size in GiB, as planned. */
  readonly sizeGiB: number;
  /** RDS storage allocated (with headroom) and its autoscaling ceiling. */
  readonly storage: StorageDecision;
  readonly highAvailability: HighAvailabilityDecision;
  readonly placement: DatabasePlacement;
  readonly backup: BackupDecision;
  readonly stack: StackDecision;
  readonly routes: DatabaseRoutes;
  readonly tags: TagSet;
  /** RDS maintenance and backup windows (lib/estate-model/operations.ts). */
  readonly operations: DatabaseOperations;
}

/** Where one application's alerts go, and the account its alarms are in. */
export interface ApplicationAlerts {
  readonly application: string;
  readonly account: AccountDecision;
  readonly alerts: AlertsDecision;
}

/** A server or database that gets no resources (retire, retain, repurchase, refactor). */
export interface ItemWithoutResources extends ItemCommon {
  readonly kind: 'server' | 'database';
  readonly landingZone: false;
  /** e.g. "strategy retire: no EC2 instance is built". */
  readonly reason: string;
}

export type ServerModel =
  ServerDecision | (ItemWithoutResources & { readonly kind: 'server'; readonly routes: ServerRoutes });
export type DatabaseModel =
  DatabaseDecision | (ItemWithoutResources & { readonly kind: 'database'; readonly routes: DatabaseRoutes });

/** One wave stack: an application's items in one wave (or a shard of them). */
export interface WaveStackModel extends StackDecision {
  readonly wave: string;
  readonly waveOrder: number;
  readonly application: string;
  /** Server ids, in plan order. */
  readonly servers: readonly string[];
  /** Database ids, in plan order. */
  readonly databases: readonly string[];
}

export interface EstateModel {
  readonly estate: {
    readonly id: string;
    readonly name: string;
    /** `estate.account`: where the finance stacks go (the plan check makes it the production account). */
    readonly account: string;
    readonly region: string;
  };
  /**
   * The account a workload stack goes to when it names none: the production workload account
   * (`accounts.production`). Every stack reads this one fallback.
   */
  readonly defaultAccount: string;
  /** NAT gateways per workload-account VPC. */
  readonly network: NetworkDecision;
  /** The plan's availability zones, sorted by name (the order placement counts them in). */
  readonly availabilityZones: readonly string[];
  /** Every server of the plan, in plan order. */
  readonly servers: readonly ServerModel[];
  /** Every database of the plan, in plan order. */
  readonly databases: readonly DatabaseModel[];
  /** The wave stacks in deployment order: wave order, then application id, then shard. */
  readonly stacks: readonly WaveStackModel[];
  /**
   * The workload accounts that get stacks (keys, network, security baseline, backup, access,
   * exit and their wave stacks), production first.
   */
  readonly accounts: readonly WorkloadAccount[];
  /** Tags of estate-wide shared resources. */
  readonly sharedTags: TagSet;
  /** Where each application's alerts go, in plan order. */
  readonly alerts: readonly ApplicationAlerts[];
  // Estate settings and planned entries (lib/estate-model/estate-settings.ts): what stacks and packs read instead of the plan.
  /** The plan's estate-level configuration sections, defaults filled in. */
  readonly settings: EstateSettings;
  /** The plan's application, wave, server and database entries, in plan order. */
  readonly planned: PlannedItems;
}

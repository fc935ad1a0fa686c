/** One server or database in the exit plan, with its route, volume, duration and cost. */
import type {
  DatabaseExitRouteKind,
  ExitBlocker,
  ExitFormat,
  ExitReadiness,
  ServerExitRouteKind,
} from '../estate-model/routes/exit-route';

export interface ExitItem {
  readonly type: 'server' | 'database';
  readonly id: string;
  readonly application: string;
  readonly wave: string;
  /** The wave's `order`: items leave in reverse wave order. */
  readonly waveOrder: number;
  /** How it came in (mgn, vm-import, rebuild, dms, native-backup, dump-restore). */
  readonly entryRoute: string;
  readonly route: ServerExitRouteKind | DatabaseExitRouteKind;
  /** Formats the route can produce; the first is the default. */
  readonly formats: readonly ExitFormat[];
  readonly reason: string;
  readonly blockers: readonly ExitBlocker[];
  readonly readiness: ExitReadiness;
  /** 0-100, see exitReadinessScore. */
  readonly score: number;
  /** Leaves the way it came in. */
  readonly reversesEntry: boolean;
  /** Ids of items this one depends on (they leave after it). */
  readonly dependsOn: readonly string[];
  /** GiB that leave (provisioned sizes). */
  readonly volumeGiB: number;
  /** Estimated hours for this item alone, one task. */
  readonly hours: number;
  /** USD, rounded to the cent; `totalUsd` is the sum of the four parts as presented. */
  readonly egressUsd: string;
  readonly storageUsd: string;
  readonly stagingUsd: string;
  readonly snapshotExportUsd: string;
  readonly totalUsd: string;
  /** `totalUsd` less egress (AWS's data-transfer-out waiver for customers leaving). */
  readonly totalWithWaiverUsd: string;
  /** Runbook steps: exact commands to run, in order. */
  readonly steps: readonly string[];
}

/** An item with nothing to take out of AWS (retired, retained, bought as a service). */
export interface NotOnAwsItem {
  readonly type: 'server' | 'database';
  readonly id: string;
  readonly wave: string;
  readonly strategy: string;
  readonly reason: string;
}

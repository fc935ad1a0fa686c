/**
 * The pure core of `migrate db start|stop --wave`: for each `dms` database of the wave, what to
 * call given what DMS reports. Re-running `start` on started replications calls nothing.
 */
import type { EstateModel } from '../../estate-model/estate-model';
import { databaseEntryRouteOf } from '../../estate-model/model-lookup';
import type { PlanDatabase, PlanWave } from '../../plan/plan';
import { dmsReplicationConfigId } from './replication-id';
import { DMS_ACTIVE_STATES, type DmsReplicationObserved } from './replication-state';

export type DmsStep =
  | {
      readonly database: string;
      readonly action: 'start';
      readonly configArn: string;
      /** StartReplicationType: a first start, or resuming a stopped one from its checkpoint. */
      readonly startType: 'start-replication' | 'resume-processing';
    }
  | { readonly database: string; readonly action: 'stop'; readonly configArn: string }
  | { readonly database: string; readonly action: 'none' | 'missing'; readonly reason: string };

/** The wave's databases that move with DMS, in plan order. */
export function dmsDatabasesOf(model: EstateModel, wave: PlanWave): PlanDatabase[] {
  return model.planned.databases.filter(
    (d) => d.wave === wave.id && databaseEntryRouteOf(model, d.id) === 'dms',
  );
}

function observedFor(
  db: PlanDatabase,
  observed: ReadonlyMap<string, DmsReplicationObserved>,
): DmsReplicationObserved | undefined {
  return observed.get(dmsReplicationConfigId(db.id));
}

const missing = (db: PlanDatabase): DmsStep => ({
  database: db.id,
  action: 'missing',
  reason: `no DMS replication config "${dmsReplicationConfigId(db.id)}": deploy the wave stack first`,
});

export function planDmsStart(
  databases: readonly PlanDatabase[],
  observed: ReadonlyMap<string, DmsReplicationObserved>,
): DmsStep[] {
  return databases.map((db) => {
    const o = observedFor(db, observed);
    if (!o) return missing(db);
    if (o.status !== undefined && DMS_ACTIVE_STATES.includes(o.status))
      return { database: db.id, action: 'none', reason: `already ${o.status}` };
    // Never started, or created and not yet run: a first start. Stopped or failed: resume from
    // the checkpoint, so the full load is not repeated over data already copied.
    const startType =
      o.status === undefined || o.status === 'created' ? 'start-replication' : 'resume-processing';
    return { database: db.id, action: 'start', configArn: o.configArn, startType };
  });
}

export function planDmsStop(
  databases: readonly PlanDatabase[],
  observed: ReadonlyMap<string, DmsReplicationObserved>,
): DmsStep[] {
  return databases.map((db) => {
    const o = observedFor(db, observed);
    if (!o) return missing(db);
    if (o.status === 'running' || (o.status !== undefined && DMS_ACTIVE_STATES.includes(o.status)))
      return { database: db.id, action: 'stop', configArn: o.configArn };
    return { database: db.id, action: 'none', reason: `not running (${o.status ?? 'never started'})` };
  });
}

/**
 * The pure core of the MGN life-cycle commands (`migrate test | mark-ready | revert | cutover |
 * finalize | archive --wave`): for each mgn server of the wave, the calls to make given the state
 * MGN reports, a skip (already done: re-runs change nothing) or a refusal with the reason. The
 * guards follow the MGN life cycle (API reference: StartTest, ChangeServerLifeCycleState,
 * TerminateTargetInstances, StartCutover, FinalizeCutover, MarkAsArchived; user guide, "Launching
 * test instances" / "Launching cutover instances"): NOT_READY -> READY_FOR_TEST -> TESTING ->
 * READY_FOR_CUTOVER -> CUTTING_OVER -> CUTOVER (-> DISCONNECTED, archived).
 */
import type { PlanServer } from '../../plan/plan';
import { isoDurationSeconds } from './iso-duration';
import type { ServerMatch } from './match-servers';
import type { MgnSourceServer } from './snapshot';

export type LifecycleCommand = 'test' | 'mark-ready' | 'revert' | 'cutover' | 'finalize' | 'archive';

export type LifecycleCall =
  | { readonly op: 'SetLaunchTarget'; readonly purpose: 'test' | 'production' }
  | { readonly op: 'StartTest' }
  | { readonly op: 'TerminateTargetInstances' }
  | { readonly op: 'ChangeServerLifeCycleState'; readonly state: 'READY_FOR_TEST' | 'READY_FOR_CUTOVER' }
  | { readonly op: 'StartCutover' }
  | { readonly op: 'FinalizeCutover' }
  | { readonly op: 'MarkAsArchived' };

export type LifecycleStep =
  | {
      readonly server: PlanServer;
      readonly source: MgnSourceServer;
      readonly kind: 'calls';
      readonly calls: readonly LifecycleCall[];
    }
  | {
      readonly server: PlanServer;
      readonly source?: MgnSourceServer;
      readonly kind: 'skip' | 'refuse';
      readonly reason: string;
    };

export interface LifecycleOptions {
  /** `migrate cutover --source-stopped`: the operator confirms the source services are stopped. */
  readonly sourceStopped?: boolean;
  /** `migrate archive`: today (ISO date) and the wave's decommission month (YYYY-MM). */
  readonly today?: string;
  readonly decommission?: string;
}

function lagSeconds(s: MgnSourceServer): number | undefined {
  return s.lagDuration === undefined ? undefined : isoDurationSeconds(s.lagDuration);
}

function one(
  command: LifecycleCommand,
  server: PlanServer,
  s: MgnSourceServer,
  options: LifecycleOptions,
): LifecycleStep {
  const state = s.lifeCycleState ?? 'unknown';
  const calls = (...c: LifecycleCall[]): LifecycleStep => ({ server, source: s, kind: 'calls', calls: c });
  const skip = (reason: string): LifecycleStep => ({ server, source: s, kind: 'skip', reason });
  const refuse = (reason: string): LifecycleStep => ({ server, source: s, kind: 'refuse', reason });
  if (s.isArchived && command !== 'archive') return refuse('archived in MGN');
  switch (command) {
    case 'test':
      if (state === 'TESTING' || state === 'READY_FOR_CUTOVER') return skip(`already tested (${state})`);
      if (state !== 'READY_FOR_TEST')
        return refuse(`not ready for a test launch (MGN state ${state}; initial sync must finish first)`);
      if (s.replicationState !== 'CONTINUOUS')
        return refuse(`replication is ${s.replicationState ?? 'unknown'}, not CONTINUOUS`);
      return calls({ op: 'SetLaunchTarget', purpose: 'test' }, { op: 'StartTest' });
    case 'mark-ready':
      if (state === 'READY_FOR_CUTOVER') return skip('already ready for cut-over');
      if (state !== 'TESTING')
        return refuse(`no test launch to accept (MGN state ${state}): run migrate test`);
      return calls(
        { op: 'TerminateTargetInstances' },
        { op: 'ChangeServerLifeCycleState', state: 'READY_FOR_CUTOVER' },
        { op: 'SetLaunchTarget', purpose: 'production' },
      );
    case 'revert':
      if (state === 'READY_FOR_TEST') return skip('already ready for testing');
      if (state !== 'TESTING' && state !== 'READY_FOR_CUTOVER')
        return refuse(`only a test launch can be reverted (MGN state ${state})`);
      return calls(
        { op: 'TerminateTargetInstances' },
        { op: 'ChangeServerLifeCycleState', state: 'READY_FOR_TEST' },
        { op: 'SetLaunchTarget', purpose: 'production' },
      );
    case 'cutover': {
      if (state === 'CUTTING_OVER' || state === 'CUTOVER' || state === 'DISCONNECTED')
        return skip(`cut-over already started (${state})`);
      if (state !== 'READY_FOR_CUTOVER')
        return refuse(`not ready for cut-over (MGN state ${state}): test, then migrate mark-ready`);
      if (!options.sourceStopped)
        return refuse('--source-stopped not given: stop the source services first so no write is lost');
      const lag = lagSeconds(s);
      const backlog = s.backloggedStorageBytes ?? 0;
      if (s.replicationState !== 'CONTINUOUS' || lag === undefined || lag > 0 || backlog > 0)
        return refuse(
          `final sync not complete: replication ${s.replicationState ?? 'unknown'}, lag ${s.lagDuration ?? 'unknown'}, backlog ${backlog} bytes (wait for lag PT0S and backlog 0)`,
        );
      return calls({ op: 'SetLaunchTarget', purpose: 'production' }, { op: 'StartCutover' });
    }
    case 'finalize':
      if (state === 'CUTOVER' || state === 'DISCONNECTED') return skip(`already finalized (${state})`);
      if (state !== 'CUTTING_OVER' || !s.launchedInstanceId)
        return refuse(`no cut-over instance to finalize (MGN state ${state}): run migrate cutover`);
      return calls({ op: 'FinalizeCutover' });
    case 'archive':
      if (s.isArchived) return skip('already archived');
      if (!options.today || !options.decommission || options.today.slice(0, 7) <= options.decommission)
        return refuse(
          `the wave's decommission month ${options.decommission ?? '?'} has not passed (today ${options.today ?? '?'})`,
        );
      if (state !== 'CUTOVER' && state !== 'DISCONNECTED')
        return refuse(`not cut over and finalized (MGN state ${state})`);
      return calls({ op: 'MarkAsArchived' });
  }
}

/** One step per mgn server of the wave, in plan order; servers MGN does not know are refused. */
export function planLifecycle(
  command: LifecycleCommand,
  match: ServerMatch,
  options: LifecycleOptions = {},
): LifecycleStep[] {
  const steps: LifecycleStep[] = match.matched.map(({ server, source }) =>
    one(command, server, source, options),
  );
  for (const s of match.planOnly)
    steps.push({ server: s, kind: 'refuse', reason: `no MGN source server with hostname ${s.hostname}` });
  for (const s of match.ambiguous)
    steps.push({ server: s, kind: 'refuse', reason: `several MGN source servers report ${s.hostname}` });
  return steps;
}

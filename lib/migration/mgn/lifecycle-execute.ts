/**
 * The thin executor of the life-cycle commands: for each server, its planned calls in order
 * through the real clients. A failing server is reported and the next one runs (the SDK's standard
 * retry handles throttling); nothing is retried that MGN refused.
 */
import {
  ChangeServerLifeCycleStateCommand,
  FinalizeCutoverCommand,
  MarkAsArchivedCommand,
  StartCutoverCommand,
  StartTestCommand,
  TerminateTargetInstancesCommand,
  type MgnClient,
} from '@aws-sdk/client-mgn';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { applyLaunchTemplate } from './ec2-launch-template';
import type { WantedLaunchTemplate } from './launch-template';
import type { LifecycleCall, LifecycleStep } from './lifecycle-plan';
import type { PlanServer } from '../../plan/plan';

export interface LifecycleClients {
  readonly mgn: MgnClient;
  readonly ec2: EC2Client;
}

/** The launch template a server launches with for a test or for production, or why it cannot be set. */
export type LaunchTargetFor = (
  server: PlanServer,
  sourceServerID: string,
  purpose: 'test' | 'production',
) => Promise<{ readonly launchTemplateId: string; readonly wanted: WantedLaunchTemplate } | string>;

export interface LifecycleOutcome {
  readonly server: string;
  readonly result: 'done' | 'skipped' | 'refused' | 'failed' | 'dry-run';
  readonly detail: string;
}

function describe(call: LifecycleCall): string {
  switch (call.op) {
    case 'SetLaunchTarget':
      return `launch template -> ${call.purpose} placement`;
    case 'ChangeServerLifeCycleState':
      return `ChangeServerLifeCycleState ${call.state}`;
    default:
      return call.op;
  }
}

async function send(
  clients: LifecycleClients,
  call: LifecycleCall,
  server: PlanServer,
  sourceServerID: string,
  launchTargetFor: LaunchTargetFor,
): Promise<void> {
  const ids = { sourceServerIDs: [sourceServerID] };
  switch (call.op) {
    case 'SetLaunchTarget': {
      const target = await launchTargetFor(server, sourceServerID, call.purpose);
      if (typeof target === 'string') throw new Error(target);
      await applyLaunchTemplate(clients.ec2, target.launchTemplateId, target.wanted);
      return;
    }
    case 'StartTest':
      await clients.mgn.send(new StartTestCommand(ids));
      return;
    case 'TerminateTargetInstances':
      await clients.mgn.send(new TerminateTargetInstancesCommand(ids));
      return;
    case 'ChangeServerLifeCycleState':
      await clients.mgn.send(
        new ChangeServerLifeCycleStateCommand({ sourceServerID, lifeCycle: { state: call.state } }),
      );
      return;
    case 'StartCutover':
      await clients.mgn.send(new StartCutoverCommand(ids));
      return;
    case 'FinalizeCutover':
      await clients.mgn.send(new FinalizeCutoverCommand({ sourceServerID }));
      return;
    case 'MarkAsArchived':
      await clients.mgn.send(new MarkAsArchivedCommand({ sourceServerID }));
      return;
  }
}

export async function executeLifecycle(
  clients: LifecycleClients,
  steps: readonly LifecycleStep[],
  launchTargetFor: LaunchTargetFor,
  dryRun: boolean,
  progress: (outcome: LifecycleOutcome) => void,
): Promise<LifecycleOutcome[]> {
  const outcomes: LifecycleOutcome[] = [];
  for (const step of steps) {
    let outcome: LifecycleOutcome;
    if (step.kind !== 'calls') {
      const result = step.kind === 'skip' ? 'skipped' : 'refused';
      outcome = { server: step.server.id, result, detail: step.reason };
    } else if (dryRun)
      outcome = { server: step.server.id, result: 'dry-run', detail: step.calls.map(describe).join(', ') };
    else {
      const done: string[] = [];
      try {
        for (const call of step.calls) {
          await send(clients, call, step.server, step.source.sourceServerID, launchTargetFor);
          done.push(describe(call));
        }
        outcome = { server: step.server.id, result: 'done', detail: done.join(', ') };
      } catch (e) {
        const why = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        outcome = {
          server: step.server.id,
          result: 'failed',
          detail: `${why}${done.length > 0 ? ` (after ${done.join(', ')})` : ''}`,
        };
      }
    }
    progress(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

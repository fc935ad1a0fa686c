/**
 * The thin executor: makes the planned calls through the real clients, group by group. A failing
 * group is reported and the next one runs; the SDK's standard retry handles throttling.
 */
import {
  AssociateApplicationsCommand,
  AssociateSourceServersCommand,
  TagResourceCommand,
  UpdateLaunchConfigurationCommand,
  type MgnClient,
} from '@aws-sdk/client-mgn';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { CallGroup, MgnCall } from './configure-plan';
import { applyLaunchTemplate } from './ec2-launch-template';

/** The clients the calls go through. */
export interface MigrationClients {
  readonly mgn: MgnClient;
  readonly ec2: EC2Client;
}

export interface GroupOutcome {
  readonly subject: string;
  readonly ok: boolean;
  readonly done: readonly MgnCall['op'][];
  readonly error?: string;
}

async function send(clients: MigrationClients, call: MgnCall): Promise<void> {
  const client = clients.mgn;
  switch (call.op) {
    case 'AssociateApplications':
      await client.send(new AssociateApplicationsCommand(call.input));
      return;
    case 'AssociateSourceServers':
      await client.send(new AssociateSourceServersCommand(call.input));
      return;
    case 'UpdateLaunchConfiguration':
      await client.send(new UpdateLaunchConfigurationCommand(call.input));
      return;
    case 'TagResource':
      await client.send(new TagResourceCommand(call.input));
      return;
    case 'SetLaunchTemplate':
      await applyLaunchTemplate(clients.ec2, call.input.launchTemplateId, call.input.wanted);
      return;
  }
}

export async function executeGroups(
  clients: MigrationClients,
  groups: readonly CallGroup[],
  progress: (outcome: GroupOutcome) => void,
): Promise<GroupOutcome[]> {
  const outcomes: GroupOutcome[] = [];
  for (const group of groups) {
    const done: MgnCall['op'][] = [];
    let outcome: GroupOutcome;
    try {
      for (const call of group.calls) {
        await send(clients, call);
        done.push(call.op);
      }
      outcome = { subject: group.subject, ok: true, done };
    } catch (e) {
      const name = e instanceof Error ? e.name : 'Error';
      const message = e instanceof Error ? e.message : String(e);
      outcome = { subject: group.subject, ok: false, done, error: `${name}: ${message}` };
    }
    progress(outcome);
    outcomes.push(outcome);
  }
  return outcomes;
}

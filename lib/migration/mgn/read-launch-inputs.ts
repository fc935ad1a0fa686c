/**
 * Reads what the launch-template step needs for the matched servers of a wave: each server's
 * published launch target (SSM) and the default version of its MGN launch template (EC2). A
 * failure is recorded against the server it concerns, so the other servers are still configured.
 */
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { EstateModel } from '../../estate-model';
import type { MgnLaunchTarget } from '../mgn-launch-target';
import type { LaunchInputs } from './configure-plan';
import { readLaunchTargets, readLaunchTemplate } from './ec2-launch-template';
import type { CurrentLaunchTemplate } from './launch-template';
import type { ServerMatch } from './match-servers';
import type { MgnSnapshot } from './snapshot';

function why(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

export async function readLaunchInputs(
  clients: { readonly ec2: EC2Client; readonly ssm: SSMClient },
  estateId: string,
  model: EstateModel,
  match: ServerMatch,
  mgn: MgnSnapshot,
): Promise<LaunchInputs> {
  const ids = match.matched.map((m) => m.server.id);
  let targets: Map<string, MgnLaunchTarget | string>;
  try {
    targets = await readLaunchTargets(clients.ssm, estateId, ids);
  } catch (e) {
    const reason = `could not read the launch targets from SSM (${why(e)})`;
    targets = new Map(ids.map((id) => [id, reason]));
  }
  const templates = new Map<string, CurrentLaunchTemplate | string>();
  for (const { source } of match.matched) {
    const templateId = mgn.launchTemplateIds.get(source.sourceServerID);
    if (!templateId) continue;
    try {
      templates.set(source.sourceServerID, await readLaunchTemplate(clients.ec2, templateId));
    } catch (e) {
      templates.set(source.sourceServerID, `could not read it (${why(e)})`);
    }
  }
  return { model, targets, templates };
}

/**
 * Reads and writes MGN's EC2 launch templates and the landing zone's launch targets through the
 * real clients (@aws-sdk/client-ec2, @aws-sdk/client-ssm). The SDK's standard retry handles
 * throttling.
 */
import {
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplateVersionsCommand,
  ModifyLaunchTemplateCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { GetParametersCommand, type SSMClient } from '@aws-sdk/client-ssm';
import {
  mgnLaunchTargetParameterName,
  parseMgnLaunchTarget,
  type MgnLaunchTarget,
} from '../mgn-launch-target';
import {
  launchTemplateDifferences,
  launchTemplateRequest,
  type CurrentLaunchTemplate,
  type WantedLaunchTemplate,
} from './launch-template';

/** GetParameters takes at most 10 names. */
const SSM_BATCH = 10;

/**
 * Each server's published launch target, by plan server id; a string says why there is none
 * (the wave stack is not deployed yet, or the value is malformed).
 */
export async function readLaunchTargets(
  client: SSMClient,
  estateId: string,
  serverIds: readonly string[],
): Promise<Map<string, MgnLaunchTarget | string>> {
  const out = new Map<string, MgnLaunchTarget | string>();
  for (let i = 0; i < serverIds.length; i += SSM_BATCH) {
    const batch = serverIds.slice(i, i + SSM_BATCH);
    const names = batch.map((id) => mgnLaunchTargetParameterName(estateId, id));
    const r = await client.send(new GetParametersCommand({ Names: names }));
    const values = new Map((r.Parameters ?? []).map((p) => [p.Name ?? '', p.Value ?? '']));
    for (const [j, id] of batch.entries()) {
      const name = names[j]!;
      const text = values.get(name);
      if (text === undefined) {
        out.set(id, `no launch target at SSM parameter ${name}: deploy the server's wave stack first`);
        continue;
      }
      const parsed = parseMgnLaunchTarget(text);
      out.set(id, typeof parsed === 'string' ? `SSM parameter ${name} is malformed: ${parsed}` : parsed);
    }
  }
  return out;
}

/** The default version of a launch template. */
export async function readLaunchTemplate(
  client: EC2Client,
  launchTemplateId: string,
): Promise<CurrentLaunchTemplate> {
  const r = await client.send(
    new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: launchTemplateId, Versions: ['$Default'] }),
  );
  const v = r.LaunchTemplateVersions?.[0];
  if (!v || v.VersionNumber === undefined)
    throw new Error(`launch template ${launchTemplateId} has no default version`);
  return { launchTemplateId, versionNumber: v.VersionNumber, data: v.LaunchTemplateData ?? {} };
}

/**
 * Brings a launch template in line with the model: reads its default version again (MGN may have
 * written one since the plan was made, e.g. after UpdateLaunchConfiguration), and only when it
 * differs creates a version based on it and makes that the default. Returns the new version, or
 * undefined when nothing had to change.
 */
export async function applyLaunchTemplate(
  client: EC2Client,
  launchTemplateId: string,
  wanted: WantedLaunchTemplate,
): Promise<number | undefined> {
  const current = await readLaunchTemplate(client, launchTemplateId);
  if (launchTemplateDifferences(wanted, current.data).length === 0) return undefined;
  const created = await client.send(
    new CreateLaunchTemplateVersionCommand({
      LaunchTemplateId: launchTemplateId,
      SourceVersion: String(current.versionNumber),
      VersionDescription: 'migrate configure: launch settings from the estate plan',
      LaunchTemplateData: launchTemplateRequest(wanted, current.data),
    }),
  );
  const version = created.LaunchTemplateVersion?.VersionNumber;
  if (version === undefined)
    throw new Error(`CreateLaunchTemplateVersion on ${launchTemplateId} returned no version`);
  await client.send(
    new ModifyLaunchTemplateCommand({ LaunchTemplateId: launchTemplateId, DefaultVersion: String(version) }),
  );
  return version;
}

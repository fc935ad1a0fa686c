/** Reads what the planners need from MGN through the real client (every page). */
import {
  DescribeSourceServersCommand,
  GetLaunchConfigurationCommand,
  ListApplicationsCommand,
  ListWavesCommand,
  type MgnClient,
  type SourceServer,
} from '@aws-sdk/client-mgn';
import { hostKey } from './match-servers';
import type { MgnLaunchSettings, MgnNamed, MgnSnapshot, MgnSourceServer } from './snapshot';

function toSourceServer(s: SourceServer): MgnSourceServer {
  const hints = s.sourceProperties?.identificationHints;
  const hostname = hints?.hostname ?? hints?.fqdn;
  const info = s.dataReplicationInfo;
  const disks = info?.replicatedDisks;
  return {
    sourceServerID: s.sourceServerID ?? '',
    arn: s.arn ?? '',
    ...(hostname ? { hostname } : {}),
    ...(s.applicationID ? { applicationID: s.applicationID } : {}),
    ...(s.isArchived !== undefined ? { isArchived: s.isArchived } : {}),
    tags: { ...(s.tags ?? {}) },
    ...(s.dataReplicationInfo?.dataReplicationState
      ? { replicationState: s.dataReplicationInfo.dataReplicationState }
      : {}),
    ...(s.dataReplicationInfo?.lagDuration ? { lagDuration: s.dataReplicationInfo.lagDuration } : {}),
    ...(s.lifeCycle?.state ? { lifeCycleState: s.lifeCycle.state } : {}),
    ...(s.lifeCycle?.lastTest?.initiated?.apiCallDateTime
      ? { lastTest: s.lifeCycle.lastTest.initiated.apiCallDateTime }
      : {}),
    ...(s.lifeCycle?.lastCutover?.initiated?.apiCallDateTime
      ? { lastCutover: s.lifeCycle.lastCutover.initiated.apiCallDateTime }
      : {}),
    ...(s.launchedInstance?.ec2InstanceID ? { launchedInstanceId: s.launchedInstance.ec2InstanceID } : {}),
    ...(disks
      ? { backloggedStorageBytes: disks.reduce((n, d) => n + (d.backloggedStorageBytes ?? 0), 0) }
      : {}),
    ...(info?.etaDateTime ? { etaDateTime: info.etaDateTime } : {}),
    ...(info?.dataReplicationError?.error
      ? {
          replicationError: [info.dataReplicationError.error, info.dataReplicationError.rawError]
            .filter(Boolean)
            .join(': '),
        }
      : {}),
  };
}

async function allPages<T>(
  page: (token?: string) => Promise<{ items?: T[]; nextToken?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const r = await page(token);
    out.push(...(r.items ?? []));
    token = r.nextToken;
  } while (token);
  return out;
}

/**
 * Source servers, applications and waves; launch settings only for source servers whose hostname is
 * in `launchSettingsFor` (the servers the command will look at).
 */
export async function readMgnSnapshot(
  client: MgnClient,
  launchSettingsFor: readonly string[] = [],
): Promise<MgnSnapshot> {
  const servers = await allPages((nextToken) =>
    client.send(new DescribeSourceServersCommand({ filters: {}, ...(nextToken ? { nextToken } : {}) })),
  );
  const applications = await allPages((nextToken) =>
    client.send(
      new ListApplicationsCommand({ filters: { isArchived: false }, ...(nextToken ? { nextToken } : {}) }),
    ),
  );
  const waves = await allPages((nextToken) =>
    client.send(
      new ListWavesCommand({ filters: { isArchived: false }, ...(nextToken ? { nextToken } : {}) }),
    ),
  );
  const sourceServers = servers.map(toSourceServer);
  const wanted = new Set(launchSettingsFor.map(hostKey));
  const launchSettings = new Map<string, MgnLaunchSettings>();
  const launchTemplateIds = new Map<string, string>();
  for (const s of sourceServers) {
    if (!s.hostname || s.isArchived || !wanted.has(hostKey(s.hostname))) continue;
    const c = await client.send(new GetLaunchConfigurationCommand({ sourceServerID: s.sourceServerID }));
    if (c.ec2LaunchTemplateID) launchTemplateIds.set(s.sourceServerID, c.ec2LaunchTemplateID);
    launchSettings.set(s.sourceServerID, {
      ...(c.name !== undefined ? { name: c.name } : {}),
      ...(c.copyPrivateIp !== undefined ? { copyPrivateIp: c.copyPrivateIp } : {}),
      ...(c.copyTags !== undefined ? { copyTags: c.copyTags } : {}),
      ...(c.launchDisposition !== undefined ? { launchDisposition: c.launchDisposition } : {}),
      ...(c.licensing?.osByol !== undefined ? { osByol: c.licensing.osByol } : {}),
      ...(c.targetInstanceTypeRightSizingMethod !== undefined
        ? { targetInstanceTypeRightSizingMethod: c.targetInstanceTypeRightSizingMethod }
        : {}),
    });
  }
  const named = (
    items: { name?: string; applicationID?: string; waveID?: string }[],
    kind: 'app' | 'wave',
  ): MgnNamed[] =>
    items.map((i) => ({
      id: (kind === 'app' ? i.applicationID : i.waveID) ?? '',
      name: i.name ?? '',
      ...(kind === 'app' && i.waveID ? { waveID: i.waveID } : {}),
    }));
  return {
    sourceServers,
    applications: named(applications, 'app'),
    waves: named(waves, 'wave'),
    launchSettings,
    launchTemplateIds,
  };
}

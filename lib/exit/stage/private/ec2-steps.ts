/** The EC2 and SSM calls of one staging step, each looking up what a previous attempt made first. */
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  type EC2Client,
  type Filter,
  type Tag,
} from '@aws-sdk/client-ec2';
import { STAGING_DEVICE_TAG, STAGING_PART_TAG, STAGING_RUN_TAG, STAGING_TAG } from '../../exit-names';

export type StagingPart =
  'source-snapshot' | 'copy-volume' | 'target-volume' | 'target-snapshot' | 'worker' | 'image';

export function stagingTags(runId: string, server: string, part: StagingPart, device?: string): Tag[] {
  return [
    { Key: STAGING_TAG, Value: server },
    { Key: STAGING_RUN_TAG, Value: runId },
    { Key: STAGING_PART_TAG, Value: part },
    ...(device ? [{ Key: STAGING_DEVICE_TAG, Value: device }] : []),
  ];
}

function filters(runId: string, server: string, part: StagingPart): Filter[] {
  return [
    { Name: `tag:${STAGING_TAG}`, Values: [server] },
    { Name: `tag:${STAGING_RUN_TAG}`, Values: [runId] },
    { Name: `tag:${STAGING_PART_TAG}`, Values: [part] },
  ];
}

const tag = (tags: Tag[] | undefined, key: string) => tags?.find((t) => t.Key === key)?.Value;

/** Snapshots of this run and server for a part, by device (or by volume for source snapshots). */
export async function findSnapshots(
  ec2: EC2Client,
  runId: string,
  server: string,
  part: StagingPart,
): Promise<{ id: string; volumeId: string; device?: string; state: string }[]> {
  const out = await ec2.send(
    new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: filters(runId, server, part) }),
  );
  return (out.Snapshots ?? []).map((s) => ({
    id: s.SnapshotId ?? '',
    volumeId: s.VolumeId ?? '',
    device: tag(s.Tags, STAGING_DEVICE_TAG),
    state: s.State ?? '',
  }));
}

export async function findVolumes(
  ec2: EC2Client,
  runId: string,
  server: string,
  part: StagingPart,
): Promise<{ id: string; device?: string; state: string }[]> {
  const out = await ec2.send(new DescribeVolumesCommand({ Filters: filters(runId, server, part) }));
  return (out.Volumes ?? []).map((v) => ({
    id: v.VolumeId ?? '',
    device: tag(v.Tags, STAGING_DEVICE_TAG),
    state: v.State ?? '',
  }));
}

export async function snapshotStates(ec2: EC2Client, ids: readonly string[]): Promise<Map<string, string>> {
  const out = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [...ids] }));
  return new Map((out.Snapshots ?? []).map((s) => [s.SnapshotId ?? '', s.State ?? '']));
}

export async function volumeStates(
  ec2: EC2Client,
  ids: readonly string[],
): Promise<Map<string, { state: string; encrypted: boolean; attachedTo?: string; attachment?: string }>> {
  const out = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [...ids] }));
  return new Map(
    (out.Volumes ?? []).map((v) => [
      v.VolumeId ?? '',
      {
        state: v.State ?? '',
        encrypted: v.Encrypted ?? false,
        attachedTo: v.Attachments?.[0]?.InstanceId,
        attachment: v.Attachments?.[0]?.State,
      },
    ]),
  );
}

export async function instanceState(ec2: EC2Client, id: string): Promise<string> {
  const out = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  return out.Reservations?.[0]?.Instances?.[0]?.State?.Name ?? '';
}

/** Workers of this run still alive (a resumed abort finds them even without the state file's id). */
export async function findWorkers(ec2: EC2Client, runId: string, server: string): Promise<string[]> {
  const out = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        ...filters(runId, server, 'worker'),
        { Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped'] },
      ],
    }),
  );
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId ?? '');
}

export async function findImageByName(
  ec2: EC2Client,
  name: string,
): Promise<{ id: string; state: string } | undefined> {
  const out = await ec2.send(
    new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }] }),
  );
  const i = out.Images?.[0];
  return i ? { id: i.ImageId ?? '', state: i.State ?? '' } : undefined;
}

export function errorName(e: unknown): string {
  return (e as { name?: string }).name ?? '';
}

export function errorText(e: unknown): string {
  const name = errorName(e);
  const text = (e as { message?: string }).message ?? String(e);
  return name ? `${name}: ${text}` : text;
}

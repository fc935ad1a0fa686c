/** Lookups shared by the export run, its dry run and the staging run. */
import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { InstanceFacts } from '../export/route-facts';

/**
 * The tag that names a migrated server on its instance: `ServerId=<plan id>` (lib/estate-model
 * tag-set.ts sets it on every server the stacks build and MGN launches). Nothing else is used.
 */
export const SERVER_TAG = 'ServerId';

export class InstanceNotFound extends Error {
  constructor(server: string, region: string) {
    super(
      `no running or stopped instance tagged ${SERVER_TAG}=${server} in ${region} (searched DescribeInstances with filters tag:${SERVER_TAG}=${server}, instance-state-name=running,stopped)`,
    );
    this.name = 'InstanceNotFound';
  }
}

/** The running or stopped instance tagged `ServerId=<server>`. */
export async function findInstance(ec2: EC2Client, server: string): Promise<Instance | undefined> {
  const out = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: `tag:${SERVER_TAG}`, Values: [server] },
        { Name: 'instance-state-name', Values: ['running', 'stopped'] },
      ],
    }),
  );
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? [])[0];
}

/**
 * What the route depends on, read from the account: DescribeInstances (ServerId tag), then
 * DescribeVolumes for its EBS volumes and DescribeImages for its source AMI.
 */
export async function readInstanceFacts(
  ec2: EC2Client,
  server: string,
  region: string,
): Promise<InstanceFacts> {
  const instance = await findInstance(ec2, server);
  if (!instance?.InstanceId) throw new InstanceNotFound(server, region);
  const mapped = (instance.BlockDeviceMappings ?? []).filter((m) => m.Ebs?.VolumeId);
  const volumeIds = mapped.map((m) => m.Ebs!.VolumeId!);
  const volumes =
    volumeIds.length === 0
      ? []
      : ((await ec2.send(new DescribeVolumesCommand({ VolumeIds: volumeIds }))).Volumes ?? []);
  const byId = new Map(volumes.map((v) => [v.VolumeId, v]));
  let marketplace = (instance.ProductCodes ?? []).some((p) => p.ProductCodeType === 'marketplace');
  let platformDetails = instance.PlatformDetails;
  let usageOperation = instance.UsageOperation;
  if (instance.ImageId) {
    const images = await ec2.send(new DescribeImagesCommand({ ImageIds: [instance.ImageId] })).catch((e) => {
      // A deregistered source AMI: the instance's own billing fields still say what it runs.
      if ((e as { name?: string }).name === 'InvalidAMIID.NotFound') return { Images: [] };
      throw e;
    });
    const image = images.Images?.[0];
    if (image) {
      marketplace ||= (image.ProductCodes ?? []).some((p) => p.ProductCodeType === 'marketplace');
      platformDetails ??= image.PlatformDetails;
      usageOperation ??= image.UsageOperation;
    }
  }
  return {
    instanceId: instance.InstanceId,
    availabilityZone: instance.Placement?.AvailabilityZone ?? '',
    imageId: instance.ImageId,
    rootDeviceName: instance.RootDeviceName ?? '/dev/xvda',
    architecture: instance.Architecture ?? 'x86_64',
    bootMode: instance.CurrentInstanceBootMode ?? instance.BootMode,
    platformDetails,
    usageOperation,
    marketplace,
    volumes: mapped.map((m) => {
      const v = byId.get(m.Ebs!.VolumeId);
      return {
        volumeId: m.Ebs!.VolumeId!,
        device: m.DeviceName ?? '',
        sizeGiB: v?.Size ?? 0,
        encrypted: v?.Encrypted ?? false,
        kmsKeyId: v?.KmsKeyId,
        volumeType: v?.VolumeType,
      };
    }),
  };
}

/** The newest AMI of this account tagged `ExitStagedFor=<server>` (registered by `exit stage`). */
export async function findStagedImage(
  ec2: EC2Client,
  server: string,
): Promise<{ imageId?: string; state?: string }> {
  const out = await ec2.send(
    new DescribeImagesCommand({
      Owners: ['self'],
      Filters: [{ Name: 'tag:ExitStagedFor', Values: [server] }],
    }),
  );
  const image = [...(out.Images ?? [])].sort((a, b) =>
    (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''),
  )[0];
  return { imageId: image?.ImageId, state: image?.State };
}

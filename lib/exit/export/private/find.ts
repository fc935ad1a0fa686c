/** Lookups shared by the export run and its dry run. */
import { DescribeImagesCommand, DescribeInstancesCommand, type EC2Client } from '@aws-sdk/client-ec2';

/** The estate's running or stopped instance tagged `ServerId=<server>`. */
export async function findInstance(
  ec2: EC2Client,
  server: string,
  estate: string,
): Promise<string | undefined> {
  const out = await ec2.send(
    new DescribeInstancesCommand({
      Filters: [
        { Name: 'tag:ServerId', Values: [server] },
        { Name: 'tag:Estate', Values: [estate] },
        { Name: 'instance-state-name', Values: ['running', 'stopped'] },
      ],
    }),
  );
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? [])[0]?.InstanceId;
}

/** The newest AMI of this account tagged `ExitStagedFor=<server>` (registered by the staging steps). */
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

/**
 * Deletes an image the exit made once its export is verified: DeregisterImage, then DeleteSnapshot
 * for each EBS snapshot of its block device mapping (deregistering leaves the snapshots; Amazon
 * EC2 User Guide, "Deregister an AMI"). A staged image holds unencrypted copies of council data:
 * they must not outlive the export. An image already gone is not an error (a resumed run).
 */
import {
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';

function named(e: unknown, ...names: string[]): boolean {
  return names.includes((e as { name?: string }).name ?? '');
}

export async function discardImage(ec2: EC2Client, imageId: string): Promise<string[]> {
  const out = await ec2
    .send(new DescribeImagesCommand({ ImageIds: [imageId] }))
    .catch((e) =>
      named(e, 'InvalidAMIID.NotFound', 'InvalidAMIID.Unavailable') ? { Images: [] } : Promise.reject(e),
    );
  const image = out.Images?.[0];
  const snapshots = (image?.BlockDeviceMappings ?? [])
    .map((m) => m.Ebs?.SnapshotId)
    .filter((s): s is string => s !== undefined);
  if (image) await ec2.send(new DeregisterImageCommand({ ImageId: imageId }));
  for (const id of snapshots) {
    await ec2
      .send(new DeleteSnapshotCommand({ SnapshotId: id }))
      .catch((e) => (named(e, 'InvalidSnapshot.NotFound') ? undefined : Promise.reject(e)));
  }
  return snapshots;
}

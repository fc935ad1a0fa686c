/**
 * Block devices from the plan's disks: the first `os` disk (or the first disk) becomes the root
 * volume; the others follow as xvdb, xvdc, ... in the order the plan lists them for that server.
 * All are gp3 and encrypted with the customer-managed EBS key.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { PlanServer } from '../plan/plan';

const DATA_DEVICE_LETTERS = 'bcdefghijklmnopqrstuvwxyz';

/** `rootDeviceName` comes from the image decision (lib/estate-model). */
export function blockDevicesFor(
  server: PlanServer,
  key: kms.IKey,
  rootDeviceName: string,
): ec2.BlockDevice[] {
  const rootIndex = Math.max(
    0,
    server.disks.findIndex((d) => d.purpose === 'os'),
  );
  const others = server.disks.filter((_, i) => i !== rootIndex);
  if (others.length > DATA_DEVICE_LETTERS.length) {
    throw new Error(
      `Server "${server.id}" has ${server.disks.length} disks; at most ${DATA_DEVICE_LETTERS.length + 1} can be attached at launch`,
    );
  }
  const volume = (sizeGiB: number) =>
    ec2.BlockDeviceVolume.ebs(sizeGiB, {
      volumeType: ec2.EbsDeviceVolumeType.GP3,
      encrypted: true,
      kmsKey: key,
      deleteOnTermination: false,
    });
  return [
    { deviceName: rootDeviceName, volume: volume(server.disks[rootIndex]!.sizeGiB) },
    ...others.map((disk, i) => ({
      deviceName: `/dev/xvd${DATA_DEVICE_LETTERS[i]}`,
      volume: volume(disk.sizeGiB),
    })),
  ];
}

/**
 * Machine images for migrated servers, resolved without lookups and without "latest": imported images
 * by id, named base images by the id pinned in the plan's image-lock.yaml.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { PlanServer } from '../plan/plan';

/**
 * The image a server boots from: its imported AMI, or the AMI pinned for its base image in the plan's
 * image-lock.yaml (`pinnedImageId`, resolved by the caller). Never an SSM parameter: a new public
 * image must not replace a server on the next deploy.
 */
export function machineImageFor(server: PlanServer, pinnedImageId?: string): ec2.IMachineImage {
  const image = server.image;
  if (!image) {
    throw new Error(
      `Server "${server.id}" (strategy ${server.strategy}) has no image: set image.importedImageId or image.baseImage in servers.yaml`,
    );
  }
  const os = server.os.family === 'windows' ? ec2.OperatingSystemType.WINDOWS : ec2.OperatingSystemType.LINUX;
  if ('importedImageId' in image) return new PinnedImage(image.importedImageId, os);
  if (!pinnedImageId) {
    throw new Error(
      `Server "${server.id}": base image ${image.baseImage} is not pinned in image-lock.yaml; run \`npm run estate -- images refresh\``,
    );
  }
  return new PinnedImage(pinnedImageId, os);
}

/**
 * The root device name of the image: Amazon Linux uses /dev/xvda; Windows, RHEL, Ubuntu and images
 * brought in by VM Import / MGN use /dev/sda1.
 */
export function rootDeviceName(server: PlanServer): string {
  return server.image && 'baseImage' in server.image && server.image.baseImage === 'amazon-linux-2023'
    ? '/dev/xvda'
    : '/dev/sda1';
}

/** An AMI by id (ids are regional: valid in the estate region only). */
class PinnedImage implements ec2.IMachineImage {
  constructor(
    private readonly imageId: string,
    private readonly os: ec2.OperatingSystemType,
  ) {}

  getImage(): ec2.MachineImageConfig {
    return {
      imageId: this.imageId,
      osType: this.os,
      userData:
        this.os === ec2.OperatingSystemType.WINDOWS ? ec2.UserData.forWindows() : ec2.UserData.forLinux(),
    };
  }
}

/**
/**
 * Machine images for migrated servers from the estate model's image decision (lib/estate-model),
 * resolved without lookups and without "latest": imported images by id, named base images by the
 * id pinned in the plan's image-lock.yaml. Never an SSM parameter: a new public image must not
 * replace a server on the next deploy.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { ImageDecision } from '../estate-model/image';

/** The image a server boots from, as the model decided it. */
export function machineImageFor(image: ImageDecision): ec2.IMachineImage {
  const os = image.os === 'windows' ? ec2.OperatingSystemType.WINDOWS : ec2.OperatingSystemType.LINUX;
  return new PinnedImage(image.imageId, os);
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

/**
 * Machine images for migrated servers from the estate model's image decision (lib/estate-model),
 * resolved without lookups: imported images by id, named base images through AWS public SSM
 * parameters that CloudFormation resolves at deploy time.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { ImageDecision } from '../estate-model/image';

export { BASE_IMAGE_PARAMETERS } from '../estate-model/image';

/** The image a server boots from, as the model decided it. */
export function machineImageFor(image: ImageDecision): ec2.IMachineImage {
  const os = image.os === 'windows' ? ec2.OperatingSystemType.WINDOWS : ec2.OperatingSystemType.LINUX;
  if (image.source === 'imported') return new ImportedImage(image.imageId, os);
  return ec2.MachineImage.fromSsmParameter(image.ssmParameter, { os });
}

/** An imported AMI, by id (imported images are regional: the id is valid in the estate region only). */
class ImportedImage implements ec2.IMachineImage {
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

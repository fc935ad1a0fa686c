/**
 * Machine images for migrated servers, resolved without lookups: imported images by id, named base
 * images through AWS public SSM parameters that CloudFormation resolves at deploy time.
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { PlanServer } from '../plan/plan';
import type { BaseImage } from '../plan/schema';

/**
 * Public SSM parameters (x86_64) for each named base image.
 * Windows and Amazon Linux parameters are published by AWS; Ubuntu's by Canonical; RHEL's by Red Hat
 * under /aws/service/redhat.
 */
export const BASE_IMAGE_PARAMETERS: Readonly<Record<BaseImage, string>> = {
  'windows-server-2016': '/aws/service/ami-windows-latest/Windows_Server-2016-English-Full-Base',
  'windows-server-2019': '/aws/service/ami-windows-latest/Windows_Server-2019-English-Full-Base',
  'windows-server-2022': '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
  'amazon-linux-2023': '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64',
  'rhel-8': '/aws/service/redhat/rhel/8/x86_64/latest',
  'rhel-9': '/aws/service/redhat/rhel/9/x86_64/latest',
  'ubuntu-22.04': '/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id',
  'ubuntu-24.04': '/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id',
};

/** The image a server boots from. Throws when a landing-zone server has none. */
export function machineImageFor(server: PlanServer): ec2.IMachineImage {
  const image = server.image;
  if (!image) {
    throw new Error(
      `Server "${server.id}" (strategy ${server.strategy}) has no image: set image.importedImageId or image.baseImage in servers.yaml`,
    );
  }
  const os = server.os.family === 'windows' ? ec2.OperatingSystemType.WINDOWS : ec2.OperatingSystemType.LINUX;
  if ('importedImageId' in image) {
    return new ImportedImage(image.importedImageId, os);
  }
  return ec2.MachineImage.fromSsmParameter(BASE_IMAGE_PARAMETERS[image.baseImage], { os });
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

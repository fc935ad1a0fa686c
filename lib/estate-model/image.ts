/**
 * The machine image a server boots from, decided without lookups: an imported image by id, or a
 * named base image through the AWS public SSM parameter CloudFormation resolves at deploy time.
 * lib/compute turns the decision into an `ec2.IMachineImage`.
 */
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

interface ImageCommon {
  readonly os: 'windows' | 'linux';
  /**
   * Root device name of the image: Amazon Linux uses /dev/xvda; Windows, RHEL, Ubuntu and images
   * brought in by VM Import / MGN use /dev/sda1.
   */
  readonly rootDeviceName: string;
}

export type ImageDecision =
  | (ImageCommon & {
      readonly source: 'imported';
      /** Imported AMI id (regional: valid in the estate region only). */
      readonly imageId: string;
    })
  | (ImageCommon & {
      readonly source: 'base-image';
      readonly baseImage: BaseImage;
      /** Public SSM parameter resolved at deploy time. */
      readonly ssmParameter: string;
    });

/** The image of a landing-zone server. Throws when it has none (the plan checks catch that first). */
export function imageFor(server: Pick<PlanServer, 'id' | 'strategy' | 'image' | 'os'>): ImageDecision {
  const image = server.image;
  if (!image) {
    throw new Error(
      `Server "${server.id}" (strategy ${server.strategy}) has no image: set image.importedImageId or image.baseImage in servers.yaml`,
    );
  }
  const os = server.os.family;
  if ('importedImageId' in image) {
    return { source: 'imported', imageId: image.importedImageId, os, rootDeviceName: '/dev/sda1' };
  }
  return {
    source: 'base-image',
    baseImage: image.baseImage,
    ssmParameter: BASE_IMAGE_PARAMETERS[image.baseImage],
    os,
    rootDeviceName: image.baseImage === 'amazon-linux-2023' ? '/dev/xvda' : '/dev/sda1',
  };
}

/**
 * The machine image a server boots from, decided without lookups and never "latest": an imported
 * image by id, or a named base image by the AMI id pinned for it in the plan's image-lock.yaml
 * (written by `estate images refresh`). lib/compute turns the decision into an `ec2.IMachineImage`.
 */
import type { PlanServer } from '../plan/plan';
import type { BaseImage } from '../plan/schema';

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
      /** AMI id pinned for the base image in image-lock.yaml (regional). */
      readonly imageId: string;
    });

/**
 * The image of a server built from an image (`rebuild`, `vm-import`). Throws when it has none, or
 * when its base image is not pinned (`pinned` gives the lock's AMI id for a base image).
 */
export function imageFor(
  server: Pick<PlanServer, 'id' | 'strategy' | 'image' | 'os'>,
  pinned: (baseImage: BaseImage) => string | undefined,
): ImageDecision {
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
  const imageId = pinned(image.baseImage);
  if (!imageId) {
    throw new Error(
      `base image ${image.baseImage} is not pinned in image-lock.yaml; run \`npm run estate -- images refresh\``,
    );
  }
  return {
    source: 'base-image',
    baseImage: image.baseImage,
    imageId,
    os,
    rootDeviceName: image.baseImage === 'amazon-linux-2023' ? '/dev/xvda' : '/dev/sda1',
  };
}

/**
 * Image ids marked `illustrative: true` (the bundled example plans name AMIs that exist in no
 * account): valid for synth and review, but an instance built from one fails at deploy. Synth
 * warns; `estate preflight` refuses them.
 */
import type { PlanProblem } from './errors';
import { IMAGE_LOCK_FILE } from './image-lock';
import type { Plan } from './plan';

/** One illustrative image id of the plan, and where it is written. */
export interface IllustrativeImage {
  readonly imageId: string;
  readonly file: string;
  readonly path: string;
  /** The server that boots it, or the base image and region it pins. */
  readonly usedFor: string;
}

/** The plan's illustrative images; `plan` may be the estate model's `imageLock` and server entries. */
export function illustrativeImages(plan: Pick<Plan, 'imageLock' | 'servers'>): IllustrativeImage[] {
  const lock = plan.imageLock.flatMap((e, i) =>
    e.illustrative
      ? [
          {
            imageId: e.imageId,
            file: IMAGE_LOCK_FILE,
            path: `images[${i}].imageId`,
            usedFor: `${e.baseImage} in ${e.region}`,
          },
        ]
      : [],
  );
  const imported = plan.servers.flatMap((s, i) =>
    s.image && 'importedImageId' in s.image && s.image.illustrative
      ? [
          {
            imageId: s.image.importedImageId,
            file: 'servers.yaml',
            path: `servers[${i}].image.importedImageId`,
            usedFor: `server ${s.id}`,
          },
        ]
      : [],
  );
  return [...lock, ...imported];
}

/** Plan warning check: one warning per illustrative image id. */
export function illustrativeImageWarnings(plan: Plan): PlanProblem[] {
  return illustrativeImages(plan).map((img) => ({
    file: img.file,
    path: img.path,
    received: img.imageId,
    message: `is marked illustrative (${img.usedFor}): it names no real image, so deploying fails; replace it with an image of the target account (images refresh, or the imported AMI) and remove "illustrative"`,
  }));
}

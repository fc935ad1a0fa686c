/**
 * `image-lock.yaml`: the AMI each named base image resolves to, per region, pinned. Written by
 * `npm run estate -- images refresh` (which reads AWS's public SSM parameters) and reviewed as a
 * diff like any other plan change. Synth reads only this file: a `rebuild` server never boots
 * "latest", so a new AWS image never replaces a server on the next deploy.
 */
import { z } from 'zod';
import { AwsRegionSchema, BaseImageSchema } from './schema';

/** The plan-folder file name. */
export const IMAGE_LOCK_FILE = 'image-lock.yaml';

export const ImageLockEntrySchema = z.strictObject({
  baseImage: BaseImageSchema,
  region: AwsRegionSchema,
  imageId: z.string().regex(/^ami-[0-9a-f]{8,17}$/, 'an AMI id such as "ami-0abc12345678def01"'),
  /** Where the id came from: the public SSM parameter read, or `manual` for a hand-pinned image. */
  source: z.string().min(1),
  /** Day the id was read, YYYY-MM-DD (information only: never read by synth). */
  resolvedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date written YYYY-MM-DD'),
  /**
   * The id is an example, not an image of the target region (the bundled plans): synth warns,
   * `estate preflight` refuses it. @default false
   */
  illustrative: z.boolean().optional(),
});

export const ImageLockFileSchema = z.strictObject({
  images: z.array(ImageLockEntrySchema).default([]),
});

export type ImageLockEntry = z.output<typeof ImageLockEntrySchema>;
export type ImageLockFile = z.output<typeof ImageLockFileSchema>;

/** The pinned entry for a base image in a region, if any. */
export function pinnedImage(
  lock: readonly Readonly<ImageLockEntry>[],
  baseImage: ImageLockEntry['baseImage'],
  region: string,
): Readonly<ImageLockEntry> | undefined {
  return lock.find((e) => e.baseImage === baseImage && e.region === region);
}

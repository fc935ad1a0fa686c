/**
 * A checksum of an exported object that can really be verified. VM Export writes the object itself
 * (a multipart upload), so S3 gives only a multipart ETag (an MD5 of part MD5s, not a checksum of
 * the content) and no additional checksum the caller chose: S3's additional checksums are set by
 * the writer ("Checking object integrity in Amazon S3"), and ExportImage has no checksum
 * parameter. So the object is read back with GetObject and hashed with SHA-256; the size is
 * checked against HeadObject's Content-Length. Anyone can recompute the same SHA-256 from the
 * downloaded file (`sha256sum`).
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export interface VerifiedObject {
  readonly sizeBytes: number;
  readonly etag?: string;
  readonly checksumSha256: string;
  readonly checksumMethod: string;
}

export const CHECKSUM_METHOD =
  'sha256 of the object read back with GetObject (size checked against HeadObject)';

export async function verifyObject(s3: S3Client, bucket: string, key: string): Promise<VerifiedObject> {
  const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const hash = createHash('sha256');
  let read = 0;
  for await (const chunk of out.Body as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    read += chunk.length;
  }
  const size = head.ContentLength ?? 0;
  if (read !== size) {
    throw new Error(`s3://${bucket}/${key}: read ${read} bytes, HeadObject says ${size}`);
  }
  return {
    sizeBytes: size,
    etag: head.ETag?.replace(/"/g, ''),
    checksumSha256: hash.digest('hex'),
    checksumMethod: CHECKSUM_METHOD,
  };
}

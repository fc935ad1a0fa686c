/**
 * Checks every object of a rehearsal in the exit bucket: ListObjectsV2 under the rehearsal prefix
 * (every page), then for each object the manifest names, its size (HeadObject) and its SHA-256
 * (the bytes read back with GetObject) against what the export recorded. An object the manifest
 * does not name is reported as unexpected; a named one that is absent as missing.
 */
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { ExportRunState } from '../export/export-state';
import { verifyObject } from '../private/verify-object';

export interface ObjectCheck {
  readonly server?: string;
  readonly key: string;
  readonly status: 'verified' | 'mismatch' | 'missing' | 'unexpected';
  readonly sizeBytes?: number;
  readonly sha256?: string;
  readonly detail?: string;
}

export async function checkRehearsalObjects(
  s3: S3Client,
  exported: ExportRunState,
  prefix: string,
): Promise<ObjectCheck[]> {
  const listed = new Map<string, number>();
  let token: string | undefined;
  do {
    const out = await s3.send(
      new ListObjectsV2Command({ Bucket: exported.bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of out.Contents ?? []) listed.set(o.Key ?? '', o.Size ?? 0);
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  const checks: ObjectCheck[] = [];
  for (const s of exported.servers.filter((x) => x.objectKey)) {
    const key = s.objectKey!;
    if (!listed.has(key)) {
      checks.push({ server: s.id, key, status: 'missing', detail: 'not in the exit bucket' });
      continue;
    }
    const v = await verifyObject(s3, exported.bucket, key);
    const same = v.sizeBytes === s.sizeBytes && v.checksumSha256 === s.checksumSha256;
    checks.push({
      server: s.id,
      key,
      status: same ? 'verified' : 'mismatch',
      sizeBytes: v.sizeBytes,
      sha256: v.checksumSha256,
      detail: same
        ? undefined
        : `recorded ${s.sizeBytes} bytes sha256 ${s.checksumSha256}; found ${v.sizeBytes} bytes sha256 ${v.checksumSha256}`,
    });
    listed.delete(key);
  }
  for (const [key, size] of listed)
    checks.push({ key, status: 'unexpected', sizeBytes: size, detail: 'not in the manifest' });
  return checks;
}

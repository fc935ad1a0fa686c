/**
 * A local S3 endpoint for tests: plain node:http on 127.0.0.1 (port 0) answering the REST/XML
 * requests @aws-sdk/client-s3 sends path-style (`forcePathStyle: true`), as the Amazon S3 API
 * Reference documents them: HeadObject (200 with Content-Length, ETag, Last-Modified; 404 with no
 * body), GetObject (the bytes; 404 `NoSuchKey`), ListObjectsV2 (`?list-type=2`, `prefix`,
 * `max-keys` up to 1,000, `continuation-token`, `IsTruncated`/`NextContinuationToken`) and
 * DeleteObject (204, also for a key that does not exist). Objects written by a multipart upload
 * (as VM Export writes them) carry a multipart ETag (`<md5 of part md5s>-<parts>`), not an MD5 of
 * the content.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeS3Object {
  readonly body: Buffer;
  readonly etag: string;
  readonly lastModified: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export class FakeS3 {
  /** `bucket/key` -> object. */
  readonly objects = new Map<string, FakeS3Object>();
  readonly requests: { method: string; path: string }[] = [];
  private server?: Server;
  private port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Stores an object as a multipart upload of 8 MiB parts would (the ETag is not the content's MD5). */
  putMultipart(bucket: string, key: string, body: Buffer, lastModified = '2027-01-15T00:00:00.000Z'): void {
    const part = 8 * 1024 * 1024;
    const md5s: Buffer[] = [];
    for (let i = 0; i < Math.max(1, body.length); i += part)
      md5s.push(
        createHash('md5')
          .update(body.subarray(i, i + part))
          .digest(),
      );
    const etag = `${createHash('md5').update(Buffer.concat(md5s)).digest('hex')}-${md5s.length}`;
    this.objects.set(`${bucket}/${key}`, { body, etag, lastModified });
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        const [bucket, ...rest] = url.pathname.replace(/^\//, '').split('/');
        const key = decodeURIComponent(rest.join('/'));
        this.requests.push({ method: req.method ?? '', path: `${bucket}/${key}` });
        const object = this.objects.get(`${bucket}/${key}`);
        const error = (status: number, code: string, message: string) => {
          res.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'fake' });
          res.end(
            req.method === 'HEAD'
              ? undefined
              : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${esc(message)}</Message><Key>${esc(key)}</Key></Error>`,
          );
        };
        if (req.method === 'GET' && key === '' && url.searchParams.get('list-type') === '2')
          return this.list(bucket ?? '', url.searchParams, res);
        if (req.method === 'DELETE') {
          this.objects.delete(`${bucket}/${key}`);
          res.writeHead(204, { 'x-amz-request-id': 'fake' });
          return res.end();
        }
        if (req.method !== 'HEAD' && req.method !== 'GET')
          return error(405, 'MethodNotAllowed', `${req.method} is not modelled`);
        if (!object) return error(404, 'NoSuchKey', 'The specified key does not exist.');
        res.writeHead(200, {
          'content-length': String(object.body.length),
          etag: `"${object.etag}"`,
          'last-modified': new Date(object.lastModified).toUTCString(),
          'content-type': 'application/octet-stream',
          'x-amz-request-id': 'fake',
        });
        res.end(req.method === 'GET' ? object.body : undefined);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((r) => this.server!.close(() => r()));
  }

  private list(bucket: string, q: URLSearchParams, res: import('node:http').ServerResponse): void {
    const prefix = q.get('prefix') ?? '';
    const max = Math.min(1000, Number(q.get('max-keys') ?? '1000'));
    const after = q.get('continuation-token') ?? q.get('start-after') ?? '';
    const keys = [...this.objects.keys()]
      .filter((k) => k.startsWith(`${bucket}/`))
      .map((k) => k.slice(bucket.length + 1))
      .filter((k) => k.startsWith(prefix) && k > after)
      .sort();
    const page = keys.slice(0, max);
    const truncated = keys.length > max;
    const contents = page
      .map((k) => {
        const o = this.objects.get(`${bucket}/${k}`)!;
        return `<Contents><Key>${esc(k)}</Key><LastModified>${o.lastModified}</LastModified><ETag>"${o.etag}"</ETag><Size>${o.body.length}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
      })
      .join('');
    res.writeHead(200, { 'content-type': 'application/xml', 'x-amz-request-id': 'fake' });
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${esc(bucket)}</Name><Prefix>${esc(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>${max}</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${truncated ? `<NextContinuationToken>${esc(page[page.length - 1]!)}</NextContinuationToken>` : ''}</ListBucketResult>`,
    );
  }
}

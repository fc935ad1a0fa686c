/**
 * A local AWS Price List endpoint for tests: node:http on 127.0.0.1 (port 0) speaking the JSON 1.1
 * protocol the real SDK client uses (POST /, `X-Amz-Target: AWSPriceListService.GetProducts`,
 * `application/x-amz-json-1.1`). Products are filtered by ServiceCode and TERM_MATCH filters
 * (on product attributes, `productFamily` included) and paged by `pageSize`; each PriceList entry
 * is a JSON string, as the real API sends. `failNext` scripts an error response.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeProduct {
  readonly serviceCode: string;
  readonly sku: string;
  readonly productFamily: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** On-demand USD per unit (first tier). */
  readonly usd: string;
  readonly unit?: string;
}

export interface FakePricing {
  readonly endpoint: string;
  /** Requests received: operation and body. */
  readonly requests: { target: string; body: Record<string, unknown>; signed: boolean }[];
  failNext(status: number, type: string, message: string): void;
  close(): Promise<void>;
}

function priceListEntry(p: FakeProduct): string {
  const term = `${p.sku}.JRTCKXETXF`;
  return JSON.stringify({
    product: {
      sku: p.sku,
      productFamily: p.productFamily,
      attributes: { servicecode: p.serviceCode, ...p.attributes },
    },
    serviceCode: p.serviceCode,
    terms: {
      OnDemand: {
        [term]: {
          offerTermCode: 'JRTCKXETXF',
          sku: p.sku,
          priceDimensions: {
            [`${term}.6YS6EN2CT7`]: {
              unit: p.unit ?? 'Hrs',
              beginRange: '0',
              endRange: 'Inf',
              pricePerUnit: { USD: p.usd },
              description: p.sku,
            },
          },
        },
      },
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z',
  });
}

export async function startFakePricing(products: readonly FakeProduct[], pageSize = 2): Promise<FakePricing> {
  const requests: FakePricing['requests'] = [];
  let failure: { status: number; type: string; message: string } | undefined;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const parsed = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
      requests.push({
        target,
        body: parsed,
        signed: String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256'),
      });
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(payload));
      };
      if (failure) {
        const f = failure;
        failure = undefined;
        send(f.status, { __type: f.type, Message: f.message });
        return;
      }
      if (target !== 'AWSPriceListService.GetProducts') {
        send(400, { __type: 'UnknownOperationException', Message: `unknown target ${target}` });
        return;
      }
      const filters = (parsed.Filters ?? []) as { Type: string; Field: string; Value: string }[];
      const matching = products.filter(
        (p) =>
          p.serviceCode === parsed.ServiceCode &&
          filters.every(
            (f) => (f.Field === 'productFamily' ? p.productFamily : p.attributes[f.Field]) === f.Value,
          ),
      );
      const start = Number(parsed.NextToken ?? 0);
      const size = Math.min(Number(parsed.MaxResults ?? pageSize), pageSize);
      const page = matching.slice(start, start + size);
      const next = start + size < matching.length ? String(start + size) : undefined;
      send(200, {
        FormatVersion: 'aws_v1',
        PriceList: page.map(priceListEntry),
        ...(next ? { NextToken: next } : {}),
      });
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    failNext: (status, type, message) => {
      failure = { status, type, message };
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

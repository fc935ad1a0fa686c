/**
 * A local Cost Explorer endpoint for tests: plain node:http on 127.0.0.1 (port 0) speaking the
 * JSON 1.1 protocol the real SDK client uses (POST /, `X-Amz-Target:
 * AWSInsightsIndexService.<Operation>`, `application/x-amz-json-1.1`).
 *
 * By default it answers GetTags / GetCostAndUsage / GetCostForecast from a small in-memory cost
 * data set (filters on Tags EQUALS/ABSENT and RECORD_TYPE, And/Not, two GroupBy keys at most,
 * paging by `pageSize` groups). Tests script failures with `failNext` (throttling, 500, bad JSON)
 * and read `requests` to check what the client sent.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CostItem {
  readonly month: string;
  /** Application tag value; undefined = untagged. */
  readonly application?: string;
  readonly wave?: string;
  readonly service: string;
  /** @default 'Usage' */
  readonly recordType?: string;
  readonly amortized: string;
  readonly unblended: string;
}

export interface RecordedRequest {
  readonly operation: string;
  readonly body: Record<string, unknown>;
  readonly headers: IncomingMessage['headers'];
}

export interface ScriptedResponse {
  readonly status: number;
  /** A JSON-serialisable body, or raw text (for malformed responses). */
  readonly body: unknown;
  readonly raw?: boolean;
}

export interface FakeCostExplorerOptions {
  readonly items?: readonly CostItem[];
  /** Groups per GetCostAndUsage page, and tag values per GetTags page. @default 1000 */
  readonly pageSize?: number;
  /** Months at or after this one are answered with `Estimated: true`. */
  readonly estimatedFrom?: string;
  /** Forecast per month (MeanValue) for GetCostForecast. */
  readonly forecast?: Readonly<Record<string, string>>;
  /** Currency unit in responses. @default 'USD' */
  readonly unit?: string;
}

interface Expr {
  And?: Expr[];
  Or?: Expr[];
  Not?: Expr;
  Tags?: { Key?: string; Values?: string[]; MatchOptions?: string[] };
  Dimensions?: { Key?: string; Values?: string[] };
}

interface GroupDef {
  Type: string;
  Key: string;
}

export const THROTTLING: ScriptedResponse = {
  status: 400,
  body: { __type: 'ThrottlingException', message: 'Rate exceeded' },
};
export const SERVER_ERROR: ScriptedResponse = {
  status: 500,
  body: { __type: 'InternalServerError', message: 'boom' },
};

export class FakeCostExplorer {
  readonly requests: RecordedRequest[] = [];
  private readonly queue: { operation: string; response: ScriptedResponse }[] = [];
  private server?: Server;
  private port = 0;

  constructor(private options: FakeCostExplorerOptions = {}) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Replaces the data set (e.g. between runs). */
  setOptions(options: FakeCostExplorerOptions): void {
    this.options = options;
  }

  /** The next `times` calls of `operation` get `response` instead of data. */
  failNext(operation: string, response: ScriptedResponse, times = 1): void {
    for (let i = 0; i < times; i++) this.queue.push({ operation, response });
  }

  count(operation?: string): number {
    return operation ? this.requests.filter((r) => r.operation === operation).length : this.requests.length;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((e: Error) =>
        send(res, { status: 500, body: { __type: 'InternalServerError', message: e.message } }),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.replace(/^AWSInsightsIndexService\./, '');
    if (req.method !== 'POST' || !target.startsWith('AWSInsightsIndexService.')) {
      return send(res, {
        status: 400,
        body: { __type: 'UnknownOperationException', message: `bad target ${target}` },
      });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    this.requests.push({ operation, body, headers: req.headers });
    const scripted = this.queue.findIndex((q) => q.operation === operation);
    if (scripted >= 0) {
      const response = this.queue.splice(scripted, 1)[0]!.response;
      return send(res, response);
    }
    switch (operation) {
      case 'GetTags':
        return send(res, { status: 200, body: this.getTags(body) });
      case 'GetCostAndUsage':
        return send(res, this.getCostAndUsage(body));
      case 'GetCostForecast':
        return send(res, { status: 200, body: this.getCostForecast(body) });
      default:
        return send(res, { status: 400, body: { __type: 'UnknownOperationException', message: operation } });
    }
  }

  private inPeriod(body: Record<string, unknown>): CostItem[] {
    const tp = body.TimePeriod as { Start: string; End: string };
    return (this.options.items ?? []).filter((i) => `${i.month}-01` >= tp.Start && `${i.month}-01` < tp.End);
  }

  private getTags(body: Record<string, unknown>): unknown {
    const key = body.TagKey as string;
    const values = new Set<string>();
    for (const i of this.inPeriod(body)) {
      const v = tagValue(i, key);
      values.add(v ?? '');
    }
    const all = [...values].sort();
    const pageSize = this.options.pageSize ?? 1000;
    const offset = body.NextPageToken ? Number(String(body.NextPageToken).replace('tags-', '')) : 0;
    const tags = all.slice(offset, offset + pageSize);
    const more = offset + pageSize < all.length;
    return {
      Tags: tags,
      ReturnSize: tags.length,
      TotalSize: all.length,
      ...(more ? { NextPageToken: `tags-${offset + pageSize}` } : {}),
    };
  }

  private getCostAndUsage(body: Record<string, unknown>): ScriptedResponse {
    const groupBy = (body.GroupBy ?? []) as GroupDef[];
    if (groupBy.length > 2) {
      return {
        status: 400,
        body: { __type: 'ValidationException', message: 'You can only group by up to two keys' },
      };
    }
    const filter = body.Filter as Expr | undefined;
    const items = this.inPeriod(body).filter((i) => !filter || matches(filter, i));
    const unit = this.options.unit ?? 'USD';
    const tp = body.TimePeriod as { Start: string; End: string };
    const months: string[] = [];
    for (let m = tp.Start.slice(0, 7); `${m}-01` < tp.End; m = next(m)) months.push(m);
    // one (month, keys) entry per group, in month order, then paged
    const entries: { month: string; keys: string[]; a: number; u: number }[] = [];
    for (const month of months) {
      const groups = new Map<string, { keys: string[]; a: number; u: number }>();
      for (const i of items.filter((x) => x.month === month)) {
        const keys = groupBy.map((g) => groupKey(i, g));
        const k = JSON.stringify(keys);
        const g = groups.get(k) ?? { keys, a: 0, u: 0 };
        // cents as integers: this fake's data has at most 2 decimals per item
        g.a += Math.round(Number(i.amortized) * 100);
        g.u += Math.round(Number(i.unblended) * 100);
        groups.set(k, g);
      }
      for (const g of [...groups.values()].sort((x, y) =>
        JSON.stringify(x.keys) < JSON.stringify(y.keys) ? -1 : 1,
      )) {
        entries.push({ month, ...g });
      }
    }
    const pageSize = this.options.pageSize ?? 1000;
    const offset = body.NextPageToken ? Number(String(body.NextPageToken).replace('page-', '')) : 0;
    const page = entries.slice(offset, offset + pageSize);
    const more = offset + pageSize < entries.length;
    const ResultsByTime = months
      .filter((m) => offset === 0 || page.some((e) => e.month === m))
      .map((month) => ({
        TimePeriod: { Start: `${month}-01`, End: `${next(month)}-01` },
        Total: {},
        Groups: page
          .filter((e) => e.month === month)
          .map((e) => ({
            Keys: e.keys,
            Metrics: {
              AmortizedCost: { Amount: cents(e.a), Unit: unit },
              UnblendedCost: { Amount: cents(e.u), Unit: unit },
            },
          })),
        Estimated: this.options.estimatedFrom !== undefined && month >= this.options.estimatedFrom,
      }));
    return {
      status: 200,
      body: {
        GroupDefinitions: groupBy,
        ResultsByTime,
        DimensionValueAttributes: [],
        ...(more ? { NextPageToken: `page-${offset + pageSize}` } : {}),
      },
    };
  }

  private getCostForecast(body: Record<string, unknown>): unknown {
    const tp = body.TimePeriod as { Start: string; End: string };
    const unit = this.options.unit ?? 'USD';
    const results = Object.entries(this.options.forecast ?? {})
      .filter(([m]) => `${m}-01` < tp.End && next(m) > tp.Start.slice(0, 7))
      .map(([m, v]) => ({
        TimePeriod: { Start: m === tp.Start.slice(0, 7) ? tp.Start : `${m}-01`, End: `${next(m)}-01` },
        MeanValue: v,
      }));
    const total = results.reduce((acc, r) => acc + Math.round(Number(r.MeanValue) * 100), 0);
    return { Total: { Amount: cents(total), Unit: unit }, ForecastResultsByTime: results };
  }
}

function tagValue(i: CostItem, key: string): string | undefined {
  if (key === 'Application') return i.application;
  if (key === 'MigrationWave') return i.wave;
  return undefined;
}

function groupKey(i: CostItem, g: GroupDef): string {
  if (g.Type === 'TAG') return `${g.Key}$${tagValue(i, g.Key) ?? ''}`;
  if (g.Key === 'SERVICE') return i.service;
  if (g.Key === 'RECORD_TYPE') return i.recordType ?? 'Usage';
  throw new Error(`fake Cost Explorer: unsupported GroupBy ${g.Type} ${g.Key}`);
}

function matches(e: Expr, i: CostItem): boolean {
  if (e.And) return e.And.every((x) => matches(x, i));
  if (e.Or) return e.Or.some((x) => matches(x, i));
  if (e.Not) return !matches(e.Not, i);
  if (e.Tags) {
    const v = tagValue(i, e.Tags.Key ?? '');
    if (e.Tags.MatchOptions?.includes('ABSENT')) return v === undefined;
    return v !== undefined && (e.Tags.Values ?? []).includes(v);
  }
  if (e.Dimensions) {
    if (e.Dimensions.Key !== 'RECORD_TYPE')
      throw new Error(`fake Cost Explorer: unsupported dimension ${e.Dimensions.Key}`);
    return (e.Dimensions.Values ?? []).includes(i.recordType ?? 'Usage');
  }
  throw new Error(`fake Cost Explorer: unsupported filter ${JSON.stringify(e)}`);
}

function next(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

function cents(n: number): string {
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function send(res: ServerResponse, r: ScriptedResponse): void {
  const text = r.raw ? String(r.body) : JSON.stringify(r.body);
  res.writeHead(r.status, {
    'content-type': 'application/x-amz-json-1.1',
    'x-amzn-requestid': 'fake-request',
  });
  res.end(text);
}

/** Starts a fake endpoint; remember to `stop()` it. */
export async function startFakeCostExplorer(
  options: FakeCostExplorerOptions = {},
): Promise<FakeCostExplorer> {
  return new FakeCostExplorer(options).start();
}

/**
 * A local AWS Systems Manager endpoint for tests: plain node:http on 127.0.0.1 (port 0) speaking the
 * JSON 1.1 protocol @aws-sdk/client-ssm sends (POST /, X-Amz-Target: AmazonSSM.GetParameters).
 * Parameters are in memory; tests script throttling (`throttle`) and read `targets`.
 *
 * Patch Manager too: `AmazonSSM.DescribeInstancePatchStatesForPatchGroup` answers from
 * `patchStates` (patch group -> instance states), `MaxResults` 10 to 100 as documented
 * (https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_DescribeInstancePatchStatesForPatchGroup.html),
 * `pageSize` results a page (tests make it small to walk pages), an unknown `NextToken` a
 * ValidationException.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSsm {
  readonly endpoint: string;
  /** Parameter values by name (tests add and change them). */
  readonly values: Map<string, string>;
  /** The X-Amz-Target of every request. */
  readonly targets: string[];
  /** Answer the next `times` requests with ThrottlingException. */
  throttle(times: number): void;
  /** Instance patch states by patch group (DescribeInstancePatchStatesForPatchGroup). */
  readonly patchStates: Map<string, FakeInstancePatchState[]>;
  /** Results per page of DescribeInstancePatchStatesForPatchGroup (at most the request's MaxResults). */
  pageSize: number;
  close(): Promise<void>;
}

/** The fields of an InstancePatchState the fake returns. */
export interface FakeInstancePatchState {
  readonly InstanceId: string;
  readonly PatchGroup: string;
  readonly BaselineId: string;
  readonly Operation: 'Scan' | 'Install';
  readonly MissingCount: number;
  readonly FailedCount: number;
  readonly InstalledCount: number;
  readonly InstalledPendingRebootCount?: number;
  /** Epoch seconds. */
  readonly OperationStartTime: number;
  readonly OperationEndTime: number;
}

export async function startFakeSsm(values: Record<string, string> = {}): Promise<FakeSsm> {
  const state = new Map(Object.entries(values));
  const targets: string[] = [];
  let throttled = 0;
  const patchStates = new Map<string, FakeInstancePatchState[]>();
  const paging = { pageSize: 100 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target']);
      targets.push(target);
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(json));
      };
      if (throttled > 0) {
        throttled--;
        return reply(400, { __type: 'ThrottlingException', message: 'Rate exceeded' });
      }
      if (target === 'AmazonSSM.DescribeInstancePatchStatesForPatchGroup') {
        const input = JSON.parse(body) as { PatchGroup?: string; MaxResults?: number; NextToken?: string };
        const max = input.MaxResults ?? 100;
        if (!input.PatchGroup || max < 10 || max > 100)
          return reply(400, {
            __type: 'ValidationException',
            message: 'PatchGroup is required; MaxResults must be between 10 and 100',
          });
        const all = patchStates.get(input.PatchGroup) ?? [];
        const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
        if (!Number.isInteger(start) || start < 0 || start > all.length)
          return reply(400, { __type: 'ValidationException', message: 'Invalid NextToken' });
        const end = Math.min(all.length, start + Math.min(max, paging.pageSize));
        return reply(200, {
          InstancePatchStates: all.slice(start, end),
          ...(end < all.length ? { NextToken: String(end) } : {}),
        });
      }
      if (target !== 'AmazonSSM.GetParameters')
        return reply(400, { __type: 'InvalidAction', message: `${target} is not modelled` });
      const names = (JSON.parse(body) as { Names: string[] }).Names;
      reply(200, {
        Parameters: names
          .filter((n) => state.has(n))
          .map((n) => ({ Name: n, Value: state.get(n), Type: 'String' })),
        InvalidParameters: names.filter((n) => !state.has(n)),
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    values: state,
    targets,
    throttle: (times) => void (throttled = times),
    patchStates,
    get pageSize() {
      return paging.pageSize;
    },
    set pageSize(n: number) {
      paging.pageSize = n;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

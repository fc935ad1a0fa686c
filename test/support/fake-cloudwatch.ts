/**
 * A local Amazon CloudWatch endpoint for tests: plain node:http on 127.0.0.1 (port 0) speaking the
 * protocol @aws-sdk/client-cloudwatch 3.1164.0 sends: AWS JSON 1.0 in its query-compatible form
 * (POST /, `X-Amz-Target: GraniteServiceVersion20100801.<Operation>`,
 * `Content-Type: application/x-amz-json-1.0`, `x-amzn-query-mode: true`; errors carry
 * `x-amzn-query-error: <Code>;Sender`). Only DescribeAlarms is modelled, as documented
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarms.html):
 * `AlarmNamePrefix`, `AlarmTypes` (metric alarms only when absent), `MaxRecords` 1 to 100, and
 * `NextToken` paging; an unknown token is InvalidNextToken.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMetricAlarm {
  readonly AlarmName: string;
  readonly StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  readonly MetricName?: string;
  readonly Namespace?: string;
  readonly Dimensions?: readonly { readonly Name: string; readonly Value: string }[];
}

export interface FakeCompositeAlarm {
  readonly AlarmName: string;
  readonly StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  readonly AlarmRule: string;
}

export interface FakeCloudWatch {
  readonly endpoint: string;
  readonly metricAlarms: FakeMetricAlarm[];
  readonly compositeAlarms: FakeCompositeAlarm[];
  /** Every request's X-Amz-Target and x-amzn-query-mode header. */
  readonly requests: { readonly target: string; readonly queryMode: string | undefined }[];
  /** Records per page (at most the request's MaxRecords). */
  pageSize: number;
  close(): Promise<void>;
}

const PREFIX = 'GraniteServiceVersion20100801.';

export async function startFakeCloudWatch(): Promise<FakeCloudWatch> {
  const metricAlarms: FakeMetricAlarm[] = [];
  const compositeAlarms: FakeCompositeAlarm[] = [];
  const requests: { target: string; queryMode: string | undefined }[] = [];
  const paging = { pageSize: 100 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString('utf8')));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target']);
      requests.push({ target, queryMode: req.headers['x-amzn-query-mode'] as string | undefined });
      const reply = (status: number, json: unknown, code?: string) => {
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.0',
          ...(code ? { 'x-amzn-query-error': `${code};Sender` } : {}),
        });
        res.end(JSON.stringify(json));
      };
      if (target !== `${PREFIX}DescribeAlarms`)
        return reply(400, { __type: 'InvalidAction', message: `${target} is not modelled` }, 'InvalidAction');
      const input = JSON.parse(body || '{}') as {
        AlarmNamePrefix?: string;
        AlarmTypes?: string[];
        MaxRecords?: number;
        NextToken?: string;
      };
      const max = input.MaxRecords ?? 50;
      if (max < 1 || max > 100)
        return reply(
          400,
          { __type: 'InvalidParameterValue', message: 'MaxRecords must be 1 to 100' },
          'InvalidParameterValue',
        );
      const types = input.AlarmTypes ?? ['MetricAlarm'];
      const prefix = input.AlarmNamePrefix ?? '';
      const all: { kind: 'metric' | 'composite'; alarm: FakeMetricAlarm | FakeCompositeAlarm }[] = [
        ...(types.includes('MetricAlarm')
          ? metricAlarms.map((alarm) => ({ kind: 'metric' as const, alarm }))
          : []),
        ...(types.includes('CompositeAlarm')
          ? compositeAlarms.map((alarm) => ({ kind: 'composite' as const, alarm }))
          : []),
      ].filter((a) => a.alarm.AlarmName.startsWith(prefix));
      const start = input.NextToken === undefined ? 0 : Number(input.NextToken.replace(/^page-/, ''));
      if (input.NextToken !== undefined && (!/^page-\d+$/.test(input.NextToken) || start > all.length))
        return reply(
          400,
          { __type: 'InvalidNextToken', message: 'The service returned an invalid next token' },
          'InvalidNextToken',
        );
      const end = Math.min(all.length, start + Math.min(max, paging.pageSize));
      const page = all.slice(start, end);
      reply(200, {
        MetricAlarms: page.filter((a) => a.kind === 'metric').map((a) => a.alarm),
        CompositeAlarms: page.filter((a) => a.kind === 'composite').map((a) => a.alarm),
        ...(end < all.length ? { NextToken: `page-${end}` } : {}),
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    metricAlarms,
    compositeAlarms,
    requests,
    get pageSize() {
      return paging.pageSize;
    },
    set pageSize(n: number) {
      paging.pageSize = n;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

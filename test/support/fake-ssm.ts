/**
 * A local AWS Systems Manager endpoint for tests: plain node:http on 127.0.0.1 (port 0) speaking the
 * JSON 1.1 protocol @aws-sdk/client-ssm sends (POST /, X-Amz-Target: AmazonSSM.GetParameters).
 * Parameters are in memory; tests script throttling (`throttle`) and read `targets`.
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
  close(): Promise<void>;
}

export async function startFakeSsm(values: Record<string, string> = {}): Promise<FakeSsm> {
  const state = new Map(Object.entries(values));
  const targets: string[] = [];
  let throttled = 0;
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
    close: () => new Promise((r) => server.close(() => r())),
  };
}

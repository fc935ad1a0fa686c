/**
 * A local AWS MGN endpoint for tests: plain node:http on 127.0.0.1 (port 0) speaking MGN's
 * REST-JSON protocol as @aws-sdk/client-mgn sends it (POST /DescribeSourceServers,
 * /ListApplications, /ListWaves, /GetLaunchConfiguration, /UpdateLaunchConfiguration,
 * /AssociateSourceServers, /AssociateApplications, POST /tags/{arn}). State is in memory; tests
 * script throttling (`throttle`) and per-server failures (`failFor`), and read `mutations`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface FakeSourceServer {
  sourceServerID: string;
  hostname: string;
  applicationID?: string;
  tags: Record<string, string>;
  replicationState?: string;
  lifeCycleState?: string;
  launchedInstanceId?: string;
  launch: Json;
}

export interface FakeMgn {
  readonly endpoint: string;
  readonly servers: FakeSourceServer[];
  readonly applications: { applicationID: string; name: string; waveID?: string }[];
  readonly waves: { waveID: string; name: string }[];
  /** Every request: operation and body. */
  readonly requests: { op: string; body: Json }[];
  /** Operations that changed something. */
  readonly mutations: () => { op: string; body: Json }[];
  /** Answer the next `times` requests of `op` with 429 ThrottlingException. */
  throttle(op: string, times: number): void;
  /** Answer every mutation for this source server with a 400 ValidationException. */
  failFor(sourceServerID: string): void;
  close(): Promise<void>;
}

const MUTATING = [
  'CreateApplication',
  'CreateWave',
  'UpdateLaunchConfiguration',
  'AssociateSourceServers',
  'AssociateApplications',
  'TagResource',
];

export function arnOf(id: string): string {
  return `arn:aws:mgn:eu-west-2:123456789012:source-server/${id}`;
}

export async function startFakeMgn(init: {
  servers: FakeSourceServer[];
  applications: { applicationID: string; name: string; waveID?: string }[];
  waves: { waveID: string; name: string }[];
}): Promise<FakeMgn> {
  const state = { ...init };
  const requests: { op: string; body: Json }[] = [];
  const throttles = new Map<string, number>();
  const failing = new Set<string>();

  const send = (res: ServerResponse, status: number, body: Json, errorType?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (errorType) headers['x-amzn-errortype'] = errorType;
    res.writeHead(status, headers);
    res.end(JSON.stringify(body));
  };
  const serverJson = (s: FakeSourceServer): Json => ({
    sourceServerID: s.sourceServerID,
    arn: arnOf(s.sourceServerID),
    isArchived: false,
    tags: s.tags,
    ...(s.applicationID ? { applicationID: s.applicationID } : {}),
    sourceProperties: { identificationHints: { hostname: s.hostname } },
    dataReplicationInfo: { dataReplicationState: s.replicationState ?? 'CONTINUOUS', lagDuration: 'PT5S' },
    lifeCycle: { state: s.lifeCycleState ?? 'READY_FOR_TEST' },
    ...(s.launchedInstanceId ? { launchedInstance: { ec2InstanceID: s.launchedInstanceId } } : {}),
  });
  const byId = (id: unknown) => state.servers.find((s) => s.sourceServerID === id);

  const handle = (op: string, body: Json, res: ServerResponse) => {
    const left = throttles.get(op) ?? 0;
    if (left > 0) {
      throttles.set(op, left - 1);
      return send(res, 429, { message: 'Rate exceeded' }, 'ThrottlingException');
    }
    const target =
      op === 'TagResource'
        ? String(body.resourceArn).split('/').pop()
        : op === 'AssociateSourceServers'
          ? (body.sourceServerIDs as string[])[0]
          : body.sourceServerID;
    if (MUTATING.includes(op) && failing.has(String(target))) {
      return send(
        res,
        400,
        { message: `source server ${String(target)} is in a state that cannot be changed` },
        'ValidationException',
      );
    }
    switch (op) {
      case 'DescribeSourceServers':
        return send(res, 200, { items: state.servers.map(serverJson) });
      case 'ListApplications':
        return send(res, 200, { items: state.applications.map((a) => ({ ...a, isArchived: false })) });
      case 'ListWaves':
        return send(res, 200, { items: state.waves.map((w) => ({ ...w, isArchived: false })) });
      case 'GetLaunchConfiguration': {
        const s = byId(body.sourceServerID);
        return s
          ? send(res, 200, { sourceServerID: s.sourceServerID, ...s.launch })
          : send(res, 404, { message: 'not found' }, 'ResourceNotFoundException');
      }
      case 'UpdateLaunchConfiguration': {
        const s = byId(body.sourceServerID)!;
        const { sourceServerID: _id, ...rest } = body;
        s.launch = { ...s.launch, ...rest };
        return send(res, 200, { sourceServerID: s.sourceServerID, ...s.launch });
      }
      case 'AssociateSourceServers':
        for (const id of body.sourceServerIDs as string[])
          byId(id)!.applicationID = String(body.applicationID);
        return send(res, 200, {});
      case 'AssociateApplications':
        for (const id of body.applicationIDs as string[]) {
          state.applications.find((a) => a.applicationID === id)!.waveID = String(body.waveID);
        }
        return send(res, 200, {});
      case 'CreateApplication': {
        const a = {
          applicationID: `app-${String(state.applications.length + 100).padStart(17, '0')}`,
          name: String(body.name),
        };
        state.applications.push(a);
        return send(res, 201, {
          ...a,
          arn: `arn:aws:mgn:eu-west-2:123456789012:application/${a.applicationID}`,
        });
      }
      case 'CreateWave': {
        const w = {
          waveID: `wave-${String(state.waves.length + 100).padStart(17, '0')}`,
          name: String(body.name),
        };
        state.waves.push(w);
        return send(res, 201, { ...w, arn: `arn:aws:mgn:eu-west-2:123456789012:wave/${w.waveID}` });
      }
      case 'TagResource': {
        const s = byId(String(body.resourceArn).split('/').pop())!;
        s.tags = { ...s.tags, ...(body.tags as Record<string, string>) };
        res.writeHead(204);
        return res.end();
      }
      default:
        return send(res, 404, { message: `unknown operation ${op}` }, 'UnknownOperationException');
    }
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString('utf8')));
    req.on('end', () => {
      const url = decodeURIComponent(req.url ?? '/');
      const body: Json = text ? (JSON.parse(text) as Json) : {};
      let op = url.replace(/^\//, '').split('?')[0]!;
      if (op.startsWith('tags/')) {
        body.resourceArn = op.slice('tags/'.length);
        op = 'TagResource';
      }
      requests.push({ op, body });
      handle(op, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    servers: state.servers,
    applications: state.applications,
    waves: state.waves,
    requests,
    mutations: () => requests.filter((r) => MUTATING.includes(r.op)),
    throttle: (op, times) => void throttles.set(op, times),
    failFor: (id) => void failing.add(id),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

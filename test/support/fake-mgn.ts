/**
 * A local AWS MGN endpoint for tests: plain node:http on 127.0.0.1 (port 0) speaking MGN's
 * REST-JSON protocol as @aws-sdk/client-mgn sends it (POST /DescribeSourceServers,
 * /ListApplications, /ListWaves, /GetLaunchConfiguration, /UpdateLaunchConfiguration,
 * /AssociateSourceServers, /AssociateApplications, POST /tags/{arn}). State is in memory; tests
 * script throttling (`throttle`) and per-server failures (`failFor`), and read `mutations`.
 *
 * The life cycle follows the MGN API reference: InitializeService (until it is called, when the
 * fake starts uninitialised, every operation answers UninitializedAccountException); StartTest
 * (READY_FOR_TEST, or a re-test from TESTING / READY_FOR_CUTOVER, launches a test instance ->
 * TESTING); ChangeServerLifeCycleState (READY_FOR_TEST | READY_FOR_CUTOVER | CUTOVER, "only works
 * if the source server is already launchable (dataReplicationInfo.lagDuration is not null)");
 * TerminateTargetInstances (terminates the launched test instance); StartCutover (launches a
 * cut-over instance, -> CUTTING_OVER); FinalizeCutover (-> CUTOVER, replication DISCONNECTED, lag
 * nullified); MarkAsArchived. A call out of order answers ConflictException (HTTP 409), as MGN does.
 * Instances launched or terminated are reported through `instances` and the `onLaunch` hook.
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
  /** ISO 8601 duration; `null` = not launchable yet. @default PT5S */
  lagDuration?: string | null;
  backloggedStorageBytes?: number;
  etaDateTime?: string;
  dataReplicationError?: { error: string; rawError?: string };
  isArchived?: boolean;
  launch: Json;
}

/** An EC2 instance the fake MGN launched. */
export interface FakeLaunched {
  readonly instanceId: string;
  readonly sourceServerID: string;
  readonly kind: 'test' | 'cutover';
  state: 'running' | 'terminated';
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
  /** Every instance launched by StartTest / StartCutover. */
  readonly instances: FakeLaunched[];
  /** Whether InitializeService has run (set false to model a new account). */
  initialized: boolean;
  close(): Promise<void>;
}

const MUTATING = [
  'CreateApplication',
  'CreateWave',
  'UpdateLaunchConfiguration',
  'AssociateSourceServers',
  'AssociateApplications',
  'TagResource',
  'InitializeService',
  'StartTest',
  'ChangeServerLifeCycleState',
  'TerminateTargetInstances',
  'StartCutover',
  'FinalizeCutover',
  'MarkAsArchived',
];

export function arnOf(id: string): string {
  return `arn:aws:mgn:eu-west-2:123456789012:source-server/${id}`;
}

export async function startFakeMgn(init: {
  servers: FakeSourceServer[];
  applications: { applicationID: string; name: string; waveID?: string }[];
  waves: { waveID: string; name: string }[];
  /** @default true */
  initialized?: boolean;
  /** Called for each instance launched (tests register it with the fake EC2). */
  onLaunch?: (launched: FakeLaunched) => void;
}): Promise<FakeMgn> {
  const state = { ...init };
  const instances: FakeLaunched[] = [];
  const flags = { initialized: init.initialized ?? true };
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
    tags: s.tags,
    ...(s.applicationID ? { applicationID: s.applicationID } : {}),
    sourceProperties: { identificationHints: { hostname: s.hostname } },
    isArchived: s.isArchived ?? false,
    dataReplicationInfo: {
      dataReplicationState: s.replicationState ?? 'CONTINUOUS',
      ...(s.lagDuration === null ? {} : { lagDuration: s.lagDuration ?? 'PT5S' }),
      ...(s.backloggedStorageBytes !== undefined
        ? { replicatedDisks: [{ deviceName: '/dev/sda1', backloggedStorageBytes: s.backloggedStorageBytes }] }
        : {}),
      ...(s.etaDateTime ? { etaDateTime: s.etaDateTime } : {}),
      ...(s.dataReplicationError ? { dataReplicationError: s.dataReplicationError } : {}),
    },
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
    if (!flags.initialized && op !== 'InitializeService') {
      return send(res, 400, { message: 'Account not initialized' }, 'UninitializedAccountException');
    }
    const conflict = (id: string, message: string) =>
      send(
        res,
        409,
        { message, code: 'CONFLICT', resourceId: id, resourceType: 'SOURCE_SERVER' },
        'ConflictException',
      );
    const launch = (s: FakeSourceServer, kind: 'test' | 'cutover') => {
      const launched: FakeLaunched = {
        instanceId: `i-${(0x2000000 + instances.length).toString(16).padStart(17, '0')}`,
        sourceServerID: s.sourceServerID,
        kind,
        state: 'running',
      };
      instances.push(launched);
      s.launchedInstanceId = launched.instanceId;
      init.onLaunch?.(launched);
      return launched;
    };
    const job = (initiatedBy: string, servers: { s: FakeSourceServer; launched?: FakeLaunched }[]) =>
      send(res, 202, {
        job: {
          jobID: `mgnjob-${String(requests.length).padStart(17, '0')}`,
          type: 'LAUNCH',
          initiatedBy,
          status: 'COMPLETED',
          participatingServers: servers.map(({ s, launched }) => ({
            sourceServerID: s.sourceServerID,
            launchStatus: 'LAUNCHED',
            ...(launched ? { launchedEc2InstanceID: launched.instanceId } : {}),
          })),
        },
      });
    const lifecycle = (s: FakeSourceServer) => s.lifeCycleState ?? 'READY_FOR_TEST';
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
      case 'InitializeService':
        flags.initialized = true;
        return send(res, 204, {});
      case 'StartTest': {
        const ids = body.sourceServerIDs as string[];
        const servers = ids.map((id) => byId(id));
        const bad = servers.findIndex(
          (s) =>
            !s ||
            s.lagDuration === null ||
            !['READY_FOR_TEST', 'TESTING', 'READY_FOR_CUTOVER'].includes(lifecycle(s)),
        );
        if (bad >= 0)
          return conflict(
            ids[bad]!,
            `Source server ${ids[bad]} cannot launch a test instance in state ${servers[bad] ? lifecycle(servers[bad]) : 'unknown'}`,
          );
        return job(
          'START_TEST',
          servers.map((s) => {
            for (const i of instances)
              if (i.sourceServerID === s!.sourceServerID && i.kind === 'test') i.state = 'terminated';
            s!.lifeCycleState = 'TESTING';
            return { s: s!, launched: launch(s!, 'test') };
          }),
        );
      }
      case 'TerminateTargetInstances': {
        const ids = body.sourceServerIDs as string[];
        const servers = ids.map((id) => byId(id)!);
        for (const s of servers) {
          for (const i of instances)
            if (i.sourceServerID === s.sourceServerID && i.kind === 'test') i.state = 'terminated';
          if (
            instances.some(
              (i) =>
                i.sourceServerID === s.sourceServerID &&
                i.instanceId === s.launchedInstanceId &&
                i.kind === 'test',
            )
          )
            delete s.launchedInstanceId;
        }
        return job(
          'TERMINATE',
          servers.map((s) => ({ s })),
        );
      }
      case 'ChangeServerLifeCycleState': {
        const s = byId(body.sourceServerID);
        if (!s) return send(res, 404, { message: 'Source server not found' }, 'ResourceNotFoundException');
        const want = (body.lifeCycle as { state: string }).state;
        const from = lifecycle(s);
        const allowed: Record<string, string[]> = {
          READY_FOR_TEST: ['TESTING', 'READY_FOR_CUTOVER'],
          READY_FOR_CUTOVER: ['TESTING'],
          CUTOVER: ['CUTTING_OVER'],
        };
        if (s.lagDuration === null) return conflict(s.sourceServerID, 'Source server is not launchable yet');
        if (!(allowed[want] ?? []).includes(from))
          return conflict(s.sourceServerID, `Cannot change life cycle state from ${from} to ${want}`);
        s.lifeCycleState = want;
        return send(res, 200, serverJson(s));
      }
      case 'StartCutover': {
        const ids = body.sourceServerIDs as string[];
        const servers = ids.map((id) => byId(id));
        const bad = servers.findIndex((s) => !s || lifecycle(s) !== 'READY_FOR_CUTOVER');
        if (bad >= 0)
          return conflict(
            ids[bad]!,
            `Source server ${ids[bad]} cannot start cut-over in state ${servers[bad] ? lifecycle(servers[bad]) : 'unknown'}`,
          );
        return job(
          'START_CUTOVER',
          servers.map((s) => {
            s!.lifeCycleState = 'CUTTING_OVER';
            return { s: s!, launched: launch(s!, 'cutover') };
          }),
        );
      }
      case 'FinalizeCutover': {
        const s = byId(body.sourceServerID);
        if (!s) return send(res, 404, { message: 'Source server not found' }, 'ResourceNotFoundException');
        if (lifecycle(s) !== 'CUTTING_OVER')
          return conflict(s.sourceServerID, `Cannot finalize cut-over in state ${lifecycle(s)}`);
        s.lifeCycleState = 'CUTOVER';
        s.replicationState = 'DISCONNECTED';
        s.lagDuration = null;
        return send(res, 200, serverJson(s));
      }
      case 'MarkAsArchived': {
        const s = byId(body.sourceServerID);
        if (!s) return send(res, 404, { message: 'Source server not found' }, 'ResourceNotFoundException');
        if (!['CUTOVER', 'DISCONNECTED'].includes(lifecycle(s)))
          return conflict(s.sourceServerID, `Cannot archive a source server in state ${lifecycle(s)}`);
        s.isArchived = true;
        return send(res, 200, serverJson(s));
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
    instances,
    get initialized() {
      return flags.initialized;
    },
    set initialized(v: boolean) {
      flags.initialized = v;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

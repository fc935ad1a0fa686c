/**
 * A local AWS DMS endpoint for tests: plain node:http on 127.0.0.1 (port 0) speaking the JSON 1.1
 * protocol @aws-sdk/client-database-migration-service sends (POST /, X-Amz-Target:
 * AmazonDMSv20160101.<Operation>), for DMS Serverless replication configs: DescribeReplicationConfigs,
 * DescribeReplications, StartReplication, StopReplication.
 *
 * Replications follow the documented states (AWS DMS user guide, "AWS DMS Serverless components"):
 * StartReplication puts one in `initializing`; each DescribeReplications then moves it one state on,
 * through preparing_metadata_resources, testing_connection, fetching_metadata, calculating_capacity,
 * provisioning_capacity and replication_starting to `running`. StopReplication moves a running one
 * to `stopping`, then `stopped`. Out-of-order calls get DMS's faults (API reference, StartReplication
 * / StopReplication errors): InvalidResourceStateFault, ResourceNotFoundFault. A Describe* filter
 * that matches nothing answers ResourceNotFoundFault, as DMS's Describe* operations do.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

const STARTING = [
  'initializing',
  'preparing_metadata_resources',
  'testing_connection',
  'fetching_metadata',
  'calculating_capacity',
  'provisioning_capacity',
  'replication_starting',
  'running',
];

export interface FakeDms {
  readonly endpoint: string;
  /** Replication status by config id (absent: never started). Tests may set it. */
  readonly status: Map<string, string>;
  /** Every call: operation and body. */
  readonly calls: { op: string; body: Json }[];
  /** Answer StartReplication for this config id with the given fault. */
  failStart(configId: string, fault: string): void;
  close(): Promise<void>;
}

export function dmsConfigArn(configId: string): string {
  return `arn:aws:dms:eu-west-2:123456789012:replication-config:${configId.toUpperCase().replace(/[^A-Z0-9]/g, '')}`;
}

export async function startFakeDms(configIds: readonly string[]): Promise<FakeDms> {
  const byArn = new Map(configIds.map((id) => [dmsConfigArn(id), id]));
  const status = new Map<string, string>();
  const calls: { op: string; body: Json }[] = [];
  const failing = new Map<string, string>();
  const filterValues = (body: Json, name: string): string[] | undefined =>
    ((body.Filters ?? []) as { Name: string; Values: string[] }[]).find((f) => f.Name === name)?.Values;

  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString('utf8')));
    req.on('end', () => {
      const op = String(req.headers['x-amz-target']).replace('AmazonDMSv20160101.', '');
      const body = (text ? JSON.parse(text) : {}) as Json;
      calls.push({ op, body });
      const reply = (code: number, json: unknown) => {
        res.writeHead(code, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(json));
      };
      const fault = (type: string, message: string) => reply(400, { __type: type, message });
      const replication = (id: string): Json => ({
        ReplicationConfigIdentifier: id,
        ReplicationConfigArn: dmsConfigArn(id),
        ReplicationType: 'full-load-and-cdc',
        Status: status.get(id),
        ...(status.get(id) === 'stopped' ? { StopReason: 'Stop Reason NORMAL' } : {}),
        ReplicationStats: { FullLoadProgressPercent: status.get(id) === 'running' ? 100 : 0 },
      });
      switch (op) {
        case 'DescribeReplicationConfigs': {
          const ids = filterValues(body, 'replication-config-id') ?? configIds;
          const found = configIds.filter((id) => ids.includes(id));
          if (found.length === 0) return fault('ResourceNotFoundFault', 'No replication configs found');
          return reply(200, {
            ReplicationConfigs: found.map((id) => ({
              ReplicationConfigIdentifier: id,
              ReplicationConfigArn: dmsConfigArn(id),
              ReplicationType: 'full-load-and-cdc',
            })),
          });
        }
        case 'DescribeReplications': {
          const arns = filterValues(body, 'replication-config-arn') ?? [...byArn.keys()];
          const ids = arns.map((a) => byArn.get(a)).filter((id): id is string => !!id && status.has(id));
          if (ids.length === 0) return fault('ResourceNotFoundFault', 'No replications found');
          const out = ids.map(replication);
          // Time passes between looks: each describe moves a starting or stopping replication on.
          for (const id of ids) {
            const s = status.get(id)!;
            const i = STARTING.indexOf(s);
            if (i >= 0 && i < STARTING.length - 1) status.set(id, STARTING[i + 1]!);
            if (s === 'stopping') status.set(id, 'stopped');
          }
          return reply(200, { Replications: out });
        }
        case 'StartReplication': {
          const id = byArn.get(String(body.ReplicationConfigArn));
          if (!id) return fault('ResourceNotFoundFault', 'Replication config not found');
          if (failing.has(id)) return fault(failing.get(id)!, `cannot start ${id}`);
          const s = status.get(id);
          const type = String(body.StartReplicationType);
          if (s !== undefined && s !== 'stopped' && s !== 'failed')
            return fault('InvalidResourceStateFault', `Replication is in ${s} state; it cannot be started`);
          if (s === undefined && type !== 'start-replication')
            return fault(
              'InvalidParameterCombinationException',
              `${type} needs a replication that ran before`,
            );
          status.set(id, 'initializing');
          return reply(200, { Replication: replication(id) });
        }
        case 'StopReplication': {
          const id = byArn.get(String(body.ReplicationConfigArn));
          if (!id) return fault('ResourceNotFoundFault', 'Replication config not found');
          const s = status.get(id);
          if (s === undefined || !STARTING.includes(s))
            return fault(
              'InvalidResourceStateFault',
              `Replication is in ${s ?? 'created'} state; it cannot be stopped`,
            );
          status.set(id, 'stopping');
          return reply(200, { Replication: replication(id) });
        }
        default:
          return fault('InvalidAction', `${op} is not modelled`);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    status,
    calls,
    failStart: (id, f) => void failing.set(id, f),
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Reads the wave's DMS Serverless replication configs and their replications through the real client. */
import {
  DescribeReplicationConfigsCommand,
  DescribeReplicationsCommand,
  type DatabaseMigrationServiceClient,
  type DescribeReplicationConfigsCommandOutput,
  type DescribeReplicationsCommandOutput,
} from '@aws-sdk/client-database-migration-service';
import type { DmsReplicationObserved } from './replication-state';

/**
 * DMS's Describe* operations answer ResourceNotFoundFault when a filter matches nothing: read as
 * "none", not as a failure.
 */
async function orNone<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof Error && e.name === 'ResourceNotFoundFault') return undefined;
    throw e;
  }
}

/** By replication config id; configs DMS does not know are absent. */
export async function readDmsReplications(
  client: DatabaseMigrationServiceClient,
  configIds: readonly string[],
): Promise<Map<string, DmsReplicationObserved>> {
  const out = new Map<string, DmsReplicationObserved>();
  if (configIds.length === 0) return out;
  const arns = new Map<string, string>();
  let marker: string | undefined;
  do {
    const m: string | undefined = marker;
    const page: DescribeReplicationConfigsCommandOutput | undefined = await orNone(() =>
      client.send(
        new DescribeReplicationConfigsCommand({
          Filters: [{ Name: 'replication-config-id', Values: [...configIds] }],
          ...(m ? { Marker: m } : {}),
        }),
      ),
    );
    for (const c of page?.ReplicationConfigs ?? []) {
      if (c.ReplicationConfigIdentifier && c.ReplicationConfigArn)
        arns.set(c.ReplicationConfigIdentifier, c.ReplicationConfigArn);
    }
    marker = page?.Marker;
  } while (marker);
  if (arns.size === 0) return out;
  const replications = new Map<string, DmsReplicationObserved>();
  marker = undefined;
  do {
    const m: string | undefined = marker;
    const page: DescribeReplicationsCommandOutput | undefined = await orNone(() =>
      client.send(
        new DescribeReplicationsCommand({
          Filters: [{ Name: 'replication-config-arn', Values: [...arns.values()] }],
          ...(m ? { Marker: m } : {}),
        }),
      ),
    );
    for (const r of page?.Replications ?? []) {
      if (!r.ReplicationConfigArn) continue;
      const stats = r.ReplicationStats;
      replications.set(r.ReplicationConfigArn, {
        configId: r.ReplicationConfigIdentifier ?? '',
        configArn: r.ReplicationConfigArn,
        ...(r.Status ? { status: r.Status } : {}),
        ...(r.StopReason ? { stopReason: r.StopReason } : {}),
        ...(r.FailureMessages?.length ? { failureMessages: r.FailureMessages } : {}),
        ...(stats?.FullLoadProgressPercent !== undefined
          ? { fullLoadProgressPercent: stats.FullLoadProgressPercent }
          : {}),
      });
    }
    marker = page?.Marker;
  } while (marker);
  for (const [id, arn] of arns) {
    const r = replications.get(arn);
    out.set(id, r ? { ...r, configId: id } : { configId: id, configArn: arn });
  }
  return out;
}

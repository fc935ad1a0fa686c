/**
 * The identifier of a `dms` database's DMS Serverless replication config
 * (`AWS::DMS::ReplicationConfig.ReplicationConfigIdentifier`), shared by the construct that creates
 * it and by `migrate db`, which finds it by this id. No CDK code here: the CLI reads it.
 */
export function dmsReplicationConfigId(databaseId: string): string {
  return `${databaseId}-full-load-cdc`;
}

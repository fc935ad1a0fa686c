/**
 * What the CloudWatch agent publishes (agent-configuration.ts) and the alarms read: one source for
 * both. Every metric carries the `InstanceId` dimension and is also aggregated to `InstanceId`
 * alone (`aggregation_dimensions`), so an alarm on the disk metric's aggregate sees the fullest
 * volume (Maximum of used, Minimum of free) while the per-volume series stay on the dashboards
 * ("Manually create or edit the CloudWatch agent configuration file",
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-Configuration-File-Details.html).
 */

/** The CloudWatch namespace the estate's agents publish to (the server role allows only this one). */
export function agentNamespace(estateId: string): string {
  return `Estate/${estateId}`;
}

/** Memory in use, percent (Linux `mem_used_percent`; Windows `% Committed Bytes In Use`, renamed). */
export const MEMORY_USED_METRIC = 'mem_used_percent';
/** Linux: percent used of each mounted volume. */
export const LINUX_DISK_USED_METRIC = 'disk_used_percent';
/** Windows: `LogicalDisk % Free Space` of each drive, renamed. */
export const WINDOWS_DISK_FREE_METRIC = 'disk_free_percent';

/**
 * DMS Serverless replication states, as DescribeReplications reports them in `Status` (AWS DMS
 * user guide, "AWS DMS Serverless components": Initializing, Preparing Metadata Resources, Testing
 * Connection, Fetching Metadata, Calculating Capacity, Provisioning Capacity, Replication Starting,
 * Running; then Stopping / Stopped or Failed). The API spells them in lower case with underscores.
 */
export const DMS_STARTING_STATES = [
  'initializing',
  'preparing_metadata_resources',
  'testing_connection',
  'fetching_metadata',
  'calculating_capacity',
  'provisioning_capacity',
  'replication_starting',
] as const;

/** A replication in one of these is started or on its way: `db start` leaves it alone. */
export const DMS_ACTIVE_STATES: readonly string[] = [...DMS_STARTING_STATES, 'running'];

/** What `migrate db` reads of one replication config (pure data, DMS's own field names). */
export interface DmsReplicationObserved {
  readonly configId: string;
  readonly configArn: string;
  /** Absent: the config has never been started (DescribeReplications lists no replication for it). */
  readonly status?: string;
  readonly stopReason?: string;
  readonly failureMessages?: readonly string[];
  /** Full-load progress, 0-100. */
  readonly fullLoadProgressPercent?: number;
}

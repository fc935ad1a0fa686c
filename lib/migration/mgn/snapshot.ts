/**
 * What the planners need to know about MGN, read once per command by the executor (pure data; the
 * field names are MGN's own, as @aws-sdk/client-mgn returns them).
 */
export interface MgnSourceServer {
  readonly sourceServerID: string;
  readonly arn: string;
  readonly hostname?: string;
  readonly applicationID?: string;
  readonly isArchived?: boolean;
  readonly tags: Readonly<Record<string, string>>;
  readonly replicationState?: string;
  /** ISO 8601 duration, e.g. PT2M. */
  readonly lagDuration?: string;
  readonly lifeCycleState?: string;
  readonly lastTest?: string;
  readonly lastCutover?: string;
  readonly launchedInstanceId?: string;
  /** Bytes waiting to replicate, summed over the replicated disks (dataReplicationInfo). */
  readonly backloggedStorageBytes?: number;
  /** When MGN expects the initial sync to finish (dataReplicationInfo.etaDateTime). */
  readonly etaDateTime?: string;
  /** Why replication is stalled (dataReplicationInfo.dataReplicationError), as MGN words it. */
  readonly replicationError?: string;
}

export interface MgnNamed {
  readonly id: string;
  readonly name: string;
  /** For applications: the wave they belong to. */
  readonly waveID?: string;
}

/** The launch settings `migrate configure` manages (see UpdateLaunchConfiguration). */
export interface MgnLaunchSettings {
  readonly name?: string;
  readonly copyPrivateIp?: boolean;
  readonly copyTags?: boolean;
  readonly launchDisposition?: 'STARTED' | 'STOPPED';
  readonly osByol?: boolean;
  readonly targetInstanceTypeRightSizingMethod?: 'BASIC' | 'NONE';
}

export interface MgnSnapshot {
  readonly sourceServers: readonly MgnSourceServer[];
  readonly applications: readonly MgnNamed[];
  readonly waves: readonly MgnNamed[];
  /** By source server id; only for the servers the command looks at. */
  readonly launchSettings: ReadonlyMap<string, MgnLaunchSettings>;
  /** MGN's EC2 launch template of each source server (GetLaunchConfiguration `ec2LaunchTemplateID`). */
  readonly launchTemplateIds: ReadonlyMap<string, string>;
}

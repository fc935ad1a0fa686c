/** Names the exit tooling and the Exit stack agree on, derived from plan ids (no lookups). */

export interface ExitNaming {
  readonly estateId: string;
  readonly account: string;
  readonly region: string;
}

/** The exit bucket: `<estate>-exit-<account>-<region>` (globally unique, at most 63 characters). */
export function exitBucketName(n: ExitNaming): string {
  return `${n.estateId}-exit-${n.account}-${n.region}`.slice(0, 63);
}

/** The VM Import/Export service role. AWS looks for `vmimport` unless ExportImage names another. */
export const VMIMPORT_ROLE_NAME = 'vmimport';

/** The role RDS snapshot export assumes to write Parquet to the exit bucket. */
export function rdsExportRoleName(n: ExitNaming): string {
  return `${n.estateId}-rds-exit-export`.slice(0, 64);
}

/** Key prefix of one item's exports in the exit bucket. */
export function exportPrefix(wave: string, id: string): string {
  return `exports/${wave}/${id}/`;
}

/** The role a council officer assumes to download exports from the exit bucket. */
export function exitOperatorRoleName(n: ExitNaming): string {
  return `${n.estateId}-exit-operator`.slice(0, 64);
}

/** The staging worker's launch template (Exit stack): pinned image, exit subnet, no-inbound group, worker profile. */
export function stagingWorkerTemplateName(estateId: string): string {
  return `${estateId}-exit-staging-worker`.slice(0, 128);
}

/** The staging worker's instance role: the Systems Manager channel only (see StagingWorker). */
export function stagingWorkerRoleName(estateId: string): string {
  return `${estateId}-exit-staging-worker`.slice(0, 64);
}

/** The role `exit stage` runs as: it can change only what carries the staging tags. */
export function stagingOperatorRoleName(estateId: string): string {
  return `${estateId}-exit-staging-operator`.slice(0, 64);
}

/** Tag keys staging puts on everything it creates (the roles' conditions rely on them). */
export const STAGING_TAG = 'ExitStaging';
export const STAGING_RUN_TAG = 'ExitStagingRun';
export const STAGING_PART_TAG = 'ExitStagingPart';
export const STAGING_DEVICE_TAG = 'ExitStagingDevice';
/** The staged image's tag: `exit export` finds the image by it. */
export const STAGED_FOR_TAG = 'ExitStagedFor';

/** The base image the staging worker boots, pinned in image-lock.yaml (SSM Agent preinstalled). */
export const STAGING_WORKER_BASE_IMAGE = 'amazon-linux-2023';

/** Key prefix of rehearsal exports (inside `exports/`, where the vmimport role may write); a lifecycle rule expires them. */
export const REHEARSAL_PREFIX = 'exports/rehearsals/';

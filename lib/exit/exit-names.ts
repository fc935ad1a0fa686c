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

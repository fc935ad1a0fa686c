/**
 * Names shared by the CostGovernanceStack and the code that reads what it builds (the Athena
 * source, the monthly job): one definition, derived from the estate id.
 */
export interface FinanceNames {
  /** Athena workgroup (encrypted results, bytes-scanned limit). */
  readonly workGroup: string;
  /** Glue database and table over the FOCUS export. */
  readonly database: string;
  readonly table: string;
  /** The Data Exports export (FOCUS 1.0, Parquet). */
  readonly exportName: string;
  /** Key prefix of the export in its bucket. */
  readonly exportPrefix: string;
  /** The finance SNS topic. */
  readonly topicName: string;
}

export function financeNames(estateId: string): FinanceNames {
  const snake = estateId.replace(/-/g, '_');
  return {
    workGroup: `${estateId}-finance`,
    database: `${snake}_billing`,
    table: 'focus_1_0',
    exportName: `${estateId}-focus-1-0`,
    exportPrefix: 'focus',
    topicName: `${estateId}-finance`,
  };
}

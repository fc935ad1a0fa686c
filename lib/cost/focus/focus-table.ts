/**
 * The FOCUS 1.0 table as the Glue catalogue declares it over the AWS Data Exports Parquet files
 * (table FOCUS_1_0_AWS), and as the Athena source reads it: one definition for both. Only the
 * columns this tool reads or that finance commonly queries; Parquet is read by column name, so
 * the others stay in the files. Partitioned by billing period as Data Exports writes it
 * (`data/BILLING_PERIOD=2026-09/`).
 */
import type { ColumnTypes } from './focus-sql';

export interface FocusTableColumn {
  readonly name: string;
  /** Hive/Glue type. */
  readonly glueType: 'string' | 'double' | 'timestamp' | 'map<string,string>';
}

export const FOCUS_TABLE_COLUMNS: readonly FocusTableColumn[] = [
  { name: 'BillingAccountId', glueType: 'string' },
  { name: 'BillingCurrency', glueType: 'string' },
  { name: 'BillingPeriodStart', glueType: 'timestamp' },
  { name: 'BillingPeriodEnd', glueType: 'timestamp' },
  { name: 'ChargePeriodStart', glueType: 'timestamp' },
  { name: 'ChargePeriodEnd', glueType: 'timestamp' },
  { name: 'ChargeCategory', glueType: 'string' },
  { name: 'ChargeDescription', glueType: 'string' },
  { name: 'ProviderName', glueType: 'string' },
  { name: 'ServiceName', glueType: 'string' },
  { name: 'ServiceCategory', glueType: 'string' },
  { name: 'RegionId', glueType: 'string' },
  { name: 'ResourceId', glueType: 'string' },
  { name: 'SubAccountId', glueType: 'string' },
  { name: 'BilledCost', glueType: 'double' },
  { name: 'EffectiveCost', glueType: 'double' },
  { name: 'ListCost', glueType: 'double' },
  { name: 'ContractedCost', glueType: 'double' },
  { name: 'Tags', glueType: 'map<string,string>' },
  { name: 'x_ServiceCode', glueType: 'string' },
  { name: 'x_UsageType', glueType: 'string' },
];

/** The partition column (`BILLING_PERIOD=YYYY-MM` in the export's paths). */
export const FOCUS_TABLE_PARTITION = { name: 'billing_period', glueType: 'string' } as const;

const SQL_TYPE: Record<FocusTableColumn['glueType'], string> = {
  string: 'VARCHAR',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMP',
  'map<string,string>': 'MAP(VARCHAR, VARCHAR)',
};

/** The table's columns as the FOCUS SQL builder types them. */
export function focusTableColumnTypes(): ColumnTypes {
  return new Map(FOCUS_TABLE_COLUMNS.map((c) => [c.name, SQL_TYPE[c.glueType]]));
}

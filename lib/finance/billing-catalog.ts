import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { FOCUS_TABLE_COLUMNS, FOCUS_TABLE_PARTITION } from '../cost/focus/focus-table';

/** Properties of {@link BillingCatalog}. */
export interface BillingCatalogProps {
  readonly database: string;
  readonly table: string;
  readonly workGroup: string;
  readonly exportBucketName: string;
  /** Key prefix of the export's `data/` folder, e.g. `focus/<export name>/data`. */
  readonly exportDataPrefix: string;
  readonly resultsBucketName: string;
  readonly resultsPrefix: string;
  readonly key: kms.IKey;
  /** Athena cancels a query scanning more than this many bytes. */
  readonly bytesScannedCutoffPerQuery: number;
  /** First billing period the partition projection covers, `YYYY-MM`. */
  readonly firstBillingPeriod: string;
}

/**
 * The Glue database and table over the FOCUS 1.0 Parquet export (partitions projected by billing
 * period, so no crawler runs), and the Athena workgroup the cost report queries it in: results
 * encrypted with the finance key, workgroup settings enforced, a bytes-scanned limit per query.
 */
export class BillingCatalog extends Construct {
  readonly workGroup: athena.CfnWorkGroup;
  readonly table: glue.CfnTable;

  constructor(scope: Construct, id: string, props: BillingCatalogProps) {
    super(scope, id);
    const catalogId = Stack.of(this).account;
    const db = new glue.CfnDatabase(this, 'Database', {
      catalogId,
      databaseInput: { name: props.database, description: 'AWS billing data: the FOCUS 1.0 export' },
    });
    // Literal names (the buckets are named), so the template states where the data is.
    const location = `s3://${props.exportBucketName}/${props.exportDataPrefix}/`;
    this.table = new glue.CfnTable(this, 'Table', {
      catalogId,
      databaseName: props.database,
      tableInput: {
        name: props.table,
        description: 'FOCUS 1.0 with AWS columns, Parquet, from AWS Data Exports',
        tableType: 'EXTERNAL_TABLE',
        parameters: {
          classification: 'parquet',
          'projection.enabled': 'true',
          [`projection.${FOCUS_TABLE_PARTITION.name}.type`]: 'date',
          [`projection.${FOCUS_TABLE_PARTITION.name}.format`]: 'yyyy-MM',
          [`projection.${FOCUS_TABLE_PARTITION.name}.range`]: `${props.firstBillingPeriod},NOW`,
          [`projection.${FOCUS_TABLE_PARTITION.name}.interval`]: '1',
          [`projection.${FOCUS_TABLE_PARTITION.name}.interval.unit`]: 'MONTHS',
          'storage.location.template': `${location}BILLING_PERIOD=\${${FOCUS_TABLE_PARTITION.name}}/`,
        },
        partitionKeys: [{ name: FOCUS_TABLE_PARTITION.name, type: FOCUS_TABLE_PARTITION.glueType }],
        storageDescriptor: {
          location,
          columns: FOCUS_TABLE_COLUMNS.map((c) => ({ name: c.name.toLowerCase(), type: c.glueType })),
          inputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
          outputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
          serdeInfo: { serializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
        },
      },
    });
    this.table.addResourceDependency(db, 'the table lives in the database');
    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: props.workGroup,
      description: 'Cost report queries over the FOCUS export',
      state: 'ENABLED',
      recursiveDeleteOption: false,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: props.bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${props.resultsBucketName}/${props.resultsPrefix}`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: props.key.keyArn },
        },
      },
    });
  }
}

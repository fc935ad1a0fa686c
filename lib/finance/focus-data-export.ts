import * as bcm from 'aws-cdk-lib/aws-bcmdataexports';
import { Construct } from 'constructs';
import { FOCUS_TABLE_COLUMNS } from '../cost/focus/focus-table';

/** The Data Exports table of FOCUS 1.0 with AWS columns. */
export const FOCUS_EXPORT_TABLE = 'FOCUS_1_0_AWS';

/** Properties of {@link FocusDataExport}. */
export interface FocusDataExportProps {
  readonly exportName: string;
  /** Bucket name and region (the estate's: the data never leaves it). */
  readonly bucketName: string;
  readonly bucketRegion: string;
  readonly prefix: string;
}

/**
 * The AWS Data Exports export of FOCUS 1.0 (with AWS columns) as Parquet, overwritten daily per
 * billing period into the estate-region export bucket. Data Exports exists only in us-east-1:
 * this resource is configuration in the billing-configuration stack; the files land in the
 * estate region.
 */
export class FocusDataExport extends Construct {
  readonly export: bcm.CfnExport;

  constructor(scope: Construct, id: string, props: FocusDataExportProps) {
    super(scope, id);
    this.export = new bcm.CfnExport(this, 'Export', {
      export: {
        name: props.exportName,
        description: 'FOCUS 1.0 billing data for the cost report and Athena',
        dataQuery: {
          queryStatement: `SELECT ${FOCUS_TABLE_COLUMNS.map((c) => c.name).join(', ')} FROM ${FOCUS_EXPORT_TABLE}`,
          tableConfigurations: { [FOCUS_EXPORT_TABLE]: {} },
        },
        destinationConfigurations: {
          s3Destination: {
            s3Bucket: props.bucketName,
            s3Region: props.bucketRegion,
            s3Prefix: props.prefix,
            s3OutputConfigurations: {
              outputType: 'CUSTOM',
              format: 'PARQUET',
              compression: 'PARQUET',
              overwrite: 'OVERWRITE_REPORT',
            },
          },
        },
        refreshCadence: { frequency: 'SYNCHRONOUS' },
      },
    });
  }
}

/**
 * The rates and throughputs every exit estimate uses, stated once and printed with every exit
 * plan. Figures are list prices or working assumptions, not measurements; change them here.
 */

export interface ExitAssumptions {
  /** USD per GB of data transfer out to the internet from eu-west-2 (first 10 TB/month tier). */
  readonly egressUsdPerGb: string;
  /** USD per GB-month of S3 Standard in eu-west-2 (first 50 TB tier). */
  readonly s3StandardUsdPerGbMonth: string;
  /** Months the exported files stay in the exit bucket before the lifecycle rule expires them. */
  readonly retainedMonths: number;
  /** USD per GB-month of gp3 staging volumes (eu-west-2), charged for the hours they exist. */
  readonly gp3UsdPerGbMonth: string;
  /** USD per GB of snapshot exported to Parquet by RDS snapshot export. */
  readonly rdsSnapshotExportUsdPerGb: string;
  /** GiB per hour, per task, for each kind of work. */
  readonly throughputGiBPerHour: {
    readonly imageExport: number;
    readonly stagingCopy: number;
    readonly fileCopy: number;
    readonly sqlServerBackup: number;
    readonly dataPump: number;
    readonly logicalDump: number;
    /** Downloading from the exit bucket to the council's site or the next provider. */
    readonly download: number;
  };
  /** Fixed hours per item (image creation, task start-up, checks). */
  readonly fixedHoursPerItem: number;
  /** At most this many image export tasks run at once per Region (VM Import/Export quota). */
  readonly imageExportConcurrency: number;
  /** At most this many RDS snapshot export tasks run at once per account. */
  readonly snapshotExportConcurrency: number;
  /** Where figures were measured (an exit rehearsal) rather than assumed: one line each. */
  readonly measured?: readonly string[];
}

/**
 * Sources (checked 2026-11-30):
 * - Data transfer out and S3/EBS prices: AWS price list for eu-west-2 (EC2 data transfer
 *   "Up to 10 TB / Month" $0.09/GB; S3 Standard "First 50 TB / Month" $0.024/GB; gp3 $0.0928/GB-month).
 * - AWS waives data transfer out for customers moving all their data off AWS, on request through
 *   AWS Support (credits; the move must be completed within 60 days):
 *   https://aws.amazon.com/blogs/aws/free-data-transfer-out-to-internet-when-moving-out-of-aws/
 * - VM Import/Export: no charge for the export itself; at most 5 export tasks per Region in
 *   progress (https://docs.aws.amazon.com/vm-import/latest/userguide/limits-image-export.html).
 * - RDS snapshot export: at most 5 concurrent tasks per account; charged per GB of snapshot
 *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ExportSnapshot.html,
 *   https://aws.amazon.com/rds/pricing/ "Snapshot Export", $0.010/GB used here).
 * - Throughputs are working assumptions for planning (gp3 baseline 125 MiB/s ~ 439 GiB/h for a
 *   block copy; a 1 Gbit/s council link at 70% efficiency ~ 293 GiB/h for the download); rehearse
 *   one item per route and replace them with measured figures.
 */
export const DEFAULT_EXIT_ASSUMPTIONS: ExitAssumptions = {
  egressUsdPerGb: '0.09',
  s3StandardUsdPerGbMonth: '0.024',
  retainedMonths: 1,
  gp3UsdPerGbMonth: '0.0928',
  rdsSnapshotExportUsdPerGb: '0.010',
  throughputGiBPerHour: {
    imageExport: 40,
    stagingCopy: 439,
    fileCopy: 200,
    sqlServerBackup: 100,
    dataPump: 80,
    logicalDump: 50,
    download: 293,
  },
  fixedHoursPerItem: 0.5,
  imageExportConcurrency: 5,
  snapshotExportConcurrency: 5,
};

/** The assumptions as lines for the runbook ("State throughput assumptions in the output"). */
export function describeAssumptions(a: ExitAssumptions): string[] {
  const t = a.throughputGiBPerHour;
  return [
    `Data transfer out: $${a.egressUsdPerGb}/GB (eu-west-2 list price). AWS waives it for customers leaving AWS, on request through AWS Support; the "with waiver" total assumes the request is granted.`,
    `Exit bucket storage: $${a.s3StandardUsdPerGbMonth}/GB-month (S3 Standard), ${a.retainedMonths} month(s) before the lifecycle rule expires the exports.`,
    `Staging volumes (staged export): $${a.gp3UsdPerGbMonth}/GB-month gp3, for the hours the copy takes.`,
    `RDS snapshot export to Parquet: $${a.rdsSnapshotExportUsdPerGb}/GB of snapshot.`,
    `Throughput per task (GiB/hour): image export ${t.imageExport}, staging copy ${t.stagingCopy}, file copy ${t.fileCopy}, SQL Server backup ${t.sqlServerBackup}, Data Pump ${t.dataPump}, logical dump ${t.logicalDump}, download ${t.download}; plus ${a.fixedHoursPerItem} h fixed per item.`,
    `Concurrency: ${a.imageExportConcurrency} image export tasks per Region, ${a.snapshotExportConcurrency} RDS snapshot export tasks per account (AWS quotas).`,
    'Volumes are provisioned sizes (an upper bound): used space is usually smaller.',
    ...(a.measured ?? [
      'Throughputs are working assumptions: run "npm run estate -- exit rehearse --wave <id>" to measure them.',
    ]),
  ];
}

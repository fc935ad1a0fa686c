/**
 * The default connection limit of an RDS engine on an instance class, from the default parameter
 * groups' formulas ("Maximum number of database connections", Amazon RDS User Guide,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections).
 * `DBInstanceClassMemory` is a little below the class's memory; the class's memory is used here, so
 * the alarm's threshold is a slight over-estimate of the engine's.
 */
const GIB = 1024 ** 3;

export function defaultMaxConnections(engine: string, memoryGiB: number): number {
  const bytes = memoryGiB * GIB;
  switch (engine) {
    case 'mysql':
    case 'mariadb':
      return Math.floor(bytes / 12582880);
    case 'postgresql':
      return Math.min(Math.floor(bytes / 9531392), 5000);
    case 'oracle':
      return Math.min(Math.floor(bytes / 9868951), 20000);
    default:
      // SQL Server: "user connections" 0 means the maximum, 32,767.
      return 32767;
  }
}

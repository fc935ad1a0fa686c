/**
 * SQL Server versions: people name them by product year ("2019"), RDS and the installer by version
 * number ("15.00"). A plan may use either; the plan holds the product year.
 */

/** Product year -> version number, for the releases RDS offers. */
export const SQLSERVER_RELEASES: Readonly<Record<string, string>> = {
  '2016': '13.00',
  '2017': '14.00',
  '2019': '15.00',
  '2022': '16.00',
};

/**
 * The product year for a version number ("15.00", "15.0" or "15" -> "2019"); anything else (a
 * product year, or a release not listed) is returned as given, for the engine check to judge.
 */
export function normaliseSqlServerVersion(version: string): string {
  const major = /^(\d{2})(\.0+)?$/.exec(version)?.[1];
  if (major === undefined) return version;
  const year = Object.keys(SQLSERVER_RELEASES).find((y) => SQLSERVER_RELEASES[y]!.startsWith(`${major}.`));
  return year ?? version;
}

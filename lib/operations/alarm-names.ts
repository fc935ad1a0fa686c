/**
 * Alarm names, derived from plan ids only: the application's composite alarm names its children
 * by these names, the dashboards link them and `estate ops status` groups alarms by them.
 */

/** What a server alarm watches. */
export const SERVER_ALARMS = ['cpu', 'memory', 'disk'] as const;
export type ServerAlarmKind = (typeof SERVER_ALARMS)[number];

/** What a database alarm watches. */
export const DATABASE_ALARMS = ['cpu', 'storage', 'memory', 'connections'] as const;
export type DatabaseAlarmKind = (typeof DATABASE_ALARMS)[number];

/** e.g. "peterborough-server-rev-app-01-cpu". */
export function serverAlarmName(estateId: string, serverId: string, kind: ServerAlarmKind): string {
  return `${estateId}-server-${serverId}-${kind}`;
}

/** e.g. "peterborough-database-revenues-db-storage". */
export function databaseAlarmName(estateId: string, databaseId: string, kind: DatabaseAlarmKind): string {
  return `${estateId}-database-${databaseId}-${kind}`;
}

/** The application's composite alarm, e.g. "peterborough-application-revenues". */
export function applicationAlarmName(estateId: string, applicationId: string): string {
  return `${estateId}-application-${applicationId}`;
}

/** The prefix every alarm of the estate's servers and databases starts with. */
export function estateAlarmPrefix(estateId: string): string {
  return `${estateId}-`;
}

/** The server or database an alarm belongs to, from its name; undefined for another alarm. */
export function itemOfAlarm(
  estateId: string,
  alarmName: string,
): { readonly kind: 'server' | 'database'; readonly id: string; readonly alarm: string } | undefined {
  const m = new RegExp(`^${estateId.replace(/-/g, '\\-')}-(server|database)-(.+)-([a-z]+)$`).exec(alarmName);
  if (!m) return undefined;
  return { kind: m[1] as 'server' | 'database', id: m[2]!, alarm: m[3]! };
}

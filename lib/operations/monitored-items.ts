/**
 * Which servers and databases have alarms, and the names of those alarms, from the estate model:
 * every landing-zone server the wave stacks build an instance for, every `mgn` server once
 * `migrate adopt` recorded its instance (migration-state.yaml), and every landing-zone database.
 * The wave stacks create the alarms; the Health stack, the audit and `estate ops status` read
 * these names. An `mgn` server not yet adopted has no instance to watch: it is listed as awaiting
 * adoption.
 */
import type { EstateModel, ServerDecision } from '../estate-model';
import { DATABASE_ALARMS, databaseAlarmName, SERVER_ALARMS, serverAlarmName } from './alarm-names';

export interface MonitoredItem {
  readonly kind: 'server' | 'database';
  readonly id: string;
  readonly application: string;
  readonly wave: string;
  readonly waveOrder: number;
  readonly accountRole: string;
  /** Alarm names; empty while an `mgn` server awaits adoption. */
  readonly alarmNames: readonly string[];
  /** True for an `mgn` server not adopted yet. */
  readonly awaitingAdoption: boolean;
}

/** True when the server arrives through AWS MGN (no instance in the template until adopted). */
export function movesWithMgn(server: ServerDecision): boolean {
  return server.routes?.entry?.route === 'mgn';
}

/** Every landing-zone server and database with its alarm names, in plan order. */
export function monitoredItems(model: EstateModel, adoptedServers: ReadonlySet<string>): MonitoredItem[] {
  const estate = model.estate.id;
  const out: MonitoredItem[] = [];
  for (const s of model.servers) {
    if (!s.landingZone) continue;
    const awaiting = movesWithMgn(s) && !adoptedServers.has(s.id);
    out.push({
      kind: 'server',
      id: s.id,
      application: s.application,
      wave: s.wave,
      waveOrder: s.waveOrder,
      accountRole: s.account.role,
      alarmNames: awaiting ? [] : SERVER_ALARMS.map((k) => serverAlarmName(estate, s.id, k)),
      awaitingAdoption: awaiting,
    });
  }
  for (const d of model.databases) {
    if (!d.landingZone) continue;
    out.push({
      kind: 'database',
      id: d.id,
      application: d.application,
      wave: d.wave,
      waveOrder: d.waveOrder,
      accountRole: d.account.role,
      alarmNames: DATABASE_ALARMS.map((k) => databaseAlarmName(estate, d.id, k)),
      awaitingAdoption: false,
    });
  }
  return out;
}

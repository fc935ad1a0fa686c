/**
 * `estate ops status`: per wave, each server's and database's alarms in ALARM and each server's
 * patch compliance, from what CloudWatch and Systems Manager report, joined to the estate model.
 * Pure: the readers (read-ops-state.ts) fetch, this decides, format-ops-status.ts prints.
 */
import type { EstateModel } from '../estate-model';
import { itemOfAlarm } from './alarm-names';
import { monitoredItems } from './monitored-items';

/** One alarm as CloudWatch reports it. */
export interface ReportedAlarm {
  readonly name: string;
  /** OK, ALARM or INSUFFICIENT_DATA. */
  readonly state: string;
  /** The `InstanceId` dimension, for server alarms. */
  readonly instanceId?: string;
}

/** One instance's patch state as Patch Manager reports it (DescribeInstancePatchStatesForPatchGroup). */
export interface ReportedPatchState {
  readonly instanceId: string;
  readonly patchGroup: string;
  readonly missing: number;
  readonly failed: number;
  readonly installedPendingReboot: number;
  /** ISO time of the last scan or install. */
  readonly operationEnd?: string;
}

export type PatchCompliance =
  'compliant' | 'non-compliant' | 'not scanned' | 'not applicable' | 'awaiting adoption';

export interface OpsStatusRow {
  readonly kind: 'server' | 'database';
  readonly id: string;
  readonly application: string;
  /** From the server's alarms' `InstanceId` dimension. */
  readonly instanceId: string | null;
  /** Short names (cpu, disk...) of the alarms in ALARM. */
  readonly inAlarm: readonly string[];
  /** Alarms the model expects that CloudWatch does not report (not deployed yet?). */
  readonly missingAlarms: readonly string[];
  readonly patch: PatchCompliance;
  /** e.g. "3 missing, 1 failed" for a non-compliant server. */
  readonly patchDetail: string;
}

export interface OpsStatusWave {
  readonly wave: string;
  readonly order: number;
  readonly rows: readonly OpsStatusRow[];
}

/** A server whose operating system leaves support during the agreement (the lifecycle table). */
export interface EndOfSupportServer {
  readonly server: string;
  readonly wave: string;
  readonly product: string;
  /** What happens on `date`, e.g. "Microsoft extended support ends". */
  readonly event: string;
  /** YYYY-MM-DD. */
  readonly date: string;
}

export interface OpsStatusReport {
  readonly estate: string;
  /** Servers (of the waves reported) leaving support during the agreement, by date. */
  readonly endOfSupport: readonly EndOfSupportServer[];
  readonly waves: readonly OpsStatusWave[];
  /** Application composite alarms in ALARM. */
  readonly applicationsInAlarm: readonly string[];
}

/** Joins what CloudWatch and Patch Manager report to the model's servers and databases. */
export function buildOpsStatus(
  model: EstateModel,
  adoptedServers: ReadonlySet<string>,
  alarms: readonly ReportedAlarm[],
  patchStates: readonly ReportedPatchState[],
  wave?: string,
  endOfSupport: readonly EndOfSupportServer[] = [],
): OpsStatusReport {
  const estate = model.estate.id;
  const byName = new Map(alarms.map((a) => [a.name, a]));
  const patchByInstance = new Map(patchStates.map((p) => [p.instanceId, p]));
  const instanceOf = new Map<string, string>();
  for (const a of alarms) {
    const item = itemOfAlarm(estate, a.name);
    if (item?.kind === 'server' && a.instanceId) instanceOf.set(item.id, a.instanceId);
  }
  const items = monitoredItems(model, adoptedServers).filter((i) => wave === undefined || i.wave === wave);
  const waves = new Map<string, { order: number; rows: OpsStatusRow[] }>();
  for (const item of items) {
    const reported = item.alarmNames.map((n) => byName.get(n));
    const short = (n: string) => itemOfAlarm(estate, n)?.alarm ?? n;
    const inAlarm = item.alarmNames.filter((_, i) => reported[i]?.state === 'ALARM').map(short);
    const missingAlarms = item.alarmNames.filter((_, i) => !reported[i]).map(short);
    const instanceId = item.kind === 'server' ? (instanceOf.get(item.id) ?? null) : null;
    let patch: PatchCompliance;
    let patchDetail = '';
    if (item.kind === 'database') patch = 'not applicable';
    else if (item.awaitingAdoption) patch = 'awaiting adoption';
    else {
      const state = instanceId ? patchByInstance.get(instanceId) : undefined;
      if (!state) patch = 'not scanned';
      else if (state.missing + state.failed === 0) {
        patch = 'compliant';
        if (state.installedPendingReboot > 0) patchDetail = `${state.installedPendingReboot} pending reboot`;
      } else {
        patch = 'non-compliant';
        patchDetail = [
          state.missing > 0 ? `${state.missing} missing` : '',
          state.failed > 0 ? `${state.failed} failed` : '',
        ]
          .filter(Boolean)
          .join(', ');
      }
    }
    const entry = waves.get(item.wave) ?? { order: item.waveOrder, rows: [] };
    entry.rows.push({
      kind: item.kind,
      id: item.id,
      application: item.application,
      instanceId,
      inAlarm,
      missingAlarms,
      patch,
      patchDetail,
    });
    waves.set(item.wave, entry);
  }
  const applicationsInAlarm = alarms
    .filter(
      (a) => a.state === 'ALARM' && a.name.startsWith(`${estate}-application-`) && !a.name.includes('-part'),
    )
    .map((a) => a.name.slice(`${estate}-application-`.length))
    .sort();
  return {
    estate,
    endOfSupport: endOfSupport
      .filter((e) => wave === undefined || e.wave === wave)
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.server < b.server ? -1 : 1)),
    waves: [...waves.entries()]
      .map(([id, w]) => ({ wave: id, order: w.order, rows: w.rows }))
      .sort((a, b) => a.order - b.order),
    applicationsInAlarm,
  };
}

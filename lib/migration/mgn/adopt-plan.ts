/**
 * The pure core of `migrate adopt --wave`: the instances MGN launched at cut-over for the wave's
 * servers, merged into migration-state.yaml (existing records kept; a changed instance id is
 * reported, never silently replaced).
 */
import type { AdoptedServer } from '../../plan/migration-state';
import type { EstateModel } from '../../estate-model/estate-model';
import type { PlanWave } from '../../plan/plan';
import { mgnServersOf } from './configure-plan';
import { matchServers } from './match-servers';
import type { MgnSnapshot } from './snapshot';
import type { AccountScope } from './account-scope';

/** MGN life-cycle states after a cut-over launch. */
const CUT_OVER = ['CUTOVER', 'DISCONNECTED'];

export interface AdoptPlan {
  readonly adopted: readonly AdoptedServer[];
  readonly added: readonly string[];
  readonly notReady: readonly { readonly server: string; readonly reason: string }[];
  readonly conflicts: readonly { readonly server: string; readonly recorded: string; readonly mgn: string }[];
}

export function planAdopt(
  model: EstateModel,
  wave: PlanWave,
  mgn: MgnSnapshot,
  now: string,
  scope?: AccountScope,
): AdoptPlan {
  const servers = mgnServersOf(model, wave.id, scope);
  const match = matchServers(servers, mgn.sourceServers);
  const adopted: AdoptedServer[] = model.settings.adopted.map((a) => ({ ...a }));
  const added: string[] = [];
  const notReady: { server: string; reason: string }[] = match.planOnly.map((s) => ({
    server: s.id,
    reason: `no MGN source server with hostname ${s.hostname}`,
  }));
  const conflicts: { server: string; recorded: string; mgn: string }[] = [];
  for (const { server, source } of match.matched) {
    const existing = adopted.find((a) => a.server === server.id);
    const instance = source.launchedInstanceId;
    if (!instance || !CUT_OVER.includes(source.lifeCycleState ?? '')) {
      if (!existing) {
        notReady.push({
          server: server.id,
          reason: `not cut over yet (MGN state ${source.lifeCycleState ?? 'unknown'})`,
        });
      }
      continue;
    }
    if (existing) {
      if (existing.instanceId !== instance)
        conflicts.push({ server: server.id, recorded: existing.instanceId, mgn: instance });
      continue;
    }
    adopted.push({
      server: server.id,
      sourceServerId: source.sourceServerID,
      instanceId: instance,
      adoptedAt: now,
    });
    added.push(server.id);
  }
  adopted.sort((a, b) => a.server.localeCompare(b.server));
  return { adopted, added, notReady, conflicts };
}

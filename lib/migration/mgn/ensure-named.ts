/**
 * MGN applications and waves for a plan wave, by plan id: the pure part lists what is missing; the
 * executor creates it (CreateApplication / CreateWave). Existing ones are never changed.
 */
import { CreateApplicationCommand, CreateWaveCommand, type MgnClient } from '@aws-sdk/client-mgn';
import type { EstateModel } from '../../estate-model/estate-model';
import type { PlanWave } from '../../plan/plan';
import { mgnNameFor } from '../mgn-waves';
import { mgnServersOf } from './configure-plan';
import type { MgnSnapshot } from './snapshot';
import type { AccountScope } from './account-scope';

export interface MissingNamed {
  readonly kind: 'application' | 'wave';
  readonly name: string;
  readonly description: string;
}

export function missingNamed(
  model: EstateModel,
  wave: PlanWave,
  mgn: MgnSnapshot,
  scope?: AccountScope,
): MissingNamed[] {
  const missing: MissingNamed[] = [];
  if (!mgn.waves.some((w) => w.name === mgnNameFor(wave.id))) {
    missing.push({
      kind: 'wave',
      name: mgnNameFor(wave.id),
      description: `Wave ${wave.order}: ${wave.name}, cut-over ${wave.cutover}`,
    });
  }
  const appIds = [...new Set(mgnServersOf(model, wave.id, scope).map((s) => s.application))].sort();
  for (const id of appIds) {
    if (mgn.applications.some((a) => a.name === mgnNameFor(id))) continue;
    const app = model.planned.applications.find((a) => a.id === id)!;
    missing.push({
      kind: 'application',
      name: mgnNameFor(id),
      description: `${app.name} (owner ${app.owner})`,
    });
  }
  return missing;
}

export async function createNamed(client: MgnClient, item: MissingNamed): Promise<void> {
  const input = { name: item.name, description: item.description };
  if (item.kind === 'wave') await client.send(new CreateWaveCommand(input));
  else await client.send(new CreateApplicationCommand(input));
}

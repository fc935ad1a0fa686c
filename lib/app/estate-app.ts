import type { App } from 'aws-cdk-lib';
import type { Plan } from '../plan/plan';
import type { DataClassification } from '../plan/schema';
import { KeysStack } from '../../stacks/keys-stack';
import { NetworkStack } from '../../stacks/network-stack';
import { addLandingZoneStacks, type LandingZoneStacks } from '../../stacks/wave-stacks';
import { buildEstateModel } from '../estate-model';

/** The stacks of one estate, for wiring and tests. */
export interface EstateStacks {
  readonly keys: KeysStack;
  readonly network: NetworkStack;
  /** Backup, application access and per-wave landing-zone stacks (lib/compute, lib/database, lib/backup). */
  readonly landingZones: LandingZoneStacks;
}

/**
 * Creates every stack of the estate in dependency order, passing typed objects (keys, VPC)
 * between them. Landing-zone and backup stacks are added here as they land.
 */
export function buildEstateApp(app: App, plan: Plan): EstateStacks {
  const keys = new KeysStack(app, { plan });
  // Flow logs cover traffic of every application, so they get the logs key of the highest
  // classification in the plan (the same classification their shared tags declare).
  const network = new NetworkStack(app, {
    plan,
    logsKey: keys.keyFor('logs', highestClassification(plan)),
  });
  const landingZones = addLandingZoneStacks(app, {
    plan,
    keys,
    network,
    model: buildEstateModel(plan),
  });
  return { keys, network, landingZones };
}

function highestClassification(plan: Plan): DataClassification {
  return plan.applications.some((a) => a.dataClassification === 'OFFICIAL-SENSITIVE')
    ? 'OFFICIAL-SENSITIVE'
    : 'OFFICIAL';
}

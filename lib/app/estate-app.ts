import type { App } from 'aws-cdk-lib';
import type { Plan } from '../plan/plan';
import { KeysStack } from '../../stacks/keys-stack';
import { NetworkStack } from '../../stacks/network-stack';
import { addLandingZoneStacks, type LandingZoneStacks } from '../../stacks/wave-stacks';
import { rightSizeDatabase, rightSizeServer } from '../sizing';

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
  // Flow logs are not classified data; the OFFICIAL logs key (or the shared one) protects them.
  const network = new NetworkStack(app, { plan, logsKey: keys.keyFor('logs', 'OFFICIAL') });
  const landingZones = addLandingZoneStacks(app, {
    plan,
    keys,
    network,
    sizing: { server: rightSizeServer, database: rightSizeDatabase },
  });
  return { keys, network, landingZones };
}

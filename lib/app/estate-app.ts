import type { App } from 'aws-cdk-lib';
import type { Plan } from '../plan/plan';
import type { DataClassification } from '../plan/schema';
import { BillingConfigurationStack } from '../../stacks/billing-configuration-stack';
import { CostGovernanceStack } from '../../stacks/cost-governance-stack';
import { ExitStack } from '../../stacks/exit-stack';
import { KeysStack } from '../../stacks/keys-stack';
import { NetworkStack } from '../../stacks/network-stack';
import { SecurityBaselineStack } from '../../stacks/security-baseline-stack';
import { addLandingZoneStacks, type LandingZoneStacks } from '../../stacks/wave-stacks';
import { MigrationStack, planUsesMgn } from '../../stacks/migration-stack';
import { acknowledgePinnedZones } from './pinned-zones';
import { acknowledgeMgnResourceTypes } from './mgn-resource-types';

import { buildEstateModel } from '../estate-model';

/** The stacks of one estate, for wiring and tests. */
export interface EstateStacks {
  readonly keys: KeysStack;
  readonly network: NetworkStack;
  /** Detective controls the organisation does not provide; Session Manager logging. */
  readonly securityBaseline: SecurityBaselineStack;
  /** Backup, application access and per-wave landing-zone stacks (lib/compute, lib/database, lib/backup). */
  readonly landingZones: LandingZoneStacks;
  /** AWS MGN templates, applications and waves; absent when no server moves with MGN. */
  readonly migration?: MigrationStack;
  /** Finance in AWS, when the plan has a `finance` section. */
  readonly finance?: {
    readonly costGovernance: CostGovernanceStack;
    readonly billing: BillingConfigurationStack;
  };
  /** Exit bucket, export roles and staging subnet (lib/exit). */
  readonly exit: ExitStack;
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
  const securityBaseline = new SecurityBaselineStack(app, {
    plan,
    logsKey: keys.keyFor('logs', highestClassification(plan)),
  });
  const landingZones = addLandingZoneStacks(app, {
    plan,
    keys,
    network,
    model: buildEstateModel(plan),
  });
  const migration = planUsesMgn(plan) ? new MigrationStack(app, { plan, keys, network }) : undefined;
  if (migration) acknowledgeMgnResourceTypes(migration); // validator data gap (lib/app/mgn-resource-types.ts)
  acknowledgePinnedZones(app); // pinned AZs are the design (lib/app/pinned-zones.ts)
  const exit = new ExitStack(app, { plan, vpc: network.vpc });
  const stacks = { keys, network, securityBaseline, landingZones, exit, ...(migration ? { migration } : {}) };
  if (!plan.finance) return stacks;
  const costGovernance = new CostGovernanceStack(app, { plan });
  const billing = new BillingConfigurationStack(app, { plan });
  billing.addStackDependency(costGovernance, 'the export writes into the estate-region bucket');
  return { ...stacks, finance: { costGovernance, billing } };
}

function highestClassification(plan: Plan): DataClassification {
  return plan.applications.some((a) => a.dataClassification === 'OFFICIAL-SENSITIVE')
    ? 'OFFICIAL-SENSITIVE'
    : 'OFFICIAL';
}

/** Every meaning check, in the order they run. */
import type { PlanCheck } from './check';
import type { PlanFileKey } from '../files';
import { uniqueIds } from './unique-ids';
import { references } from './references';
import { dependencyCycles } from './dependency-cycles';
import { waveDependencies } from './wave-dependencies';
import { cidrs } from './cidrs';
import { flowCidrs } from './flow-cidrs';
import { regions } from './regions';
import { schedule } from './schedule';
import { backupPolicy } from './backup-policy';
import { sizes } from './sizes';
import { landingZoneFields } from './landing-zone-fields';
import { exchangeRates } from './exchange-rates';
import { hybridLink } from './hybrid-link';
import { vpcWideSources } from './vpc-wide-sources';
import { softwareLifecycle } from './software-lifecycle';
import { financeReferences } from './finance-references';
import { accounts } from './accounts';
import { alertTargets } from './alert-targets';

/** A check and the files it reads: it runs when all of those passed the structure pass. */
export interface RegisteredCheck {
  readonly needs: readonly PlanFileKey[];
  readonly check: PlanCheck;
}

const ALL: readonly PlanFileKey[] = ['estate', 'servers', 'databases', 'baseline'];

export const ALL_CHECKS: readonly RegisteredCheck[] = [
  { needs: ALL, check: uniqueIds },
  { needs: ALL, check: references },
  { needs: ['servers', 'databases'], check: dependencyCycles },
  { needs: ['estate', 'servers', 'databases'], check: waveDependencies },
  { needs: ['estate'], check: cidrs },
  { needs: ['estate'], check: hybridLink },
  { needs: ['servers'], check: flowCidrs },
  { needs: ['estate'], check: regions },
  { needs: ['estate'], check: accounts },
  { needs: ['estate'], check: schedule },
  { needs: ['estate'], check: backupPolicy },
  { needs: ['servers', 'databases'], check: sizes },
  { needs: ['servers', 'databases'], check: landingZoneFields },
  { needs: ['estate', 'baseline'], check: exchangeRates },
  { needs: ['estate'], check: financeReferences },
  { needs: ['estate'], check: alertTargets },
];

/** Checks whose findings are warnings: the plan is valid, but someone should decide. */
export const ALL_WARNINGS: readonly RegisteredCheck[] = [
  { needs: ['estate', 'servers'], check: vpcWideSources },
  { needs: ['estate', 'servers', 'databases'], check: softwareLifecycle },
];

/** Every meaning check, in the order they run. */
import type { PlanCheck } from './check';
import { uniqueIds } from './unique-ids';
import { references } from './references';
import { dependencyCycles } from './dependency-cycles';
import { waveDependencies } from './wave-dependencies';
import { cidrs } from './cidrs';
import { regions } from './regions';
import { schedule } from './schedule';
import { backupPolicy } from './backup-policy';
import { sizes } from './sizes';
import { landingZoneFields } from './landing-zone-fields';
import { exchangeRates } from './exchange-rates';

export const ALL_CHECKS: readonly PlanCheck[] = [
  uniqueIds,
  references,
  dependencyCycles,
  waveDependencies,
  cidrs,
  regions,
  schedule,
  backupPolicy,
  sizes,
  landingZoneFields,
  exchangeRates,
];

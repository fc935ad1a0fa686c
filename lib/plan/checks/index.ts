/** Every meaning check, in the order they run. Each is a pure function returning problems. */
import type { PlanCheck } from './check';

export type { PlanCheck } from './check';

export const ALL_CHECKS: readonly PlanCheck[] = [];

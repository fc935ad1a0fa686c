/**
 * Whole-plan checks owned by other capabilities, run by every command that loads a plan (the CLI,
 * the main job, the CDK app), so `plan validate` passes only plans the app can build.
 */
import { landingZoneProblems } from '../compute/landing-zone-problems';
import { entryRouteProblems } from '../estate-model/routes/entry-route';
import type { CapabilityCheck } from '../plan';

export const ESTATE_PLAN_CHECKS: readonly CapabilityCheck[] = [landingZoneProblems, entryRouteProblems];

/**
 * Whole-plan checks owned by other capabilities, run by every command that loads a plan (the CLI,
 * the main job, the CDK app), so `plan validate` passes only plans the app can build.
 */
import { snapshotQuotaWarnings } from '../backup/snapshot-quota';
import { landingZoneProblems } from '../compute/landing-zone-problems';
import { entryRouteProblems } from '../estate-model/routes/entry-route';
import { buildEstateModel, estateModelProblems } from '../estate-model/build-estate-model';
import { illustrativeImageWarnings, type CapabilityCheck } from '../plan';

export const ESTATE_PLAN_CHECKS: readonly CapabilityCheck[] = [
  landingZoneProblems,
  estateModelProblems,
  entryRouteProblems,
];

/** Whole-plan warning checks owned by other capabilities (findings land in `plan.warnings`). */
export const ESTATE_PLAN_WARNINGS: readonly CapabilityCheck[] = [
  (plan) => snapshotQuotaWarnings(buildEstateModel(plan)),
  illustrativeImageWarnings,
];

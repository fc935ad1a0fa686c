/**
 * Whole-plan checks owned by other capabilities, run by every command that loads a plan (the CLI,
 * the main job, the CDK app), so `plan validate` passes only plans the app can build.
 */
import { landingZoneProblems } from '../compute/landing-zone-problems';
import { estateModelProblems } from '../estate-model/build-estate-model';
import type { CapabilityCheck } from '../plan';

export const ESTATE_PLAN_CHECKS: readonly CapabilityCheck[] = [landingZoneProblems, estateModelProblems];

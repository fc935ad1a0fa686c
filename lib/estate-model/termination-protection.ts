import type { PlanApplication } from '../plan/plan';

/**
 * Which servers get EC2 termination protection: those of production applications. Rebuilt and
 * imported servers get it from CloudFormation (lib/compute/migrated-server.ts); servers launched
 * by AWS MGN get it from `migrate adopt` through the EC2 API. Non-production servers stay
 * deletable so test and training estates can be torn down.
 */
export function wantsTerminationProtection(application: Readonly<PlanApplication>): boolean {
  return application.environment === 'production';
}

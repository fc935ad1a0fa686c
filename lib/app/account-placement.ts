import type { PlanProblem } from '../plan/errors';
import { getsLandingZone, type Plan } from '../plan/plan';

/**
 * What the app can place today: the workload stacks (keys, network, access, waves) go to the
 * production account and the recovery vaults to the backup account. A separate non-production
 * account holding landing-zone resources would need its own keys, network and access stacks,
 * which are not built yet, so such a plan is refused rather than silently deployed elsewhere.
 */
export function accountPlacementProblems(plan: Plan): PlanProblem[] {
  const { production, nonProduction } = plan.accounts;
  if (production === nonProduction) return [];
  const nonProd = new Set(plan.applications.filter((a) => a.environment !== 'production').map((a) => a.id));
  const built = [...plan.servers, ...plan.databases].filter(
    (x) => nonProd.has(x.application) && getsLandingZone(x),
  );
  if (built.length === 0) return [];
  return [
    {
      file: 'estate.yaml',
      path: 'accounts.nonProduction',
      message: `a separate non-production account for landing-zone resources (${built
        .slice(0, 3)
        .map((x) => x.id)
        .join(
          ', ',
        )}${built.length > 3 ? ', ...' : ''}) is not built yet; set it to the production account for now`,
      received: JSON.stringify(nonProduction),
      allowed: production,
    },
  ];
}

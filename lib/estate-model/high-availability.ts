/**
 * The one high-availability rule for databases (Multi-AZ: a synchronous standby in a second
 * availability zone):
 *
 * - The application's tier gives the default: gold and silver are Multi-AZ, bronze is single-AZ.
 * - `highAvailability` in databases.yaml may state it: `true` asks for Multi-AZ on any tier (a
 *   bronze database may be made more resilient); `false` on a gold or silver application is a
 *   plan problem, because the tier requires Multi-AZ and nothing is deployed against the tier.
 * - An engine or edition RDS offers no Multi-AZ for (SQL Server Express and Web) is a plan
 *   problem wherever Multi-AZ results, whether the field or the tier asked for it.
 *
 * The stacks, `plan show`, the cost estimate and the sample billing data all read the decision
 * from the estate model; none works it out again.
 */
import type { PlanApplication, PlanDatabase } from '../plan/plan';
import type { Tier } from '../plan/schema';

/** Whether each tier requires Multi-AZ databases. */
export const TIER_REQUIRES_MULTI_AZ: Readonly<Record<Tier, boolean>> = {
  gold: true,
  silver: true,
  bronze: false,
};

export interface HighAvailabilityDecision {
  /** Deployed with a Multi-AZ standby. */
  readonly multiAz: boolean;
  /** `plan` when databases.yaml sets `highAvailability`, `tier` when the tier decided. */
  readonly source: 'plan' | 'tier';
  /** One line a person can check. */
  readonly reason: string;
}

/** A conflict between the plan, the tier and the engine, at a field of the database. */
export interface HighAvailabilityConflict {
  /** Field of the database the problem points at. */
  readonly field: 'highAvailability' | 'edition';
  readonly message: string;
  readonly received: string;
}

/** True unless RDS offers no Multi-AZ for the engine and edition (SQL Server Express and Web). */
export function engineOffersMultiAz(
  db: Pick<PlanDatabase, 'engine'> & { readonly edition?: string },
): boolean {
  return db.engine !== 'sqlserver' || db.edition === 'standard' || db.edition === 'enterprise';
}

function engineLabel(db: PlanDatabase): string {
  return 'edition' in db ? `${db.engine} ${db.edition} edition` : db.engine;
}

/** The decision for one database, or the conflict that makes it impossible. */
export function highAvailabilityFor(
  db: PlanDatabase,
  app: Pick<PlanApplication, 'id' | 'tier'>,
): { readonly decision: HighAvailabilityDecision } | { readonly conflict: HighAvailabilityConflict } {
  const tierWants = TIER_REQUIRES_MULTI_AZ[app.tier];
  const field = db.highAvailability;
  if (field === false && tierWants) {
    return {
      conflict: {
        field: 'highAvailability',
        message:
          `Database "${db.id}": the ${app.tier} tier of application "${app.id}" requires Multi-AZ; ` +
          'remove highAvailability (the tier decides) or move the application to the bronze tier',
        received: 'false',
      },
    };
  }
  const multiAz = field ?? tierWants;
  if (multiAz && !engineOffersMultiAz(db)) {
    return field === true
      ? {
          conflict: {
            field: 'highAvailability',
            message:
              `Database "${db.id}": RDS offers no Multi-AZ for ${engineLabel(db)}, so high availability cannot be met; ` +
              'choose an edition that supports it (SQL Server standard or enterprise), or set highAvailability: false and record the decision',
            received: 'true',
          },
        }
      : {
          conflict: {
            field: 'edition',
            message:
              `Database "${db.id}": the ${app.tier} tier of application "${app.id}" requires Multi-AZ, but RDS offers none for ${engineLabel(db)}; ` +
              'choose an edition that supports it (SQL Server standard or enterprise), or move the application to the bronze tier',
            received: JSON.stringify('edition' in db ? db.edition : db.engine),
          },
        };
  }
  const mode = multiAz ? 'Multi-AZ' : 'single-AZ';
  const reason =
    field === undefined
      ? `${app.tier} tier: ${mode} (highAvailability not set, so the tier decides)`
      : field === tierWants
        ? `highAvailability: ${field} and the ${app.tier} tier agree: ${mode}`
        : `highAvailability: true in the plan: ${mode} (the ${app.tier} tier alone would be single-AZ)`;
  return { decision: { multiAz, source: field === undefined ? 'tier' : 'plan', reason } };
}

/**
 * Right-sizing of one database onto an RDS class valid for its engine and edition. Pure.
 *
 * Databases carry no utilisation data in the plan, so the on-premises vCPU and memory are kept.
 * Small non-production databases (up to 2 vCPU and 8 GiB) go on burstable db.t3 (SQL Server,
 * Oracle) or db.t4g (open-source engines); SQL Server Express runs only on db.t3. Everything
 * else goes on the smallest size with enough vCPU in the general-purpose family, or the
 * memory-optimised one when memory needs it. The plan's `instanceClass` always wins.
 */
import type { PlanApplication, PlanDatabase } from '../plan/plan';
import { AUTO_SIZES } from './private/catalogue-builder';
import { covers, describe, pickBurstable, pickBySizeThenFamily, sizesUpTo } from './private/pick';
import { findRdsInstanceSpec } from './rds-catalogue';
import { engineClassRule } from './rds-engine-classes';
import { SizingError, type DatabaseSizingDecision } from './sizing-decision';

/** Largest database that counts as "small" for burstable classes outside production. */
export const SMALL_DATABASE = { vcpu: 2, memoryGiB: 8 } as const;

/**
 * Chooses the RDS class for a landing-zone database.
 * @throws SizingError when no class valid for the engine and edition holds it and no
 *   `instanceClass` is set
 */
export function rightSizeDatabase(
  db: Pick<PlanDatabase, 'id' | 'engine' | 'vcpu' | 'memoryGiB' | 'instanceClass'> & {
    readonly edition?: string;
    readonly licence?: string;
  },
  app: Pick<PlanApplication, 'id' | 'environment'>,
): DatabaseSizingDecision {
  const rule = engineClassRule(db);
  const needed = { vcpu: db.vcpu, memoryGiB: db.memoryGiB };
  const basis = `${rule.label}, on-premises ${db.vcpu} vCPU / ${db.memoryGiB} GiB kept (no utilisation data for databases)`;

  if (db.instanceClass) {
    const spec = findRdsInstanceSpec(db.instanceClass);
    const allowed =
      spec &&
      (rule.families.includes(spec.family) ||
        (spec.family === rule.burstableFamily && rule.burstableSizes.includes(spec.size)));
    const note = !spec
      ? '; note: class not in the sizing catalogue, so it is not checked or priced from it'
      : !allowed
        ? `; note: ${spec.name} is outside the classes sizing uses for ${rule.label}, check RDS offers it`
        : !covers(spec, needed)
          ? `; note: ${describe(spec)} is below the on-premises allocation`
          : '';
    return {
      instanceClass: db.instanceClass,
      overridden: true,
      needed,
      reason: `instanceClass ${db.instanceClass} set in the plan (override); ${basis}${note}`,
    };
  }

  const small = needed.vcpu <= SMALL_DATABASE.vcpu && needed.memoryGiB <= SMALL_DATABASE.memoryGiB;
  if (rule.burstableOnly || (app.environment === 'non-production' && small)) {
    const t = pickBurstable(findRdsInstanceSpec, rule.burstableFamily, rule.burstableSizes, needed);
    if (t) {
      const why = rule.burstableOnly
        ? `${rule.label} runs on db.t3 classes only`
        : 'small non-production database';
      return {
        instanceClass: t.name,
        overridden: false,
        needed,
        reason: `${basis}; ${why} -> ${describe(t)}`,
      };
    }
    if (rule.burstableOnly) {
      throw new SizingError(
        `Database "${db.id}" needs ${db.vcpu} vCPU / ${db.memoryGiB} GiB but ${rule.label} runs only on ` +
          `db.t3.small..db.t3.xlarge (4 vCPU, 16 GiB). Use another edition, or set "instanceClass" in databases.yaml.`,
      );
    }
  }

  const spec = pickBySizeThenFamily(
    findRdsInstanceSpec,
    rule.families,
    sizesUpTo(AUTO_SIZES, rule.maxSize).slice(rule.minSize ? AUTO_SIZES.indexOf(rule.minSize) : 0),
    needed,
  );
  if (!spec) {
    throw new SizingError(
      `Database "${db.id}" needs ${db.vcpu} vCPU / ${db.memoryGiB} GiB, more than the largest class sizing ` +
        `picks for ${rule.label} (${rule.families.join('/')} up to ${rule.maxSize}). ` +
        'Set "instanceClass" for it in databases.yaml.',
    );
  }
  return { instanceClass: spec.name, overridden: false, needed, reason: `${basis}; ${describe(spec)}` };
}

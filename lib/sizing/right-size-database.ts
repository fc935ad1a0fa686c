/**
 * Right-sizing of one database onto an RDS class valid for its engine and edition. Pure.
 *
 * Databases carry no utilisation data in the plan, so the on-premises vCPU and memory are kept.
 * Candidates: every size of the engine's general-purpose and memory-optimised families within its
 * edition limits (12xlarge included), plus, for small non-production databases (up to 2 vCPU and
 * 8 GiB), the burstable db.t3 (SQL Server, Oracle) or db.t4g (open-source engines) sizes; SQL
 * Server Express runs only on db.t3. The choice is the cheapest candidate that covers the need at
 * the engine's single-AZ on-demand list price in the bundled snapshot (Multi-AZ doubles every
 * price, so the order is the same). The plan's `instanceClass` always wins.
 */
import type { PlanApplication, PlanDatabase } from '../plan/plan';
import type { InstanceSpec } from './instance-spec';
import { rdsPriceKeyFor, rdsRankPrice } from './price-rank';
import { SIZE_VCPU } from './private/catalogue-builder';
import { cheapestCovering, covers, describe } from './private/pick';
import { findRdsInstanceSpec, RDS_INSTANCE_CLASSES } from './rds-catalogue';
import { engineClassRule, type EngineClassRule } from './rds-engine-classes';
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
  const burstable = burstableClasses(rule);
  const candidates = rule.burstableOnly
    ? burstable
    : [...steadyClasses(rule), ...(app.environment === 'non-production' && small ? burstable : [])];
  // Oracle Enterprise licence-included is not sold (the landing-zone checks refuse it); rank it at
  // the bring-your-own rate, the only one RDS offers for it.
  const priceKey = rdsPriceKeyFor(db.engine, db.edition, db.licence ?? 'aws-licence-included') ?? 'byol';
  const spec = cheapestCovering(
    candidates,
    needed,
    (c) => rdsRankPrice(c.name, priceKey),
    (c) =>
      new SizingError(
        `No ${priceKey} price for ${c.name} in lib/sizing/prices/eu-west-2.json: refresh it with "cost refresh-prices"`,
      ),
  );
  if (!spec) {
    if (rule.burstableOnly) {
      throw new SizingError(
        `Database "${db.id}" needs ${db.vcpu} vCPU / ${db.memoryGiB} GiB but ${rule.label} runs only on ` +
          `db.t3.small..db.t3.xlarge (4 vCPU, 16 GiB). Use another edition, or set "instanceClass" in databases.yaml.`,
      );
    }
    throw new SizingError(
      `Database "${db.id}" needs ${db.vcpu} vCPU / ${db.memoryGiB} GiB, more than the largest class sizing ` +
        `picks for ${rule.label} (${rule.families.join('/')} up to ${rule.maxSize}). ` +
        'Set "instanceClass" for it in databases.yaml.',
    );
  }
  if (spec.burstable) {
    const why = rule.burstableOnly
      ? `${rule.label} runs on db.t3 classes only`
      : 'small non-production database';
    return {
      instanceClass: spec.name,
      overridden: false,
      needed,
      reason: `${basis}; ${why} -> ${describe(spec)}`,
    };
  }
  return { instanceClass: spec.name, overridden: false, needed, reason: `${basis}; ${describe(spec)}` };
}

/** The engine's general-purpose and memory-optimised classes within its edition limits. */
function steadyClasses(rule: EngineClassRule): InstanceSpec[] {
  const min = rule.minSize ? SIZE_VCPU[rule.minSize]! : 0;
  const max = SIZE_VCPU[rule.maxSize]!;
  return RDS_INSTANCE_CLASSES.filter(
    (c) => rule.families.includes(c.family) && !c.burstable && c.vcpu >= min && c.vcpu <= max,
  );
}

function burstableClasses(rule: EngineClassRule): InstanceSpec[] {
  return rule.burstableSizes.map((size) => findRdsInstanceSpec(`${rule.burstableFamily}.${size}`)!);
}

/** Every class right-sizing may pick for an engine and edition (for checks against what RDS offers). */
export function classesSizingMayPick(
  db: Pick<PlanDatabase, 'engine'> & { readonly edition?: string; readonly licence?: string },
): string[] {
  const rule = engineClassRule(db);
  return [...(rule.burstableOnly ? [] : steadyClasses(rule)), ...burstableClasses(rule)].map((c) => c.name);
}

/**
 * Properties of right-sizing. Sizing picks the cheapest allowed type that covers the need, over
 * every size of the allowed families (12xlarge, 24xlarge, 48xlarge included). So a bigger need
 * never gets a CHEAPER type (the set of covering types only shrinks), but it can get one with fewer
 * vCPU and more memory: 45 vCPU / 100 GiB gets m7i.12xlarge (48 vCPU, 192 GiB) while 49 vCPU /
 * 100 GiB gets c7i.16xlarge (64 vCPU, 128 GiB). The monotonic properties are therefore stated in
 * price; "never a smaller type" held only while sizes doubled (large..16xlarge).
 */
import fc from 'fast-check';
import {
  EC2_INSTANCE_TYPES,
  ec2InstanceSpec,
  ec2RankPrice,
  engineClassRule,
  HEADROOM_PERCENT,
  RDS_INSTANCE_CLASSES,
  rdsInstanceSpec,
  rdsPriceKeyFor,
  rdsRankPrice,
  rightSizeDatabase,
  rightSizeServer,
  type InstanceSpec,
} from '../../lib/sizing';

type Env = 'production' | 'non-production';
type Os = 'linux' | 'windows';
const env = fc.constantFrom<Env>('production', 'non-production');
const osFamily = fc.constantFrom<Os>('linux', 'windows');
// Percentages with one decimal place, as monitoring exports them.
const percent = fc.integer({ min: 0, max: 1000 }).map((n) => n / 10);
const utilisation = fc.option(fc.record({ cpuP95Percent: percent, memoryP95Percent: percent }), {
  nil: undefined,
});
// Up to beyond the largest types sizing picks (192 vCPU, 1536 GiB), so refusals are exercised too.
const vcpu = fc.integer({ min: 1, max: 256 });
// Memory in half-GiB steps up to 2048 GiB.
const memory = fc.integer({ min: 1, max: 4096 }).map((n) => n / 2);

interface ServerInput {
  vcpu: number;
  memoryGiB: number;
  utilisation?: { cpuP95Percent: number; memoryP95Percent: number };
}

/** The chosen spec, or undefined when right-sizing refuses (too big for the catalogue). */
function serverSpec(s: ServerInput, e: Env, os: Os = 'linux'): InstanceSpec | undefined {
  try {
    return ec2InstanceSpec(
      rightSizeServer({ id: 'srv', ...s, os: { family: os } }, { id: 'app', environment: e }).instanceType,
    );
  } catch (err) {
    if ((err as Error).name === 'SizingError') return undefined;
    throw err;
  }
}

/** Hourly list price; a refusal (too big) counts as dearer than anything. */
function ec2Price(spec: InstanceSpec | undefined, os: Os): number {
  return spec === undefined ? Infinity : ec2RankPrice(spec.name, os)!;
}

/** B is not cheaper than A (undefined = refused, dearer than any type). */
function notCheaper(a: number, b: number): boolean {
  return b >= a;
}

const RUNS = { numRuns: 2000 };

describe('rightSizeServer properties', () => {
  test('no allowed type is cheaper than the chosen one and covers the need', () => {
    const steady = EC2_INSTANCE_TYPES.filter((t) => ['c7i', 'm7i', 'r7i'].includes(t.family));
    const t3 = ['small', 'medium', 'large', 'xlarge', '2xlarge'].map((size) => ec2InstanceSpec(`t3.${size}`));
    fc.assert(
      fc.property(vcpu, memory, utilisation, env, osFamily, (v, m, u, e, os) => {
        const spec = serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, e, os);
        const chosen = ec2Price(spec, os);
        const factor = 1 + HEADROOM_PERCENT / 100;
        const need = {
          vcpu: u ? ((v * u.cpuP95Percent) / 100) * factor : v,
          memoryGiB: u ? ((m * u.memoryP95Percent) / 100) * factor : m,
        };
        const p95 = u ? (v * u.cpuP95Percent) / 100 : undefined;
        const allowed = [
          ...steady,
          ...(e === 'non-production' && p95 !== undefined
            ? t3.filter((t) => p95 <= t.vcpu * t.baselineCpuFraction + 1e-9)
            : []),
        ];
        const covers = (t: InstanceSpec) =>
          t.vcpu >= need.vcpu - 1e-9 && t.memoryGiB >= need.memoryGiB - 1e-9;
        return allowed.every((t) => !covers(t) || ec2Price(t, os) >= chosen);
      }),
      RUNS,
    );
  });

  test('more vCPU, other inputs fixed, never gives a cheaper type', () => {
    fc.assert(
      fc.property(
        vcpu,
        fc.integer({ min: 1, max: 64 }),
        memory,
        utilisation,
        env,
        osFamily,
        (v, extra, m, u, e, os) =>
          notCheaper(
            ec2Price(serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, e, os), os),
            ec2Price(serverSpec({ vcpu: v + extra, memoryGiB: m, utilisation: u }, e, os), os),
          ),
      ),
      RUNS,
    );
  });

  test('more memory, other inputs fixed, never gives a cheaper type', () => {
    fc.assert(
      fc.property(
        vcpu,
        memory,
        fc.integer({ min: 1, max: 512 }),
        utilisation,
        env,
        osFamily,
        (v, m, extra, u, e, os) =>
          notCheaper(
            ec2Price(serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, e, os), os),
            ec2Price(serverSpec({ vcpu: v, memoryGiB: m + extra / 2, utilisation: u }, e, os), os),
          ),
      ),
      RUNS,
    );
  });

  test('higher p95 utilisation, other inputs fixed, never gives a cheaper type', () => {
    fc.assert(
      fc.property(vcpu, memory, percent, percent, percent, percent, env, (v, m, c1, c2, m1, m2, e) => {
        const low = { cpuP95Percent: Math.min(c1, c2), memoryP95Percent: Math.min(m1, m2) };
        const high = { cpuP95Percent: Math.max(c1, c2), memoryP95Percent: Math.max(m1, m2) };
        return notCheaper(
          ec2Price(serverSpec({ vcpu: v, memoryGiB: m, utilisation: low }, e), 'linux'),
          ec2Price(serverSpec({ vcpu: v, memoryGiB: m, utilisation: high }, e), 'linux'),
        );
      }),
      RUNS,
    );
  });

  test('the chosen type covers the measured need plus headroom (or the allocation without data)', () => {
    fc.assert(
      fc.property(vcpu, memory, utilisation, env, (v, m, u, e) => {
        const spec = serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, e);
        if (!spec) return true;
        const factor = 1 + HEADROOM_PERCENT / 100;
        const needV = u ? ((v * u.cpuP95Percent) / 100) * factor : v;
        const needM = u ? ((m * u.memoryP95Percent) / 100) * factor : m;
        return spec.vcpu >= needV - 1e-9 && spec.memoryGiB >= needM - 1e-9;
      }),
      RUNS,
    );
  });

  test('refuses only servers that no auto-sized type could hold', () => {
    fc.assert(
      fc.property(vcpu, memory, utilisation, env, (v, m, u, e) => {
        if (serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, e)) return true;
        const factor = 1 + HEADROOM_PERCENT / 100;
        const needV = u ? ((v * u.cpuP95Percent) / 100) * factor : v;
        const needM = u ? ((m * u.memoryP95Percent) / 100) * factor : m;
        return needV > 192 || needM > 1536;
      }),
      RUNS,
    );
  });

  test('the plan override always wins', () => {
    const instanceType = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}\.[a-z0-9]{1,10}$/);
    fc.assert(
      fc.property(vcpu, memory, utilisation, env, instanceType, (v, m, u, e, t) => {
        const d = rightSizeServer(
          { id: 'srv', vcpu: v, memoryGiB: m, utilisation: u, instanceType: t },
          { id: 'app', environment: e },
        );
        return (
          d.instanceType === t &&
          d.overridden &&
          d.reason.startsWith(`instanceType ${t} set in the plan (override)`)
        );
      }),
      RUNS,
    );
  });

  test('burstable types are never chosen for production', () => {
    fc.assert(
      fc.property(vcpu, memory, utilisation, (v, m, u) => {
        const spec = serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, 'production');
        return spec === undefined || !spec.burstable;
      }),
      RUNS,
    );
  });

  test('burstable types are chosen only with utilisation data, within the credit baseline', () => {
    fc.assert(
      fc.property(vcpu, memory, utilisation, (v, m, u) => {
        const spec = serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, 'non-production');
        if (!spec?.burstable) return true;
        return u !== undefined && (v * u.cpuP95Percent) / 100 <= spec.vcpu * spec.baselineCpuFraction + 1e-9;
      }),
      RUNS,
    );
  });
});

const engineEdition = fc.constantFrom(
  { engine: 'sqlserver' as const, edition: 'express' },
  { engine: 'sqlserver' as const, edition: 'web' },
  { engine: 'sqlserver' as const, edition: 'standard' },
  { engine: 'sqlserver' as const, edition: 'enterprise' },
  { engine: 'oracle' as const, edition: 'standard-2' },
  { engine: 'oracle' as const, edition: 'standard-2', licence: 'bring-your-own' },
  { engine: 'oracle' as const, edition: 'enterprise' },
  { engine: 'postgresql' as const, edition: undefined },
  { engine: 'mysql' as const, edition: undefined },
  { engine: 'mariadb' as const, edition: undefined },
);
const dbVcpu = fc.integer({ min: 1, max: 96 });
const dbMemory = fc.integer({ min: 1, max: 1536 }).map((n) => n / 2);
type EngineEdition = {
  engine: 'sqlserver' | 'oracle' | 'postgresql' | 'mysql' | 'mariadb';
  edition: string | undefined;
  licence?: string;
};

function dbSpec(ee: EngineEdition, v: number, m: number, e: Env): InstanceSpec | undefined {
  try {
    return rdsInstanceSpec(
      rightSizeDatabase({ id: 'db', ...ee, vcpu: v, memoryGiB: m }, { id: 'app', environment: e })
        .instanceClass,
    );
  } catch (err) {
    if ((err as Error).name === 'SizingError') return undefined;
    throw err;
  }
}

/** The snapshot price key sizing ranks a database's classes by. */
function dbPrice(ee: EngineEdition, spec: InstanceSpec | undefined): number {
  const key = rdsPriceKeyFor(ee.engine, ee.edition, ee.licence ?? 'aws-licence-included') ?? 'byol';
  return spec === undefined ? Infinity : rdsRankPrice(spec.name, key)!;
}

describe('rightSizeDatabase properties', () => {
  test('no allowed class is cheaper than the chosen one and covers the allocation', () => {
    fc.assert(
      fc.property(engineEdition, dbVcpu, dbMemory, env, (ee, v, m, e) => {
        const rule = engineClassRule(ee);
        const bound = (size: string) => rdsInstanceSpec(`${rule.families[0] ?? 'db.m6i'}.${size}`).vcpu;
        const min = rule.minSize ? bound(rule.minSize) : 0;
        const max = bound(rule.maxSize);
        const burstable = rule.burstableSizes.map((size) =>
          rdsInstanceSpec(`${rule.burstableFamily}.${size}`),
        );
        const small = v <= 2 && m <= 8;
        const allowed = rule.burstableOnly
          ? burstable
          : [
              ...RDS_INSTANCE_CLASSES.filter(
                (c) => rule.families.includes(c.family) && c.vcpu >= min && c.vcpu <= max,
              ),
              ...(e === 'non-production' && small ? burstable : []),
            ];
        const chosen = dbPrice(ee, dbSpec(ee, v, m, e));
        return allowed.every((c) => c.vcpu < v || c.memoryGiB < m || dbPrice(ee, c) >= chosen);
      }),
      RUNS,
    );
  });

  test('more vCPU or more memory never gives a cheaper class', () => {
    fc.assert(
      fc.property(
        engineEdition,
        dbVcpu,
        dbMemory,
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 256 }),
        env,
        (ee, v, m, dv, dm, e) =>
          notCheaper(dbPrice(ee, dbSpec(ee, v, m, e)), dbPrice(ee, dbSpec(ee, v + dv, m + dm / 2, e))),
      ),
      RUNS,
    );
  });

  test('the chosen class covers the on-premises allocation and is valid for the engine and edition', () => {
    fc.assert(
      fc.property(engineEdition, dbVcpu, dbMemory, env, (ee, v, m, e) => {
        const spec = dbSpec(ee, v, m, e);
        if (!spec) return true;
        const rule = engineClassRule(ee);
        const valid =
          rule.families.includes(spec.family) ||
          (spec.family === rule.burstableFamily && rule.burstableSizes.includes(spec.size));
        return valid && spec.vcpu >= v && spec.memoryGiB >= m;
      }),
      RUNS,
    );
  });

  test('burstable classes are never chosen for production, except SQL Server Express which RDS runs only on db.t3', () => {
    fc.assert(
      fc.property(engineEdition, dbVcpu, dbMemory, (ee, v, m) => {
        const spec = dbSpec(ee, v, m, 'production');
        return spec === undefined || !spec.burstable || ee.edition === 'express';
      }),
      RUNS,
    );
  });

  test('the plan override always wins', () => {
    const instanceClass = fc.stringMatching(/^db\.[a-z0-9]{1,6}\.[a-z0-9]{1,10}$/);
    fc.assert(
      fc.property(engineEdition, dbVcpu, dbMemory, env, instanceClass, (ee, v, m, e, c) => {
        const d = rightSizeDatabase(
          { id: 'db', ...ee, vcpu: v, memoryGiB: m, instanceClass: c },
          { id: 'app', environment: e },
        );
        return d.instanceClass === c && d.overridden;
      }),
      RUNS,
    );
  });
});

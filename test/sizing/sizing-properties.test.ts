import fc from 'fast-check';
import {
  ec2InstanceSpec,
  engineClassRule,
  HEADROOM_PERCENT,
  rdsInstanceSpec,
  rightSizeDatabase,
  rightSizeServer,
  type InstanceSpec,
} from '../../lib/sizing';

type Env = 'production' | 'non-production';
const env = fc.constantFrom<Env>('production', 'non-production');
// Percentages with one decimal place, as monitoring exports them.
const percent = fc.integer({ min: 0, max: 1000 }).map((n) => n / 10);
const utilisation = fc.option(fc.record({ cpuP95Percent: percent, memoryP95Percent: percent }), {
  nil: undefined,
});
const vcpu = fc.integer({ min: 1, max: 96 });
// Memory in half-GiB steps up to 768 GiB.
const memory = fc.integer({ min: 1, max: 1536 }).map((n) => n / 2);

interface ServerInput {
  vcpu: number;
  memoryGiB: number;
  utilisation?: { cpuP95Percent: number; memoryP95Percent: number };
}

/** The chosen spec, or undefined when right-sizing refuses (too big for the catalogue). */
function serverSpec(s: ServerInput, e: Env): InstanceSpec | undefined {
  try {
    return ec2InstanceSpec(rightSizeServer({ id: 'srv', ...s }, { id: 'app', environment: e }).instanceType);
  } catch (err) {
    if ((err as Error).name === 'SizingError') return undefined;
    throw err;
  }
}

/** B is not smaller than A: at least as many vCPU and at least as much memory (undefined = too big). */
function notSmaller(a: InstanceSpec | undefined, b: InstanceSpec | undefined): boolean {
  if (b === undefined) return true;
  if (a === undefined) return false;
  return b.vcpu >= a.vcpu && b.memoryGiB >= a.memoryGiB;
}

const RUNS = { numRuns: 2000 };

describe('rightSizeServer properties', () => {
  test('more vCPU, other inputs fixed, never gives a smaller type', () => {
    fc.assert(
      fc.property(vcpu, fc.integer({ min: 1, max: 64 }), memory, utilisation, env, (v, extra, m, u, e) =>
        notSmaller(
          serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, e),
          serverSpec({ vcpu: v + extra, memoryGiB: m, utilisation: u }, e),
        ),
      ),
      RUNS,
    );
  });

  test('more memory, other inputs fixed, never gives a smaller type', () => {
    fc.assert(
      fc.property(vcpu, memory, fc.integer({ min: 1, max: 512 }), utilisation, env, (v, m, extra, u, e) =>
        notSmaller(
          serverSpec({ vcpu: v, memoryGiB: m, utilisation: u }, e),
          serverSpec({ vcpu: v, memoryGiB: m + extra / 2, utilisation: u }, e),
        ),
      ),
      RUNS,
    );
  });

  test('higher p95 utilisation, other inputs fixed, never gives a smaller type', () => {
    fc.assert(
      fc.property(vcpu, memory, percent, percent, percent, percent, env, (v, m, c1, c2, m1, m2, e) =>
        notSmaller(
          serverSpec(
            {
              vcpu: v,
              memoryGiB: m,
              utilisation: { cpuP95Percent: Math.min(c1, c2), memoryP95Percent: Math.min(m1, m2) },
            },
            e,
          ),
          serverSpec(
            {
              vcpu: v,
              memoryGiB: m,
              utilisation: { cpuP95Percent: Math.max(c1, c2), memoryP95Percent: Math.max(m1, m2) },
            },
            e,
          ),
        ),
      ),
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
        return needV > 64 || needM > 512;
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

describe('rightSizeDatabase properties', () => {
  test('more vCPU or more memory never gives a smaller class', () => {
    fc.assert(
      fc.property(
        engineEdition,
        vcpu,
        memory,
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 256 }),
        env,
        (ee, v, m, dv, dm, e) => notSmaller(dbSpec(ee, v, m, e), dbSpec(ee, v + dv, m + dm / 2, e)),
      ),
      RUNS,
    );
  });

  test('the chosen class covers the on-premises allocation and is valid for the engine and edition', () => {
    fc.assert(
      fc.property(engineEdition, vcpu, memory, env, (ee, v, m, e) => {
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
      fc.property(engineEdition, vcpu, memory, (ee, v, m) => {
        const spec = dbSpec(ee, v, m, 'production');
        return spec === undefined || !spec.burstable || ee.edition === 'express';
      }),
      RUNS,
    );
  });

  test('the plan override always wins', () => {
    const instanceClass = fc.stringMatching(/^db\.[a-z0-9]{1,6}\.[a-z0-9]{1,10}$/);
    fc.assert(
      fc.property(engineEdition, vcpu, memory, env, instanceClass, (ee, v, m, e, c) => {
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

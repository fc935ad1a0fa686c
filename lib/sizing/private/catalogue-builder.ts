import type { InstanceSpec } from '../instance-spec';

/** vCPU count of each size name for current Intel/AMD/Graviton families (large = 2 vCPU). */
export const SIZE_VCPU: Readonly<Record<string, number>> = {
  large: 2,
  xlarge: 4,
  '2xlarge': 8,
  '4xlarge': 16,
  '8xlarge': 32,
  '12xlarge': 48,
  '16xlarge': 64,
  '24xlarge': 96,
  '32xlarge': 128,
  '48xlarge': 192,
};

export interface FixedRatioFamily {
  readonly family: string;
  readonly memoryPerVcpu: number;
  readonly sizes: readonly string[];
  readonly processor: InstanceSpec['processor'];
}

export function fixedRatioSpecs(f: FixedRatioFamily): InstanceSpec[] {
  return f.sizes.map((size) => {
    const vcpu = SIZE_VCPU[size];
    if (vcpu === undefined) throw new Error(`catalogue: unknown size "${size}" for ${f.family}`);
    return {
      name: `${f.family}.${size}`,
      family: f.family,
      size,
      vcpu,
      memoryGiB: vcpu * f.memoryPerVcpu,
      burstable: false,
      baselineCpuFraction: 1,
      memoryPerVcpu: f.memoryPerVcpu,
      processor: f.processor,
    };
  });
}

/** Burstable sizes: [size, vCPU, memory GiB, baseline fraction of all vCPUs]. Same for t3, t3a, t4g. */
const BURSTABLE_SIZES: readonly (readonly [string, number, number, number])[] = [
  ['nano', 2, 0.5, 0.05],
  ['micro', 2, 1, 0.1],
  ['small', 2, 2, 0.2],
  ['medium', 2, 4, 0.2],
  ['large', 2, 8, 0.3],
  ['xlarge', 4, 16, 0.4],
  ['2xlarge', 8, 32, 0.4],
];

/** Burstable specs of a family; `smallest` drops sizes below it (RDS has no db.t3.nano / db.t4g.nano). */
export function burstableSpecs(
  family: string,
  processor: InstanceSpec['processor'],
  smallest = 'nano',
): InstanceSpec[] {
  const from = BURSTABLE_SIZES.findIndex(([size]) => size === smallest);
  if (from < 0) throw new Error(`catalogue: unknown burstable size "${smallest}"`);
  return BURSTABLE_SIZES.slice(from).map(([size, vcpu, memoryGiB, baselineCpuFraction]) => ({
    name: `${family}.${size}`,
    family,
    size,
    vcpu,
    memoryGiB,
    burstable: true,
    baselineCpuFraction,
    memoryPerVcpu: memoryGiB / vcpu,
    processor,
  }));
}

export interface Catalogue {
  /** Every spec, in catalogue order. */
  readonly all: readonly InstanceSpec[];
  /** The spec by name, or undefined when the catalogue does not know it. */
  find(name: string): InstanceSpec | undefined;
  /** The spec by name; throws a clear error naming the known families and the file to extend. */
  get(name: string): InstanceSpec;
}

/**
 * A frozen catalogue of specs by name. `what` names an entry in messages (e.g. "EC2 instance
 * type"), `file` is where a missing entry would be added.
 */
export function catalogue(what: string, file: string, specs: readonly InstanceSpec[]): Catalogue {
  const byName = new Map<string, InstanceSpec>();
  for (const s of specs) byName.set(s.name, Object.freeze(s));
  const all = [...byName.values()];
  return {
    all,
    find: (name) => byName.get(name),
    get: (name) => {
      const spec = byName.get(name);
      if (spec) return spec;
      const families = [...new Set(all.map((s) => s.family))].join(', ');
      throw new Error(
        `${what} "${name}" is not in the sizing catalogue (families: ${families}). ` +
          `Use one of these in the plan, or add it to ${file}.`,
      );
    },
  };
}

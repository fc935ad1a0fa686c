import type { InstanceSpec } from '../instance-spec';
import type { SizingNeed } from '../sizing-decision';

export function covers(spec: InstanceSpec, need: SizingNeed): boolean {
  return spec.vcpu >= need.vcpu && spec.memoryGiB >= need.memoryGiB;
}

/**
 * Steady-workload choice: walk sizes from small to large; at the first size with enough vCPU,
 * take the leanest family (by memory per vCPU) with enough memory. `families` lists family names
 * leanest first; `sizes` lists size names smallest first.
 */
export function pickBySizeThenFamily(
  find: (name: string) => InstanceSpec | undefined,
  families: readonly string[],
  sizes: readonly string[],
  need: SizingNeed,
): InstanceSpec | undefined {
  for (const size of sizes) {
    for (const family of families) {
      const spec = find(`${family}.${size}`);
      if (spec && covers(spec, need)) return spec;
    }
  }
  return undefined;
}

/** The first (smallest) burstable size that covers the need. */
export function pickBurstable(
  find: (name: string) => InstanceSpec | undefined,
  family: string,
  sizes: readonly string[],
  need: SizingNeed,
): InstanceSpec | undefined {
  for (const size of sizes) {
    const spec = find(`${family}.${size}`);
    if (spec && covers(spec, need)) return spec;
  }
  return undefined;
}

export function describe(spec: InstanceSpec): string {
  return `${spec.name} (${spec.vcpu} vCPU, ${spec.memoryGiB} GiB)`;
}

export function sizesUpTo(sizes: readonly string[], max: string): readonly string[] {
  const i = sizes.indexOf(max);
  return i < 0 ? sizes : sizes.slice(0, i + 1);
}

import type { InstanceSpec } from '../instance-spec';
import type { SizingNeed } from '../sizing-decision';

export function covers(spec: InstanceSpec, need: SizingNeed): boolean {
  return spec.vcpu >= need.vcpu && spec.memoryGiB >= need.memoryGiB;
}

/**
 * The cheapest candidate that covers the need, by `price` (ties: fewer vCPU, then less memory, then
 * name, so the answer never depends on list order). `price` returns undefined for a candidate the
 * price list does not hold; `unpriced` turns that into the error to throw (a gap in the data must
 * not silently narrow the choice).
 */
export function cheapestCovering(
  candidates: readonly InstanceSpec[],
  need: SizingNeed,
  price: (spec: InstanceSpec) => number | undefined,
  unpriced: (spec: InstanceSpec) => Error,
): InstanceSpec | undefined {
  let best: { spec: InstanceSpec; price: number } | undefined;
  for (const spec of candidates) {
    if (!covers(spec, need)) continue;
    const p = price(spec);
    if (p === undefined) throw unpriced(spec);
    if (!best || cheaper({ spec, price: p }, best)) best = { spec, price: p };
  }
  return best?.spec;
}

function cheaper(
  a: { spec: InstanceSpec; price: number },
  b: { spec: InstanceSpec; price: number },
): boolean {
  return (
    (a.price - b.price ||
      a.spec.vcpu - b.spec.vcpu ||
      a.spec.memoryGiB - b.spec.memoryGiB ||
      (a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0)) < 0
  );
}

export function describe(spec: InstanceSpec): string {
  return `${spec.name} (${spec.vcpu} vCPU, ${spec.memoryGiB} GiB)`;
}

/**
 * Right-sizing of one server onto a current-generation EC2 type. Pure: same inputs, same answer.
 *
 * - Need: p95 utilisation plus headroom when measured, else the on-premises allocation.
 * - Candidates: every size of c7i, m7i and r7i in the catalogue (large up to 48xlarge, 12xlarge and
 *   24xlarge included) and, for non-production applications with measured utilisation, the
 *   burstable t3 sizes whose credit baseline holds the sustained p95 CPU.
 * - The choice: the cheapest candidate that covers the need, at the on-demand list price for the
 *   server's OS in the bundled price snapshot (lib/sizing/prices). So a bigger need never gets a
 *   cheaper type, but it may get one with fewer vCPU and more memory (a property test checks both).
 * - The plan's `instanceType` always wins.
 */
import type { PlanApplication, PlanServer } from '../plan/plan';
import {
  EC2_BURSTABLE_FAMILY,
  EC2_INSTANCE_TYPES,
  EC2_SIZING_FAMILIES,
  findEc2InstanceSpec,
} from './ec2-catalogue';
import { serverNeed } from './headroom';
import type { InstanceSpec } from './instance-spec';
import { ec2RankPrice } from './price-rank';
import { cheapestCovering, describe } from './private/pick';
import { SizingError, type SizingDecision } from './sizing-decision';

/** Burstable sizes servers may get (nano and micro are too small for a migrated server). */
export const EC2_BURSTABLE_SIZES: readonly string[] = ['small', 'medium', 'large', 'xlarge', '2xlarge'];

/** Every steady (non-burstable) type right-sizing may choose for a server. */
export const EC2_STEADY_CANDIDATES: readonly InstanceSpec[] = EC2_INSTANCE_TYPES.filter((s) =>
  EC2_SIZING_FAMILIES.includes(s.family),
);

/**
 * Chooses the EC2 type for a landing-zone server.
 * @throws SizingError when no candidate covers the need and no `instanceType` is set
 */
export function rightSizeServer(
  server: Pick<PlanServer, 'id' | 'vcpu' | 'memoryGiB' | 'utilisation' | 'instanceType'> & {
    /** Prices differ by OS (Windows carries a per-vCPU licence). @default linux */
    readonly os?: { readonly family: 'windows' | 'linux' };
  },
  app: Pick<PlanApplication, 'id' | 'environment'>,
): SizingDecision {
  const need = serverNeed(server);
  const needed = { vcpu: need.vcpu, memoryGiB: need.memoryGiB };
  const os = server.os?.family ?? 'linux';

  if (server.instanceType) {
    const spec = findEc2InstanceSpec(server.instanceType);
    const fit = spec
      ? spec.vcpu >= need.vcpu && spec.memoryGiB >= need.memoryGiB
        ? ''
        : `; note: ${describe(spec)} is below the ${need.vcpu} vCPU / ${need.memoryGiB} GiB needed`
      : '; note: type not in the sizing catalogue, so it is not checked or priced from it';
    return {
      instanceType: server.instanceType,
      overridden: true,
      needed,
      reason: `instanceType ${server.instanceType} set in the plan (override); ${need.explanation}${fit}`,
    };
  }

  // Burstable only for non-production with measured utilisation, and only sizes whose credit
  // baseline holds the sustained p95 CPU (a bigger t3 has a higher baseline).
  const burstable =
    app.environment === 'non-production' && need.p95Vcpu !== undefined
      ? EC2_BURSTABLE_SIZES.map((size) => findEc2InstanceSpec(`${EC2_BURSTABLE_FAMILY}.${size}`)!).filter(
          (t) => need.p95Vcpu! <= t.vcpu * t.baselineCpuFraction + 1e-9,
        )
      : [];
  const spec = cheapestCovering(
    [...EC2_STEADY_CANDIDATES, ...burstable],
    needed,
    (s) => ec2RankPrice(s.name, os),
    (s) =>
      new SizingError(
        `No ${os} price for ${s.name} in lib/sizing/prices/eu-west-2.json: refresh it with "cost refresh-prices"`,
      ),
  );
  if (!spec) {
    const largest = EC2_STEADY_CANDIDATES.reduce((a, b) => (b.memoryGiB > a.memoryGiB ? b : a));
    throw new SizingError(
      `Server "${server.id}" needs ${need.vcpu} vCPU / ${need.memoryGiB} GiB, more than any type right-sizing ` +
        `picks holds (${EC2_SIZING_FAMILIES.join('/')}, up to ${describe(largest)}). Set "instanceType" for it in servers.yaml.`,
    );
  }
  if (spec.burstable) {
    const baseline = spec.vcpu * spec.baselineCpuFraction;
    return {
      instanceType: spec.name,
      overridden: false,
      needed,
      reason:
        `${need.explanation}; non-production with p95 ${round2(need.p95Vcpu!)} vCPU within the ` +
        `${round2(baseline)} vCPU burst baseline -> ${describe(spec)}`,
    };
  }
  return {
    instanceType: spec.name,
    overridden: false,
    needed,
    reason: `${need.explanation}; ${describe(spec)}`,
  };
}

function round2(n: number): string {
  return String(Math.round(n * 100) / 100);
}

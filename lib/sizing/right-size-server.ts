/**
 * Right-sizing of one server onto a current-generation EC2 type. Pure: same inputs, same answer.
 *
 * - Need: p95 utilisation plus headroom when measured, else the on-premises allocation.
 * - Steady workloads: c7i / m7i / r7i, the smallest size with enough vCPU, then the leanest family
 *   (2, 4 or 8 GiB per vCPU) with enough memory.
 * - Burstable t3 only for non-production applications with measured utilisation whose sustained
 *   p95 CPU fits within the t3 type's credit baseline, and only when the t3 type is no bigger
 *   (vCPU and memory) than the steady choice.
 * - The operating system does not change the type. The plan's `instanceType` always wins.
 */
import type { PlanApplication, PlanServer } from '../plan/plan';
import { EC2_BURSTABLE_FAMILY, EC2_SIZING_FAMILIES, findEc2InstanceSpec } from './ec2-catalogue';
import { serverNeed } from './headroom';
import { AUTO_SIZES } from './private/catalogue-builder';
import { describe, pickBurstable, pickBySizeThenFamily } from './private/pick';
import { SizingError, type SizingDecision } from './sizing-decision';

const BURSTABLE_SIZES = ['small', 'medium', 'large', 'xlarge', '2xlarge'];

/**
 * Chooses the EC2 type for a landing-zone server.
 * @throws SizingError when the need is beyond r7i.16xlarge and no `instanceType` is set
 */
export function rightSizeServer(
  server: Pick<PlanServer, 'id' | 'vcpu' | 'memoryGiB' | 'utilisation' | 'instanceType'>,
  app: Pick<PlanApplication, 'id' | 'environment'>,
): SizingDecision {
  const need = serverNeed(server);
  const needed = { vcpu: need.vcpu, memoryGiB: need.memoryGiB };

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

  const spec = pickBySizeThenFamily(findEc2InstanceSpec, EC2_SIZING_FAMILIES, AUTO_SIZES, needed);
  if (!spec) {
    throw new SizingError(
      `Server "${server.id}" needs ${need.vcpu} vCPU / ${need.memoryGiB} GiB, more than the largest type ` +
        `right-sizing picks (r7i.16xlarge: 64 vCPU, 512 GiB). Set "instanceType" for it in servers.yaml.`,
    );
  }

  // Burstable only when it is no bigger than the steady choice: a t3 with more vCPU or memory
  // costs more than the steady type, and this keeps bigger needs from ever getting smaller types.
  if (app.environment === 'non-production' && need.p95Vcpu !== undefined) {
    const t = pickBurstable(findEc2InstanceSpec, EC2_BURSTABLE_FAMILY, BURSTABLE_SIZES, needed);
    if (t && t.vcpu <= spec.vcpu && t.memoryGiB <= spec.memoryGiB) {
      const baseline = t.vcpu * t.baselineCpuFraction;
      if (need.p95Vcpu <= baseline + 1e-9) {
        return {
          instanceType: t.name,
          overridden: false,
          needed,
          reason:
            `${need.explanation}; non-production with p95 ${round2(need.p95Vcpu)} vCPU within the ` +
            `${round2(baseline)} vCPU burst baseline -> ${describe(t)}`,
        };
      }
    }
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

/**
 * Estate-wide network decisions: how many NAT gateways each workload account's VPC gets. Read by
 * the VPC construct (lib/network), the estimate and the preflight quotas, so they cannot disagree.
 */
import type { Plan } from '../plan/plan';

export interface NetworkDecision {
  /** The plan's choice: one NAT gateway per availability zone, or a single one. */
  readonly natGatewayChoice: 'per-az' | 'single';
  /** NAT gateways in each workload account's VPC. */
  readonly natGatewaysPerVpc: number;
  readonly reason: string;
}

export function networkDecisionFor(plan: Plan): NetworkDecision {
  const choice = plan.network.natGateways;
  const zones = plan.network.availabilityZones.length;
  const count = choice === 'single' ? 1 : zones;
  return {
    natGatewayChoice: choice,
    natGatewaysPerVpc: count,
    reason:
      choice === 'single'
        ? 'network.natGateways: single (one NAT gateway, cheaper, not zone-resilient)'
        : `network.natGateways: per-az (one in each of the ${zones} availability zones)`,
  };
}

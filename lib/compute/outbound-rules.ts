/**
 * Pure derivation of an application's outbound (egress) rules from the plan. Egress follows the
 * plan like ingress does:
 *
 * - to another application's servers, on the ports that application admits this one: named by an
 *   `application` source, or by a CIDR inside the VPC (a VPC-wide source). Environment separation:
 *   a non-production application never gets egress to a production one through a VPC-wide source;
 *   only a flow naming it explicitly opens that path;
 * - to on-premises ranges, other CIDRs and the internet (through NAT) only as the servers'
 *   `outboundFlows` declare, on the declared ports.
 *
 * Rules are deduplicated and sorted so the template does not depend on list order.
 */
import type { PlanApplication, PlanServer } from '../plan/plan';
import type { EstateModel } from '../estate-model/estate-model';
import { cidrsOverlap } from '../plan/cidr-overlap';

export type OutboundPeer =
  | { readonly kind: 'application'; readonly application: string }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly name: string }
  | { readonly kind: 'internet' };

export interface OutboundRule {
  readonly peer: OutboundPeer;
  readonly protocol: 'tcp' | 'udp';
  readonly fromPort: number;
  readonly toPort: number;
  readonly description: string;
}

function applicationOf(model: Pick<EstateModel, 'planned'>, id: string): PlanApplication {
  const app = model.planned.applications.find((a) => a.id === id);
  if (!app) throw new Error(`Plan has no application "${id}" (the validator should have caught this)`);
  return app;
}

function peerKey(peer: OutboundPeer): string {
  return peer.kind === 'application'
    ? `app:${peer.application}`
    : peer.kind === 'cidr'
      ? `cidr:${peer.cidr}`
      : 'internet';
}

/**
 * Every outbound rule of application `applicationId`, from the landing-zone servers' flows.
 * @param servers the landing-zone servers of the application's VPC (its workload account)
 * @param vpcCidr that VPC's CIDR: flows from a CIDR inside it are VPC-wide
 */
export function outboundRulesFor(
  model: Pick<EstateModel, 'planned' | 'settings'>,
  applicationId: string,
  servers: readonly PlanServer[],
  vpcCidr: string = model.settings.network.vpcCidr,
): OutboundRule[] {
  const self = applicationOf(model, applicationId);
  const rules = new Map<string, OutboundRule>();
  const add = (rule: OutboundRule): void => {
    const key = `${peerKey(rule.peer)}|${rule.protocol}|${rule.fromPort}|${rule.toPort}`;
    if (!rules.has(key)) rules.set(key, rule);
  };
  for (const server of servers) {
    const target = applicationOf(model, server.application);
    for (const flow of server.inboundFlows) {
      const toPort = flow.toPort ?? flow.port;
      const ports = toPort === flow.port ? `${flow.port}` : `${flow.port}-${toPort}`;
      let admitted = false;
      if ('application' in flow.from) admitted = flow.from.application === applicationId;
      else if ('cidr' in flow.from && cidrsOverlap(flow.from.cidr, vpcCidr)) {
        const crossesEnvironments =
          self.environment === 'non-production' && target.environment === 'production';
        admitted = !crossesEnvironments;
      }
      if (!admitted) continue;
      add({
        peer: { kind: 'application', application: target.id },
        protocol: flow.protocol,
        fromPort: flow.port,
        toPort,
        description: `${applicationId} to ${target.id} ${flow.protocol}/${ports}`,
      });
    }
    if (server.application !== applicationId) continue;
    server.outboundFlows.forEach((flow, i) => {
      const where = `server "${server.id}" outboundFlows[${i}]`;
      const toPort = flow.toPort ?? flow.port;
      if (toPort < flow.port) throw new Error(`${where}: toPort ${toPort} is below port ${flow.port}`);
      let peer: OutboundPeer;
      if ('internet' in flow.to) peer = { kind: 'internet' };
      else if ('onPremises' in flow.to) {
        const name = flow.to.onPremises;
        const range = model.settings.network.onPremisesRanges.find((r) => r.name === name);
        if (!range)
          throw new Error(`${where}: to.onPremises "${name}" is not one of network.onPremisesRanges`);
        peer = { kind: 'cidr', cidr: range.cidr, name };
      } else {
        if (flow.to.cidr.endsWith('/0')) {
          throw new Error(`${where}: ${flow.to.cidr} is every address; write to: { internet: true } instead`);
        }
        peer = { kind: 'cidr', cidr: flow.to.cidr, name: flow.to.cidr };
      }
      const ports = toPort === flow.port ? `${flow.port}` : `${flow.port}-${toPort}`;
      const dest = peer.kind === 'internet' ? 'internet (NAT)' : peer.kind === 'cidr' ? peer.name : '';
      add({
        peer,
        protocol: flow.protocol,
        fromPort: flow.port,
        toPort,
        description: flow.description ?? `${applicationId} to ${dest} ${flow.protocol}/${ports}`,
      });
    });
  }
  return [...rules.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

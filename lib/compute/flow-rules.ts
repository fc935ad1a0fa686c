/**
 * Pure derivation of an application's inbound rules from the flows its servers declare.
 * Rules are deduplicated and sorted so that the template does not depend on list order.
 */
import type { PlanServer } from '../plan/plan';
import type { EstateModel } from '../estate-model/estate-model';

export type FlowPeer =
  | { readonly kind: 'application'; readonly application: string }
  | { readonly kind: 'cidr'; readonly cidr: string; readonly name: string };

export interface InboundRule {
  readonly peer: FlowPeer;
  readonly protocol: 'tcp' | 'udp';
  readonly fromPort: number;
  readonly toPort: number;
  readonly description: string;
}

/** Every inbound rule of application `applicationId`, from its landing-zone servers' flows. */
export function inboundRulesFor(
  model: Pick<EstateModel, 'planned' | 'settings'>,
  applicationId: string,
  servers: readonly PlanServer[],
): InboundRule[] {
  const rules = new Map<string, InboundRule>();
  for (const server of servers) {
    if (server.application !== applicationId) continue;
    server.inboundFlows.forEach((flow, i) => {
      const where = `server "${server.id}" inboundFlows[${i}]`;
      const toPort = flow.toPort ?? flow.port;
      if (toPort < flow.port) throw new Error(`${where}: toPort ${toPort} is below port ${flow.port}`);
      let peer: FlowPeer;
      if ('application' in flow.from) {
        const peerApp = flow.from.application;
        if (!model.planned.applications.some((a) => a.id === peerApp)) {
          throw new Error(`${where}: from.application "${peerApp}" is not an application in estate.yaml`);
        }
        peer = { kind: 'application', application: peerApp };
      } else if ('onPremises' in flow.from) {
        const name = flow.from.onPremises;
        const range = model.settings.network.onPremisesRanges.find((r) => r.name === name);
        if (!range)
          throw new Error(`${where}: from.onPremises "${name}" is not one of network.onPremisesRanges`);
        peer = { kind: 'cidr', cidr: range.cidr, name };
      } else {
        peer = { kind: 'cidr', cidr: flow.from.cidr, name: flow.from.cidr };
      }
      if (peer.kind === 'cidr' && peer.cidr.endsWith('/0')) {
        throw new Error(
          `${where}: ${peer.cidr} would open the server to the whole internet; name the source range instead`,
        );
      }
      const key = `${peer.kind === 'application' ? `app:${peer.application}` : `cidr:${peer.cidr}`}|${flow.protocol}|${flow.port}|${toPort}`;
      if (!rules.has(key)) {
        const source = peer.kind === 'application' ? `application ${peer.application}` : `${peer.name}`;
        const ports = toPort === flow.port ? `${flow.port}` : `${flow.port}-${toPort}`;
        rules.set(key, {
          peer,
          protocol: flow.protocol,
          fromPort: flow.port,
          toPort,
          description: flow.description ?? `${source} to ${applicationId} ${flow.protocol}/${ports}`,
        });
      }
    });
  }
  return [...rules.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

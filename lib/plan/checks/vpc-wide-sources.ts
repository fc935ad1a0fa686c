/**
 * Warns about inbound flows whose source CIDR overlaps the estate VPC: they admit every server in
 * that part of the VPC, whatever its application. Environment separation still holds (a
 * non-production application gets no egress to a production one through such a flow), but the flow
 * should name the applications it means.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { cidrCovers, cidrsOverlap } from '../cidr-overlap';

export const vpcWideSources: PlanCheck = ({ estate, servers }) => {
  const out: RawProblem[] = [];
  const vpc = estate.network.vpcCidr;
  servers.servers.forEach((s, i) =>
    s.inboundFlows.forEach((f, j) => {
      if (!('cidr' in f.from) || !cidrsOverlap(f.from.cidr, vpc)) return;
      const what = cidrCovers(f.from.cidr, vpc) ? 'the whole VPC' : 'part of the VPC';
      const name = f.description ? `"${f.description}" ` : '';
      out.push({
        file: 'servers',
        path: ['servers', i, 'inboundFlows', j, 'from', 'cidr'],
        message: `flow ${name}to ${s.id} port ${f.port} admits ${what} (${f.from.cidr}); name the source applications instead`,
        received: f.from.cidr,
      });
    }),
  );
  return out;
};

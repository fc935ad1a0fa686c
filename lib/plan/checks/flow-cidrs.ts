/** CIDRs that flows come from are real blocks (octets <= 255, prefix <= 32, aligned). */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { parseCidr } from '../private/cidr';

export const flowCidrs: PlanCheck = ({ servers }) => {
  const out: RawProblem[] = [];
  servers.servers.forEach((s, i) =>
    s.inboundFlows.forEach((f, j) => {
      if (!('cidr' in f.from)) return;
      const r = parseCidr(f.from.cidr);
      if ('error' in r) {
        out.push({
          file: 'servers',
          path: ['servers', i, 'inboundFlows', j, 'from', 'cidr'],
          message: r.error,
          received: f.from.cidr,
          allowed: r.allowed,
        });
      }
    }),
  );
  return out;
};

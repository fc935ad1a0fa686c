/**
 * CIDRs that flows come from or go to are real blocks (octets <= 255, prefix <= 32, aligned); an
 * outbound flow to /0 must say `internet: true` instead, so internet egress is always explicit.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { parseCidr } from '../private/cidr';

export const flowCidrs: PlanCheck = ({ servers }) => {
  const out: RawProblem[] = [];
  const check = (path: (string | number)[], cidr: string): void => {
    const r = parseCidr(cidr);
    if ('error' in r)
      out.push({ file: 'servers', path, message: r.error, received: cidr, allowed: r.allowed });
  };
  servers.servers.forEach((s, i) => {
    s.inboundFlows.forEach((f, j) => {
      if ('cidr' in f.from) check(['servers', i, 'inboundFlows', j, 'from', 'cidr'], f.from.cidr);
    });
    s.outboundFlows.forEach((f, j) => {
      if (!('cidr' in f.to)) return;
      const path = ['servers', i, 'outboundFlows', j, 'to', 'cidr'];
      if (f.to.cidr.endsWith('/0')) {
        out.push({
          file: 'servers',
          path,
          message: 'opens the server to every address; write `to: { internet: true }` for internet egress',
          received: f.to.cidr,
          allowed: 'a named range or a CIDR narrower than /0',
        });
        return;
      }
      check(path, f.to.cidr);
    });
  });
  return out;
};

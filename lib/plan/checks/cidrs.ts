/**
 * Address ranges are real blocks: octets <= 255, aligned network addresses, a VPC prefix of
 * /16 to /28 (the VPC limits), and the VPCs (production and, when given, non-production) not
 * overlapping each other or any on-premises range.
 */
import type { PlanCheck } from './check';
import type { RawProblem } from '../problem';
import { overlaps, parseCidr, type Cidr } from '../private/cidr';

export const cidrs: PlanCheck = ({ estate }) => {
  const out: RawProblem[] = [];
  const parse = (path: (string | number)[], text: string): Cidr | undefined => {
    const r = parseCidr(text);
    if ('cidr' in r) return r.cidr;
    out.push({ file: 'estate', path, message: r.error, received: text, allowed: r.allowed });
    return undefined;
  };
  const net = estate.network;
  let vpc = parse(['network', 'vpcCidr'], net.vpcCidr);
  if (vpc && (vpc.prefix < 16 || vpc.prefix > 28)) {
    out.push({
      file: 'estate',
      path: ['network', 'vpcCidr'],
      message: 'has a prefix outside what a VPC allows',
      received: net.vpcCidr,
      allowed: '/16 to /28',
    });
    vpc = undefined;
  }
  const nonProductionPath = ['network', 'nonProduction', 'vpcCidr'];
  const nonProductionText = net.nonProduction?.vpcCidr;
  let nonProduction =
    nonProductionText === undefined ? undefined : parse(nonProductionPath, nonProductionText);
  if (nonProduction && (nonProduction.prefix < 16 || nonProduction.prefix > 28)) {
    out.push({
      file: 'estate',
      path: nonProductionPath,
      message: 'has a prefix outside what a VPC allows',
      received: nonProductionText,
      allowed: '/16 to /28',
    });
    nonProduction = undefined;
  }
  if (nonProduction && vpc && overlaps(vpc, nonProduction)) {
    out.push({
      file: 'estate',
      path: nonProductionPath,
      message: `overlaps the production VPC CIDR ${net.vpcCidr}; the two workload VPCs must not clash (both reach on-premises over the hybrid link)`,
      received: nonProductionText,
    });
  }
  net.onPremisesRanges.forEach((r, i) => {
    const c = parse(['network', 'onPremisesRanges', i, 'cidr'], r.cidr);
    if (c && vpc && overlaps(vpc, c)) {
      out.push({
        file: 'estate',
        path: ['network', 'onPremisesRanges', i, 'cidr'],
        message: `overlaps the VPC CIDR ${net.vpcCidr}; on-premises and AWS addresses must not clash`,
        received: r.cidr,
      });
    }
    if (c && nonProduction && overlaps(nonProduction, c)) {
      out.push({
        file: 'estate',
        path: ['network', 'onPremisesRanges', i, 'cidr'],
        message: `overlaps the non-production VPC CIDR ${nonProductionText}; on-premises and AWS addresses must not clash`,
        received: r.cidr,
      });
    }
  });
  if (net.hybridLink.type === 'site-to-site-vpn') {
    const ip = net.hybridLink.customerGatewayIp;
    if (ip.split('.').some((o) => Number(o) > 255)) {
      out.push({
        file: 'estate',
        path: ['network', 'hybridLink', 'customerGatewayIp'],
        message: 'has an octet above 255',
        received: ip,
        allowed: 'octets 0-255',
      });
    }
  }
  return out;
};

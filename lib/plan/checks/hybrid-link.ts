/** A site-to-site VPN without a BGP ASN routes statically, so it needs on-premises ranges to route to. */
import type { PlanCheck } from './check';

export const hybridLink: PlanCheck = ({ estate }) => {
  const { hybridLink: link, onPremisesRanges } = estate.network;
  if (link.type !== 'site-to-site-vpn' || link.bgpAsn !== undefined || onPremisesRanges.length > 0) return [];
  return [
    {
      file: 'estate',
      path: ['network', 'hybridLink'],
      message:
        'a site-to-site VPN without bgpAsn uses static routes, so network.onPremisesRanges must list at least one range to route to',
      allowed: 'bgpAsn for dynamic routing, or at least one on-premises range',
    },
  ];
};

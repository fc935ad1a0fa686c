import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { pascalCase } from '../shared/naming';
import type { HybridLink as HybridLinkConfig, OnPremisesRange } from '../plan/schema';
import type { DeepReadonly } from '../plan/plan';

export interface HybridLinkProps {
  readonly vpc: ec2.Vpc;
  /** The link from the plan (`network.hybridLink`). */
  readonly link: DeepReadonly<HybridLinkConfig>;
  /** On-premises ranges that must be reachable over the link. */
  readonly onPremisesRanges: readonly DeepReadonly<OnPremisesRange>[];
  /** Subnet groups whose route tables reach on-premises (servers and databases). */
  readonly routedSubnetGroups: readonly string[];
  /** Subnet group the transit gateway attachment uses (servers). */
  readonly attachmentSubnetGroup: string;
  /**
   * Site-to-site VPN only: exchange routes with BGP. When false, static routes to each
   * on-premises range are configured on the connection instead.
   * @default true
   */
  readonly useBgp?: boolean;
}

/**
 * The link back to the council's data centre: nothing, a site-to-site VPN (customer gateway,
 * virtual private gateway, connection, route propagation) or a transit gateway attachment with
 * routes to each on-premises range.
 */
export class HybridLink extends Construct {
  /** The VPN connection, when the link is a site-to-site VPN. */
  readonly vpnConnection?: ec2.VpnConnection;
  /** The transit gateway attachment, when the link is a transit gateway. */
  readonly transitGatewayAttachment?: ec2.CfnTransitGatewayAttachment;

  constructor(scope: Construct, id: string, props: HybridLinkProps) {
    super(scope, id);
    const link = props.link;
    const routed = props.routedSubnetGroups.map((subnetGroupName) => ({ subnetGroupName }));

    if (link.type === 'site-to-site-vpn') {
      props.vpc.enableVpnGateway({ type: 'ipsec.1', vpnRoutePropagation: routed });
      const useBgp = props.useBgp ?? true;
      if (!useBgp && props.onPremisesRanges.length === 0) {
        throw new Error(
          'network.hybridLink: a static-routed VPN needs at least one network.onPremisesRanges entry',
        );
      }
      this.vpnConnection = new ec2.VpnConnection(this, 'OnPremisesVpn', {
        vpc: props.vpc,
        ip: link.customerGatewayIp,
        asn: link.bgpAsn,
        staticRoutes: useBgp ? undefined : props.onPremisesRanges.map((r) => r.cidr),
      });
    } else if (link.type === 'transit-gateway') {
      const attachmentSubnets = props.vpc.selectSubnets({ subnetGroupName: props.attachmentSubnetGroup });
      const attachment = new ec2.CfnTransitGatewayAttachment(this, 'TransitGatewayAttachment', {
        transitGatewayId: link.transitGatewayId,
        vpcId: props.vpc.vpcId,
        subnetIds: attachmentSubnets.subnetIds,
      });
      this.transitGatewayAttachment = attachment;
      for (const group of props.routedSubnetGroups) {
        for (const subnet of props.vpc.selectSubnets({ subnetGroupName: group }).subnets) {
          for (const range of props.onPremisesRanges) {
            const route = new ec2.CfnRoute(
              this,
              `${group}${pascalCase(subnet.availabilityZone)}To${pascalCase(range.name)}`,
              {
                routeTableId: subnet.routeTable.routeTableId,
                destinationCidrBlock: range.cidr,
                transitGatewayId: link.transitGatewayId,
              },
            );
            route.addResourceDependency(attachment);
          }
        }
      }
    }
  }
}

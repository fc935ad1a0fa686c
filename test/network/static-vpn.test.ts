/** A site-to-site VPN given without a BGP ASN in the plan routes statically to the on-premises ranges. */
import { Template } from 'aws-cdk-lib/assertions';
import { buildEstateApp } from '../../lib/app';
import { buildPlan, minimalPlanInput } from '../support/plan-builder';
import { testApp } from '../app/support/cdk-app';

function networkTemplate(link: Record<string, unknown>): Template {
  const input = minimalPlanInput();
  input.estate.network.hybridLink = link;
  return Template.fromStack(buildEstateApp(testApp('n-static-vpn'), buildPlan(input)).network);
}

describe('site-to-site VPN routing from the plan', () => {
  test('no bgpAsn: static routes to every on-premises range', () => {
    const template = networkTemplate({ type: 'site-to-site-vpn', customerGatewayIp: '203.0.113.10' });
    template.hasResourceProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: true });
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 2);
    template.hasResourceProperties('AWS::EC2::VPNConnectionRoute', { DestinationCidrBlock: '10.0.0.0/16' });
    template.hasResourceProperties('AWS::EC2::VPNConnectionRoute', { DestinationCidrBlock: '10.1.0.0/24' });
  });

  test('with bgpAsn: dynamic routing, no static routes', () => {
    const template = networkTemplate({
      type: 'site-to-site-vpn',
      customerGatewayIp: '203.0.113.10',
      bgpAsn: 65010,
    });
    template.hasResourceProperties('AWS::EC2::CustomerGateway', { BgpAsn: 65010 });
    template.hasResourceProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: false });
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 0);
  });

  test('no bgpAsn and no on-premises ranges is a plan problem', () => {
    const input = minimalPlanInput();
    input.estate.network.hybridLink = { type: 'site-to-site-vpn', customerGatewayIp: '203.0.113.10' };
    input.estate.network.onPremisesRanges = [];
    // The ranges are referenced by flows in the minimal plan; drop those flows too.
    for (const s of input.servers.servers) s.inboundFlows = [];
    expect(() => buildPlan(input)).toThrow(
      /network\.hybridLink: a site-to-site VPN without bgpAsn uses static routes, so network\.onPremisesRanges must list at least one range/,
    );
  });
});

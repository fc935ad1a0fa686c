import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EstateVpc, HybridLink, SUBNET_GROUPS } from '../../lib/network';
import { testApp } from '../app/support/cdk-app';

const RANGES = [
  { name: 'corporate-lan', cidr: '10.0.0.0/16', purpose: 'users' as const },
  { name: 'it-admin', cidr: '10.1.0.0/24', purpose: 'admin' as const },
];

function vpnStack(useBgp: boolean, ranges = RANGES): Stack {
  const stack = new Stack(testApp('n-hybrid'), 'Hybrid', {
    env: { account: '123456789012', region: 'eu-west-2' },
  });
  const { vpc } = new EstateVpc(stack, 'Network', {
    vpcCidr: '10.40.0.0/16',
    availabilityZones: ['eu-west-2a', 'eu-west-2b'],
  });
  new HybridLink(stack, 'HybridLink', {
    vpc,
    link: { type: 'site-to-site-vpn', customerGatewayIp: '203.0.113.10', bgpAsn: 65000 },
    onPremisesRanges: ranges,
    routedSubnetGroups: [SUBNET_GROUPS.servers, SUBNET_GROUPS.databases],
    attachmentSubnetGroup: SUBNET_GROUPS.servers,
    useBgp,
  });
  return stack;
}

describe('HybridLink site-to-site VPN without BGP', () => {
  test('static routes to each on-premises range', () => {
    const template = Template.fromStack(vpnStack(false));
    template.hasResourceProperties('AWS::EC2::VPNConnection', { StaticRoutesOnly: true });
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 2);
    template.hasResourceProperties('AWS::EC2::VPNConnectionRoute', { DestinationCidrBlock: '10.0.0.0/16' });
    template.hasResourceProperties('AWS::EC2::VPNConnectionRoute', { DestinationCidrBlock: '10.1.0.0/24' });
  });

  test('refuses a static VPN with no on-premises ranges', () => {
    expect(() => vpnStack(false, [])).toThrow(
      'network.hybridLink: a static-routed VPN needs at least one network.onPremisesRanges entry',
    );
  });
});

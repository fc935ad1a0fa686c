import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
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
    logKey: new kms.Key(stack, 'LogKey'),
    logRetentionDays: 365,
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

describe('HybridLink site-to-site VPN tunnel options', () => {
  test('both tunnels: IKEv2 only, AES-256, SHA-2, DH 19-21, logging to an encrypted log group', () => {
    const template = Template.fromStack(vpnStack(true));
    const connection = Object.values(template.findResources('AWS::EC2::VPNConnection'))[0] as {
      Properties: { VpnTunnelOptionsSpecifications: Record<string, unknown>[] };
    };
    const tunnels = connection.Properties.VpnTunnelOptionsSpecifications;
    expect(tunnels).toHaveLength(2);
    for (const tunnel of tunnels) {
      expect(tunnel).toMatchObject({
        IKEVersions: [{ Value: 'ikev2' }],
        Phase1EncryptionAlgorithms: [{ Value: 'AES256-GCM-16' }, { Value: 'AES256' }],
        Phase2EncryptionAlgorithms: [{ Value: 'AES256-GCM-16' }, { Value: 'AES256' }],
        Phase1IntegrityAlgorithms: [{ Value: 'SHA2-256' }, { Value: 'SHA2-384' }, { Value: 'SHA2-512' }],
        Phase1DHGroupNumbers: [{ Value: 19 }, { Value: 20 }, { Value: 21 }],
        Phase2DHGroupNumbers: [{ Value: 19 }, { Value: 20 }, { Value: 21 }],
        LogOptions: { CloudwatchLogOptions: { LogEnabled: true, LogOutputFormat: 'json' } },
      });
    }
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      KmsKeyId: Match.anyValue(),
      RetentionInDays: 365,
    });
  });
});

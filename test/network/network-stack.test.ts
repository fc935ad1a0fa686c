import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildEstateApp, type EstateStacks } from '../../lib/app';
import { buildPlan, minimalPlanInput, type MutablePlanInput } from '../support/plan-builder';
import { testApp } from '../app/support/cdk-app';

type Json = Record<string, unknown>;
const AZS = ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'];

function synth(mutate: (input: MutablePlanInput) => void): { stacks: EstateStacks; template: Template } {
  const input = minimalPlanInput();
  input.estate.network.availabilityZones = AZS;
  mutate(input);
  const stacks = buildEstateApp(testApp('n-network'), buildPlan(input));
  return { stacks, template: Template.fromStack(stacks.network) };
}

function tag(resource: Json, key: string): unknown {
  const tags = ((resource.Properties as Json).Tags ?? []) as { Key: string; Value: unknown }[];
  return tags.find((t) => t.Key === key)?.Value;
}

describe('NetworkStack without a hybrid link', () => {
  let template: Template;
  let stacks: EstateStacks;
  beforeAll(() => {
    ({ stacks, template } = synth((i) => {
      i.estate.network.flowLogRetentionDays = 400;
    }));
  });

  test('stack env, name and pinned availability zones come from the plan', () => {
    expect(stacks.network.stackName).toBe('Testshire-Network');
    expect(stacks.network.account).toBe('123456789012');
    expect(stacks.network.availabilityZones).toEqual(AZS);
    expect(stacks.network.vpc.availabilityZones).toEqual(AZS);
  });

  test('VPC uses the plan CIDR and carries the shared estate tags', () => {
    template.hasResourceProperties('AWS::EC2::VPC', {
      CidrBlock: '10.40.0.0/16',
      EnableDnsHostnames: true,
      Tags: Match.arrayWith([
        { Key: 'Application', Value: 'shared-platform' },
        { Key: 'Estate', Value: 'testshire' },
      ]),
    });
  });

  test.each([
    ['Public', 'Public', '/21'],
    ['Private', 'Servers', '/19'],
    ['Isolated', 'Databases', '/20'],
  ])('one %s subnet (%s, %s) in each AZ', (type, name, mask) => {
    const subnets = Object.values(template.findResources('AWS::EC2::Subnet')) as Json[];
    const group = subnets.filter((s) => tag(s, 'aws-cdk:subnet-type') === type);
    expect(group.map((s) => (s.Properties as Json).AvailabilityZone).sort()).toEqual(AZS);
    for (const s of group) {
      expect(tag(s, 'aws-cdk:subnet-name')).toBe(name);
      expect(String((s.Properties as Json).CidrBlock)).toMatch(new RegExp(`${mask}$`));
    }
  });

  test('public subnets do not hand out public IPs; NAT gateway per AZ', () => {
    template.allResourcesProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: Match.anyValue() });
    for (const s of Object.values(template.findResources('AWS::EC2::Subnet')) as Json[]) {
      if (tag(s, 'aws-cdk:subnet-type') === 'Public')
        expect((s.Properties as Json).MapPublicIpOnLaunch).toBe(false);
    }
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
  });

  test('isolated subnets have no route to the internet', () => {
    const routes = Object.values(template.findResources('AWS::EC2::Route')) as Json[];
    const isolatedTables = Object.keys(template.findResources('AWS::EC2::RouteTable')).filter((id) =>
      id.includes('Databases'),
    );
    expect(isolatedTables).toHaveLength(3);
    for (const r of routes) {
      const table = ((r.Properties as Json).RouteTableId as { Ref: string }).Ref;
      expect(isolatedTables).not.toContain(table);
    }
  });

  test('flow log of ALL traffic to a KMS-encrypted log group with the plan retention and its own role', () => {
    const logGroups = template.findResources('AWS::Logs::LogGroup');
    const [logGroupId, logGroup] = Object.entries(logGroups)[0] as [string, Json];
    expect(Object.keys(logGroups)).toHaveLength(1);
    expect((logGroup.Properties as Json).RetentionInDays).toBe(400);
    expect(JSON.stringify((logGroup.Properties as Json).KmsKeyId)).toMatch(/KeysLogsOfficialSensitiveKey/);
    expect(logGroup.DeletionPolicy).toBe('Retain');
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      ResourceType: 'VPC',
      TrafficType: 'ALL',
      LogDestinationType: 'cloud-watch-logs',
      LogGroupName: { Ref: logGroupId },
      DeliverLogsPermissionArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FlowLogsDeliveryRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'vpc-flow-logs.amazonaws.com' } })],
      },
      ManagedPolicyArns: [{ Ref: Match.stringLikeRegexp('^FlowLogsDeliveryPolicy') }],
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] },
          }),
        ]),
      },
    });
    // No inline policy: auditors review the managed policy on its own.
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test.each([
    ['Ssm', 'ssm'],
    ['SsmMessages', 'ssmmessages'],
    ['Ec2Messages', 'ec2messages'],
    ['Kms', 'kms'],
    ['Logs', 'logs'],
    ['SecretsManager', 'secretsmanager'],
  ])('interface endpoint %s (%s) with private DNS in the server subnets', (id, service) => {
    const endpoints = template.findResources('AWS::EC2::VPCEndpoint', {
      Properties: { VpcEndpointType: 'Interface', ServiceName: `com.amazonaws.eu-west-2.${service}` },
    });
    const entries = Object.entries(endpoints) as [string, Json][];
    expect(entries).toHaveLength(1);
    const [logicalId, endpoint] = entries[0] as [string, Json];
    expect(logicalId).toMatch(new RegExp(`^Endpoints${id}[0-9A-F]{8}$`));
    const props = endpoint.Properties as Json;
    expect(props.PrivateDnsEnabled).toBe(true);
    expect(JSON.stringify(props.SubnetIds)).toMatch(/ServersSubnet1.*ServersSubnet2.*ServersSubnet3/);
    expect(JSON.stringify(props.SecurityGroupIds)).toMatch(/EndpointsSecurityGroup/);
  });

  test('endpoint security group allows HTTPS from the VPC CIDR and nothing else', () => {
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: 'AWS service interface endpoints: HTTPS from the VPC only',
      SecurityGroupIngress: [
        {
          CidrIp: '10.40.0.0/16',
          FromPort: 443,
          ToPort: 443,
          IpProtocol: 'tcp',
          Description: 'HTTPS from the VPC',
        },
      ],
    });
  });

  test('S3 gateway endpoint on server and database route tables', () => {
    const [endpoint] = Object.values(
      template.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Gateway' } }),
    ) as Json[];
    const props = (endpoint as Json).Properties as Json;
    expect(JSON.stringify(props.ServiceName)).toMatch(/\.s3/);
    const tables = JSON.stringify(props.RouteTableIds);
    expect(tables.match(/ServersSubnet\dRouteTable/g)).toHaveLength(3);
    expect(tables.match(/DatabasesSubnet\dRouteTable/g)).toHaveLength(3);
  });

  test('the default security group is stripped of all rules', () => {
    template.hasResourceProperties('Custom::VpcRestrictDefaultSG', {
      DefaultSecurityGroupId: {
        'Fn::GetAtt': [Match.stringLikeRegexp('^NetworkVpc'), 'DefaultSecurityGroup'],
      },
    });
  });

  test('no VPN or transit gateway resources, and no on-premises ranges exposed', () => {
    template.resourceCountIs('AWS::EC2::VPNGateway', 0);
    template.resourceCountIs('AWS::EC2::TransitGatewayAttachment', 0);
    expect(stacks.network.onPremisesRanges).toEqual([]);
  });
});

describe('NetworkStack options', () => {
  test('a single NAT gateway when the plan says so', () => {
    const { template } = synth((i) => {
      i.estate.network.natGateways = 'single';
    });
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
  });

  test('site-to-site VPN: customer gateway from the plan, VPN gateway, BGP connection, propagation to private and isolated tables', () => {
    const { template, stacks } = synth((i) => {
      i.estate.network.hybridLink = {
        type: 'site-to-site-vpn',
        customerGatewayIp: '203.0.113.10',
        bgpAsn: 65010,
      };
    });
    template.hasResourceProperties('AWS::EC2::CustomerGateway', {
      IpAddress: '203.0.113.10',
      BgpAsn: 65010,
      Type: 'ipsec.1',
    });
    template.resourceCountIs('AWS::EC2::VPNGateway', 1);
    template.resourceCountIs('AWS::EC2::VPCGatewayAttachment', 2);
    template.hasResourceProperties('AWS::EC2::VPNConnection', { Type: 'ipsec.1', StaticRoutesOnly: false });
    template.resourceCountIs('AWS::EC2::VPNConnectionRoute', 0);
    const [propagation] = Object.values(
      template.findResources('AWS::EC2::VPNGatewayRoutePropagation'),
    ) as Json[];
    const tables = JSON.stringify(((propagation as Json).Properties as Json).RouteTableIds);
    expect(tables.match(/ServersSubnet\dRouteTable/g)).toHaveLength(3);
    expect(tables.match(/DatabasesSubnet\dRouteTable/g)).toHaveLength(3);
    expect(tables).not.toMatch(/PublicSubnet/);
    expect(stacks.network.onPremisesRanges.map((r) => r.name)).toEqual(['corporate-lan', 'it-admin']);
  });

  test('transit gateway: attachment on the server subnets and a route per on-premises range from every private and isolated table', () => {
    const { template } = synth((i) => {
      i.estate.network.hybridLink = { type: 'transit-gateway', transitGatewayId: 'tgw-0123456789abcdef0' };
    });
    const [attachmentId, attachment] = Object.entries(
      template.findResources('AWS::EC2::TransitGatewayAttachment'),
    )[0] as [string, Json];
    const props = attachment.Properties as Json;
    expect(props.TransitGatewayId).toBe('tgw-0123456789abcdef0');
    expect(JSON.stringify(props.SubnetIds).match(/ServersSubnet\dSubnet/g)).toHaveLength(3);
    const tgwRoutes = Object.entries(
      template.findResources('AWS::EC2::Route', {
        Properties: { TransitGatewayId: 'tgw-0123456789abcdef0' },
      }),
    ) as [string, Json][];
    expect(tgwRoutes).toHaveLength(2 * 3 * 2);
    for (const [id, route] of tgwRoutes) {
      expect(route.DependsOn).toContain(attachmentId);
      expect(id).toMatch(/^HybridLink(Servers|Databases)EuWest2[abc]To(CorporateLan|ItAdmin)[0-9A-F]{8}$/);
    }
    template.hasResourceProperties('AWS::EC2::Route', {
      DestinationCidrBlock: '10.1.0.0/24',
      TransitGatewayId: 'tgw-0123456789abcdef0',
      RouteTableId: { Ref: Match.stringLikeRegexp('^NetworkVpcDatabasesSubnet3RouteTable') },
    });
    template.resourceCountIs('AWS::EC2::VPNGateway', 0);
  });
});

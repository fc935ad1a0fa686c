import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { licensingFor, licensingProblem } from '../../lib/estate-model';
import { buildEstateModel, placeServer, serverDecision } from '../../lib/estate-model';
import { rightSizeServer } from '../../lib/sizing';
import {
  buildPlan,
  minimalPlanInput,
  PINNED_TEST_IMAGES,
  type MutablePlanInput,
} from '../support/plan-builder';
import { synthEstate, withVpn } from './support/estate';

type Json = Record<string, unknown>;

/** One production Windows server (revenues, gold) and one retired server; no databases. */
function oneServerInput(): MutablePlanInput {
  const input = withVpn(minimalPlanInput());
  const servers = input.servers.servers as Json[];
  const rev = servers.find((s) => s.id === 'revenues-app-01')!;
  rev.dependsOn = [];
  input.servers.servers = [rev, servers.find((s) => s.id === 'legacy-fax-01')];
  input.databases.databases = [];
  return input;
}

describe('one migrated server (revenues-app-01, production, Windows 2019 base image)', () => {
  const plan = buildPlan(oneServerInput());
  const estate = synthEstate(plan, 'l-server');
  const waveStack = estate.stacks.landingZones.waves[0]!;
  let wave: Template;
  let access: Template;
  beforeAll(() => {
    wave = estate.template(waveStack);
    access = estate.template(estate.stacks.landingZones.access);
  });

  test('only the landing-zone server gets a stack; the retired one gets nothing', () => {
    expect(estate.stacks.landingZones.waves.map((s) => s.stackName)).toEqual([
      'Testshire-Wave02-Wave2-Revenues',
    ]);
    wave.resourceCountIs('AWS::EC2::Instance', 1);
    for (const stack of estate.all) {
      // Only the access stack's metadata lists it (for the synth summary); no resource does.
      expect(JSON.stringify((estate.template(stack).toJSON() as Json).Resources)).not.toContain(
        'legacy-fax-01',
      );
    }
  });

  test('instance type is the sizing decision; IMDSv2, no key pair, no public IP, detailed monitoring, termination protection', () => {
    const server = plan.servers.find((s) => s.id === 'revenues-app-01')!;
    const expected = rightSizeServer(
      server,
      plan.applications.find((a) => a.id === 'revenues')!,
    ).instanceType;
    wave.hasResourceProperties('AWS::EC2::Instance', {
      InstanceType: expected,
      MetadataOptions: Match.objectLike({ HttpTokens: 'required' }),
      KeyName: Match.absent(),
      Monitoring: true,
      DisableApiTermination: true,
      PropagateTagsToVolumeOnCreation: true,
      NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: false, DeviceIndex: '0' })],
      Tenancy: Match.absent(),
    });
    expect(JSON.stringify(wave.toJSON())).not.toContain('0.0.0.0/0');
  });

  test('the image is the AMI pinned in the plan\'s image lock, never an SSM parameter ("latest")', () => {
    const instance = Object.values(wave.findResources('AWS::EC2::Instance'))[0] as Json;
    expect((instance.Properties as Json).ImageId).toBe(PINNED_TEST_IMAGES['windows-server-2019']);
    expect(JSON.stringify(wave.toJSON().Parameters ?? {})).not.toContain('/aws/service/');
  });

  test('volumes are gp3, encrypted with the EBS CMK, sized from the plan disks', () => {
    const instance = Object.values(wave.findResources('AWS::EC2::Instance'))[0] as Json;
    const mappings = (instance.Properties as Json).BlockDeviceMappings as Json[];
    expect(
      mappings.map((m) => [
        m.DeviceName,
        (m.Ebs as Json).VolumeSize,
        (m.Ebs as Json).VolumeType,
        (m.Ebs as Json).Encrypted,
      ]),
    ).toEqual([
      ['/dev/sda1', 100, 'gp3', true],
      ['/dev/xvdb', 200, 'gp3', true],
    ]);
    for (const m of mappings) expect(JSON.stringify((m.Ebs as Json).KmsKeyId)).toMatch(/Keys/);
  });

  test('instance role: SSM core, an agent policy scoped to its own log group and the estate namespace, VSS', () => {
    wave.resourceCountIs('AWS::IAM::Role', 1);
    const role = Object.values(wave.findResources('AWS::IAM::Role'))[0] as Json;
    const arns = JSON.stringify((role.Properties as Json).ManagedPolicyArns);
    expect(arns).toContain('AmazonSSMManagedInstanceCore');
    expect(arns).not.toContain('CloudWatchAgentServerPolicy');
    // A Windows server backed up with VSS: no AWS-managed VSS policy (the agent policy holds the
    // VSS rights, limited to the server itself), and the VSS components installed.
    expect(arns).not.toContain('AWSEC2VssSnapshotPolicy');
    expect(((role.Properties as Json).ManagedPolicyArns as unknown[]).length).toBe(2);
    wave.hasResourceProperties('AWS::SSM::Association', {
      Name: 'AWS-ConfigureAWSPackage',
      Parameters: { action: ['Install'], name: ['AwsVssComponents'] },
    });
    wave.resourceCountIs('AWS::IAM::Policy', 0);
    const policy = Object.values(wave.findResources('AWS::IAM::ManagedPolicy'))[0] as Json;
    const text = JSON.stringify((policy.Properties as Json).PolicyDocument);
    expect(text).not.toMatch(/PutRetentionPolicy|DeleteLogGroup|CreateLogGroup|logs:\*/);
    expect(text).toContain('"cloudwatch:namespace":"Estate/testshire"');
    const statements = ((policy.Properties as Json).PolicyDocument as { Statement: Json[] }).Statement;
    const sid = (id: string) => statements.find((st) => st.Sid === id) as Json;
    expect(sid('VssOwnInstanceSnapshotsAndImages')).toMatchObject({
      Effect: 'Allow',
      Action: ['ec2:CreateImage', 'ec2:CreateSnapshots', 'ec2:DescribeInstanceAttribute'],
      Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-2' } },
    });
    // The denies that keep VSS to the server's own instance and to tagged copies.
    expect(JSON.stringify(sid('VssNoOtherInstance'))).toContain(
      '"ArnNotLike":{"ec2:SourceInstanceARN":"arn:aws:ec2:*:*:instance/${ec2:InstanceId}"}',
    );
    expect(sid('VssNoOtherInstance').Effect).toBe('Deny');
    expect(sid('VssOnlyTaggedCopies')).toMatchObject({
      Effect: 'Deny',
      Condition: { Null: { 'aws:RequestTag/AwsVssConfig': 'true' } },
    });
    // Every allow that names '*' is one the product register's single entry describes.
    const wildcardAllows = statements
      .filter((st) => st.Effect === 'Allow' && JSON.stringify(st.Resource).includes('*'))
      .map((st) => st.Sid);
    expect(wildcardAllows).toEqual([
      'PublishEstateMetrics',
      'VssOwnInstanceSnapshotsAndImages',
      'VssTagCopiesAtCreation',
      'VssMarkCopies',
      'VssDescribeCopies',
    ]);
    wave.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: Match.stringLikeRegexp('^/estate/servers/'),
      KmsKeyId: Match.anyValue(),
    });
  });

  test('a status-check alarm recovers the instance', () => {
    wave.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'StatusCheckFailed_System',
      Namespace: 'AWS/EC2',
      Period: 60,
      AlarmActions: ['arn:aws:automate:eu-west-2:ec2:recover'],
    });
  });

  test('the application security group admits the declared flows only', () => {
    const groups = access.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('^Servers of revenues') },
    });
    expect(Object.keys(groups)).toHaveLength(1);
    const revenues = groups[Object.keys(groups)[0]!] as Json;
    const ingress = ((revenues.Properties as Json).SecurityGroupIngress ?? []) as Json[];
    expect(ingress).toEqual([
      expect.objectContaining({ CidrIp: '10.0.0.0/16', FromPort: 443, ToPort: 443, IpProtocol: 'tcp' }),
    ]);
    // intranet -> revenues on 8080 is a separate rule between the two application groups.
    access.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 8080,
      ToPort: 8080,
      IpProtocol: 'tcp',
      GroupId: { 'Fn::GetAtt': [Object.keys(groups)[0]!, 'GroupId'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ApplicationsIntranet'), 'GroupId'] },
    });
  });

  test('the instance is in the server subnet of the zone the estate model placed it in, in the application group', () => {
    const instance = Object.values(wave.findResources('AWS::EC2::Instance'))[0] as Json;
    const nic = ((instance.Properties as Json).NetworkInterfaces as Json[])[0]!;
    const subnets = estate.stacks.network.vpc.selectSubnets(estate.stacks.network.serverSubnets).subnets;
    const zone = serverDecision(buildEstateModel(plan), 'revenues-app-01').placement.availabilityZone;
    const chosen = subnets.find((s) => s.availabilityZone === zone)!;
    expect((instance.Properties as Json).AvailabilityZone).toBe(zone);
    expect(JSON.stringify(nic.SubnetId)).toContain(
      estate.stacks.network.getLogicalId(chosen.node.defaultChild as ec2.CfnSubnet),
    );
    expect(JSON.stringify(nic.GroupSet)).toContain('ApplicationsRevenues');
  });
});

describe('placement', () => {
  const zones = ['eu-west-2a', 'eu-west-2b', 'eu-west-2c'];
  const place = (id: string, application = 'app', placementGroup?: string) =>
    placeServer({ id, application, placementGroup }, zones);

  test('depends only on the server, not on the order the zones are listed', () => {
    const ids = Array.from({ length: 60 }, (_, i) => `server-${i}`);
    const forward = ids.map((id) => placeServer({ id, application: 'app' }, zones).availabilityZone);
    const reversed = ids.map(
      (id) => placeServer({ id, application: 'app' }, [...zones].reverse()).availabilityZone,
    );
    expect(reversed).toEqual(forward);
    // Spread over all three AZs.
    expect(new Set(forward).size).toBe(3);
  });

  test('members of one role with consecutive numbers land in different zones', () => {
    for (const role of ['rev-app', 'web', 'sql-node', 'x']) {
      for (let n = 0; n < 30; n++) {
        const a = place(`${role}-${String(n).padStart(2, '0')}`).availabilityZone;
        const b = place(`${role}-${String(n + 1).padStart(2, '0')}`).availabilityZone;
        expect([role, n, a === b]).toEqual([role, n, false]);
      }
    }
    // Three members over three zones use all three.
    expect(new Set(['web-01', 'web-02', 'web-03'].map((id) => place(id).availabilityZone)).size).toBe(3);
  });

  test('the role is the id without its trailing number, or the explicit placementGroup', () => {
    expect(place('rev-app-01')).toMatchObject({ group: 'app/rev-app', member: 1 });
    expect(place('web7')).toMatchObject({ group: 'app/web', member: 7 });
    expect(place('gateway')).toMatchObject({ group: 'app/gateway', member: null });
    expect(place('front-a-01', 'app', 'front')).toMatchObject({ group: 'app/front', member: 1 });
    // An explicit group spreads members whose names differ.
    expect(place('front-a-01', 'app', 'front').availabilityZone).not.toBe(
      place('front-b-02', 'app', 'front').availabilityZone,
    );
  });

  test('an unnumbered member of an explicit group is placed by its id hash, and the reason says so', () => {
    const p = place('front-primary', 'app', 'front');
    expect(p.member).toBeNull();
    expect(p.reason).toContain('no trailing number');
    expect(p.availabilityZone).toBe(place('front-primary', 'other-app', 'other').availabilityZone);
  });
});

describe('licensing', () => {
  const base = buildPlan(oneServerInput()).servers.find((s) => s.id === 'revenues-app-01')!;

  test('bring-your-own Windows from an imported image runs on a Dedicated Host', () => {
    const input = oneServerInput();
    const rev = (input.servers.servers as Json[])[0]!;
    rev.licence = 'bring-your-own';
    rev.image = { importedImageId: 'ami-0abc12345678def01' };
    const plan = buildPlan(input);
    const estate = synthEstate(plan, 'l-byol');
    const wave = estate.template(estate.stacks.landingZones.waves[0]!);
    wave.hasResourceProperties('AWS::EC2::Instance', { Tenancy: 'host', ImageId: 'ami-0abc12345678def01' });
    wave.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'StatusCheckFailed_Instance',
      AlarmActions: ['arn:aws:automate:eu-west-2:ec2:reboot'],
    });
  });

  test('bring-your-own Windows on a licence-included base image is refused with a clear message', () => {
    expect(licensingProblem({ ...base, licence: 'bring-your-own' })).toMatch(
      /Server "revenues-app-01": licence "bring-your-own" on Windows needs an imported image.*"windows-server-2019"/,
    );
  });

  test('licence-included servers use shared tenancy', () => {
    expect(licensingFor(base).tenancy).toBe('default');
    expect(licensingProblem(base)).toBeUndefined();
  });

  test('bring-your-own Windows needs a Dedicated Host whatever the image (the estate model decides it)', () => {
    expect(licensingFor({ ...base, licence: 'bring-your-own' })).toMatchObject({
      tenancy: 'host',
      licence: 'bring-your-own',
    });
  });
});

describe('a non-production relocated server', () => {
  test('has no termination protection and a Linux root device for Amazon Linux', () => {
    const input = minimalPlanInput();
    const web = (input.servers.servers as Json[]).find((s) => s.id === 'intranet-web-01')!;
    web.strategy = 'relocate';
    web.image = { baseImage: 'amazon-linux-2023' };
    const plan = buildPlan(input);
    const estate = synthEstate(plan, 'l-nonprod');
    const stack = estate.stacks.landingZones.waves.find((s) => s.stackName.endsWith('Intranet'))!;
    const t = estate.template(stack);
    t.hasResourceProperties('AWS::EC2::Instance', {
      DisableApiTermination: false,
      BlockDeviceMappings: [
        Match.objectLike({ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ VolumeSize: 40 }) }),
      ],
    });
  });
});

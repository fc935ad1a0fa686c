/**
 * The Exit stack: template assertions for what the export services require, and every compliance
 * pack run over it with an empty register (only the findings that follow from the services'
 * requirements may remain; each is listed and explained in the README).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { applyCompliance } from '../../lib/compliance';
import { parseValidationReport } from '../../lib/shared/validation-report';
import { emptyRegister } from '../../lib/compliance/register';
import { exitBucketName } from '../../lib/exit';
import { stagingSubnetCidr } from '../../lib/exit/constructs';
import { ExitStack } from '../../stacks/exit-stack';
import { pinnedImage } from '../../lib/plan/image-lock';
import { KeysStack } from '../../stacks/keys-stack';
import { NetworkStack } from '../../stacks/network-stack';
import { buildPlan } from '../support/plan-builder';
import { tinyApp } from '../compliance/support/tiny-app';
import { buildEstateModel } from '../../lib/estate-model';
import { replicationNetworkOf } from '../../lib/migration/replication-network';

process.env.CDK_VALIDATION = 'false';

const plan = buildPlan();
const app = tinyApp({ '@aws-cdk/core:failSynthOnValidationErrors': false });
const model = buildEstateModel(plan);
const keys = new KeysStack(app, { model });
const network = new NetworkStack(app, {
  model,
  replicationNetwork: replicationNetworkOf(model),
  logsKey: keys.keyFor('logs', 'OFFICIAL-SENSITIVE'),
});
const exit = new ExitStack(app, { model, vpc: network.vpc });
// No register at all, not even the product's: the test pins exactly what the export services force.
applyCompliance(app, model, emptyRegister(plan.estate.id), {
  now: new Date('2026-11-28T00:00:00Z'),
  productRegister: emptyRegister(plan.estate.id),
});
const template = Template.fromStack(exit);
const assembly = app.synth();

describe('ExitStack template', () => {
  it('exit bucket: SSE-S3 (the export service refuses SSE-KMS), versioned, private, lifecycle, access logs', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketName: exitBucketName({ estateId: 'testshire', account: '123456789012', region: 'eu-west-2' }),
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'exit-bucket/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([Match.objectLike({ ExpirationInDays: 30, Status: 'Enabled' })]),
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    template.resourceCountIs('AWS::S3::Bucket', 2);
  });

  it('exit bucket policy denies plain HTTP', () => {
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('vmimport role: trusted by VM Import/Export with the external id, no wildcard actions', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'vmimport',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'vmie.amazonaws.com' },
            Condition: { StringEquals: { 'sts:ExternalId': 'vmimport' } },
          },
        ],
      },
    });
    const policies = template.findResources('AWS::IAM::ManagedPolicy');
    const actions = Object.values(policies).flatMap((p) =>
      (
        p as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }
      ).Properties.PolicyDocument.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])),
    );
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['s3:PutObject', 's3:GetBucketAcl', 'ec2:CopySnapshot']));
  });

  it('RDS export role and its rotating key', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'testshire-rds-exit-export',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'export.rds.amazonaws.com' } })],
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'DenyGrantsNotForAwsServices',
            Effect: 'Deny',
            Action: 'kms:CreateGrant',
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/testshire/rds-exit-export' });
  });

  it('isolated staging subnet: free VPC space, no public IPs, no routes, locked-down security group', () => {
    template.hasResourceProperties('AWS::EC2::Subnet', {
      CidrBlock: '10.40.63.0/24',
      AvailabilityZone: 'eu-west-2a',
      MapPublicIpOnLaunch: false,
    });
    template.resourceCountIs('AWS::EC2::Route', 0);
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      SecurityGroupEgress: [Match.objectLike({ CidrIp: '10.40.0.0/16', FromPort: 443, ToPort: 443 })],
    });
    const groups = template.findResources('AWS::EC2::SecurityGroup');
    for (const g of Object.values(groups))
      expect((g as { Properties: object }).Properties).not.toHaveProperty('SecurityGroupIngress');
  });

  it('the staging subnet never overlaps the VPC layout', () => {
    expect(stagingSubnetCidr('10.60.0.0/20', [])).toBe('10.60.15.0/24');
    expect(stagingSubnetCidr('10.60.0.0/20', ['10.60.8.0/21', '10.60.0.0/22'])).toBe('10.60.7.0/24');
    expect(stagingSubnetCidr('172.16.0.0/24', ['172.16.0.0/25', '172.16.0.128/26', '172.16.0.192/27'])).toBe(
      '172.16.0.224/27',
    );
    expect(() => stagingSubnetCidr('172.16.0.0/24', ['172.16.0.0/24'])).toThrow(/no free \/28/);
    const vpcSubnets = Object.values(Template.fromStack(network).findResources('AWS::EC2::Subnet')).map(
      (s) => (s as { Properties: { CidrBlock: string } }).Properties.CidrBlock,
    );
    const toRange = (cidr: string) => {
      const [ip, bits] = cidr.split('/') as [string, string];
      const start = ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
      return [start, start + 2 ** (32 - Number(bits)) - 1] as const;
    };
    const staging = (
      Object.values(template.findResources('AWS::EC2::Subnet'))[0] as { Properties: { CidrBlock: string } }
    ).Properties.CidrBlock;
    const [s0, s1] = toRange(staging);
    for (const cidr of vpcSubnets) {
      const [a, b] = toRange(cidr);
      expect([cidr, b < s0 || a > s1]).toEqual([cidr, true]);
    }
  });
});

describe('the staging worker (exit stage)', () => {
  const resources = template.toJSON().Resources as Record<
    string,
    { Type: string; Properties: Record<string, unknown> }
  >;
  const idOf = (type: string, pathPart: string) =>
    Object.entries(resources).find(([id, r]) => r.Type === type && id.startsWith(pathPart))![0];

  it('its subnet has no route to the internet or on-premises: its route table has no route at all', () => {
    const subnet = idOf('AWS::EC2::Subnet', 'Staging');
    const table = idOf('AWS::EC2::RouteTable', 'Staging');
    template.hasResourceProperties('AWS::EC2::SubnetRouteTableAssociation', {
      SubnetId: { Ref: subnet },
      RouteTableId: { Ref: table },
    });
    // No route of any kind (internet gateway, NAT, transit gateway, VPN, peering) in any stack of the app.
    for (const stack of assembly.stacks) {
      const routes = Object.values(
        (
          stack.template as {
            Resources: Record<string, { Type: string; Properties: { RouteTableId?: unknown } }>;
          }
        ).Resources,
      ).filter((r) => r.Type === 'AWS::EC2::Route' || r.Type === 'AWS::EC2::VPCGatewayRoutePropagation');
      for (const r of routes) expect(JSON.stringify(r.Properties)).not.toContain(table);
    }
    template.resourceCountIs('AWS::EC2::Route', 0);
    template.resourceCountIs('AWS::EC2::VPCGatewayRoutePropagation', 0);
  });

  it('the launch template: exit subnet, no-inbound group, no public address, IMDSv2, pinned image, terminate on shutdown', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateName: 'testshire-exit-staging-worker',
      LaunchTemplateData: Match.objectLike({
        InstanceInitiatedShutdownBehavior: 'terminate',
        ImageId: pinnedImage(plan.imageLock, 'amazon-linux-2023', 'eu-west-2')?.imageId ?? Match.absent(),
        MetadataOptions: Match.objectLike({ HttpTokens: 'required' }),
        NetworkInterfaces: [
          Match.objectLike({
            SubnetId: { Ref: idOf('AWS::EC2::Subnet', 'Staging') },
            AssociatePublicIpAddress: false,
            Groups: [{ 'Fn::GetAtt': [idOf('AWS::EC2::SecurityGroup', 'Staging'), 'GroupId'] }],
          }),
        ],
        BlockDeviceMappings: [Match.objectLike({ Ebs: Match.objectLike({ Encrypted: true }) })],
      }),
    });
  });

  it('its role can touch only what is tagged for staging: the SSM agent on ExitStaging instances, nothing else', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'testshire-exit-staging-worker',
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })],
      },
    });
    const policy = resources[idOf('AWS::IAM::ManagedPolicy', 'StagingWorker')]!.Properties as {
      PolicyDocument: {
        Statement: {
          Action: string[];
          Resource: unknown;
          Condition?: Record<string, Record<string, string>>;
        }[];
      };
    };
    const statements = policy.PolicyDocument.Statement;
    const actions = statements.flatMap((s) => s.Action);
    // No EC2, S3, KMS or IAM action: the worker cannot create, change, read or delete any resource.
    expect(actions.filter((a) => !/^(ssm|ec2messages|ssmmessages):/.test(a))).toEqual([]);
    expect(actions.filter((a) => a.includes('*'))).toEqual([]);
    for (const s of statements.filter((x) => x.Action.some((a) => a.startsWith('ssm:'))))
      expect(s.Condition).toEqual({ StringLike: { 'ssm:resourceTag/ExitStaging': '?*' } });
    // The statements without a tag condition are the message channels, which have no resource-level permissions.
    expect(
      statements
        .filter((s) => !s.Condition)
        .flatMap((s) => s.Action)
        .every((a) => /^(ec2messages|ssmmessages):/.test(a)),
    ).toBe(true);
  });

  it('rehearsal exports expire on their own (bucket lifecycle rule)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            Id: 'expire-rehearsals',
            Prefix: 'exports/rehearsals/',
            ExpirationInDays: 2,
            Status: 'Enabled',
          }),
        ]),
      },
    });
  });
});

describe('ExitStack compliance', () => {
  it('every pack passes except the findings the export services force (SSE-S3, no replication)', () => {
    const report = parseValidationReport(
      readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
      'validation-report.json',
    );
    const errors = report.pluginReports.flatMap((p) =>
      p.violations
        .filter((v) => v.severity === 'error')
        .flatMap((v) =>
          v.violatingConstructs
            .filter((c) => c.constructPath.startsWith('Testshire-Exit/'))
            .map((c) => `${v.ruleName} ${c.constructPath.replace(/\/Resource$/, '')}`),
        ),
    );
    expect([...new Set(errors)].sort()).toEqual(EXPECTED_EXIT_FINDINGS);
  });
});

/**
 * Each follows from an export service's requirement (reasons in the product register entries,
 * README "Exit"): VM Import/Export refuses SSE-KMS buckets and S3 access logs need an SSE-S3
 * target (S3DefaultEncryptionKMS, CustomerManagedKey); exports are transient copies of data whose
 * source stays in the estate and its backups (replication); EC2 Describe has no resource-level
 * permissions, and export objects and snapshots are created by the service under a prefix
 * (IAM5 wildcards); the staging worker's Systems Manager channel actions have no resource-level
 * permissions (IAM5 Resource::*, the ssm: ones conditioned on the ExitStaging tag).
 */
const EXPECTED_EXIT_FINDINGS: string[] = [
  'AwsSolutions-IAM5[Resource::*] Testshire-Exit/StagingWorker/Policy',
  'AwsSolutions-IAM5[Resource::*] Testshire-Exit/VmImport/Policy',
  'AwsSolutions-IAM5[Resource::<ExitBucket1734D8ED.Arn>/exports/*] Testshire-Exit/RdsExport/Policy',
  'AwsSolutions-IAM5[Resource::<ExitBucket1734D8ED.Arn>/exports/*] Testshire-Exit/VmImport/Policy',
  'AwsSolutions-IAM5[Resource::arn:aws:ec2:eu-west-2::image/*] Testshire-Exit/VmImport/Policy',
  'AwsSolutions-IAM5[Resource::arn:aws:ec2:eu-west-2::snapshot/*] Testshire-Exit/VmImport/Policy',
  'NIST.800.53.R5-S3BucketReplicationEnabled Testshire-Exit/ExitBucket/AccessLogs',
  'NIST.800.53.R5-S3BucketReplicationEnabled Testshire-Exit/ExitBucket/Bucket',
  'NIST.800.53.R5-S3DefaultEncryptionKMS Testshire-Exit/ExitBucket/AccessLogs',
  'NIST.800.53.R5-S3DefaultEncryptionKMS Testshire-Exit/ExitBucket/Bucket',
  'UKPublicSector-CustomerManagedKey Testshire-Exit/ExitBucket/AccessLogs',
  'UKPublicSector-CustomerManagedKey Testshire-Exit/ExitBucket/Bucket',
];

/**
 * Each UK public-sector rule against a tiny non-compliant stack and a compliant one. One app
 * holds every scenario (one stack each) and is synthesized once; the pack then runs over it and
 * every rule result is read back from the ledger.
 */
import { Duration, Stack, type App } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as ce from 'aws-cdk-lib/aws-ce';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Tags } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { ComplianceLedger, type FindingStatus, type LedgerFinding } from '../../lib/compliance/ledger';
import { UkPublicSectorChecks } from '../../lib/compliance/uk-public-sector';
import { tinyApp, tinyStack } from './support/tiny-app';

process.env.CDK_VALIDATION = 'false'; // the CloudFormation schema check is not under test here

let findings: LedgerFinding[];
let report: PolicyValidationPluginReport;

function vpc(stack: Stack, flowLog = true): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['eu-west-2a', 'eu-west-2b'],
    natGateways: 0,
    subnetConfiguration: [
      { name: 'Public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
    ...(flowLog ? { flowLogs: { All: {} } } : {}),
  });
}

function postgres(
  stack: Stack,
  id: string,
  v: ec2.IVpc,
  props: Partial<rds.DatabaseInstanceProps> = {},
): rds.DatabaseInstance {
  return new rds.DatabaseInstance(stack, id, {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc: v,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ...props,
  });
}

function build(app: App): void {
  // AllowedRegion
  new s3.CfnBucket(tinyStack(app, 'RegionBad', { region: 'us-east-1' }), 'Bucket');
  new s3.CfnBucket(tinyStack(app, 'RegionGood'), 'Bucket');
  new s3.CfnBucket(new Stack(app, 'RegionUnknown'), 'Bucket');
  // Billing configuration in the declared billing region: accepted; a bucket there is not.
  const billing = tinyStack(app, 'BillingConfig', { region: 'us-east-1' });
  new ce.CfnAnomalyMonitor(billing, 'Monitor', {
    monitorName: 'm',
    monitorType: 'DIMENSIONAL',
    monitorDimension: 'SERVICE',
  });
  new s3.CfnBucket(billing, 'Bucket');
  new ce.CfnAnomalyMonitor(tinyStack(app, 'BillingElsewhere', { region: 'eu-west-1' }), 'Monitor', {
    monitorName: 'm',
    monitorType: 'DIMENSIONAL',
    monitorDimension: 'SERVICE',
  });

  // CustomerManagedKey
  const cmkBad = tinyStack(app, 'CmkBad');
  new s3.Bucket(cmkBad, 'S3Managed', { encryption: s3.BucketEncryption.S3_MANAGED });
  new logs.LogGroup(cmkBad, 'PlainLogs');
  new ec2.CfnVolume(cmkBad, 'DefaultKeyVolume', {
    availabilityZone: 'eu-west-2a',
    size: 10,
    encrypted: true,
  });
  const cmkGood = tinyStack(app, 'CmkGood');
  const key = new kms.Key(cmkGood, 'Key', { enableKeyRotation: true });
  new s3.Bucket(cmkGood, 'KmsBucket', { encryption: s3.BucketEncryption.KMS, encryptionKey: key });
  new logs.LogGroup(cmkGood, 'KeyedLogs', { encryptionKey: key });
  new ec2.CfnVolume(cmkGood, 'KeyedVolume', {
    availabilityZone: 'eu-west-2a',
    size: 10,
    encrypted: true,
    kmsKeyId: key.keyArn,
  });

  // MandatoryTags
  new s3.CfnBucket(tinyStack(app, 'TagsMissing', { tags: { CostCentre: undefined } }), 'Bucket');
  new s3.CfnBucket(tinyStack(app, 'TagsSecret', { tags: { DataClassification: 'SECRET' } }), 'Bucket');
  new s3.CfnBucket(tinyStack(app, 'TagsGood'), 'Bucket');

  // BackupSelected: the plan below selects BackupTier=gold only
  const backupStack = tinyStack(app, 'BackupPlans');
  const plan = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(backupStack, 'Plan');
  plan.addSelection('Gold', { resources: [backup.BackupResource.fromTag('BackupTier', 'gold')] });
  new ec2.CfnVolume(tinyStack(app, 'BackupBad', { tags: { BackupTier: 'platinum' } }), 'Volume', {
    availabilityZone: 'eu-west-2a',
    size: 10,
  });
  new ec2.CfnVolume(tinyStack(app, 'BackupGood'), 'Volume', { availabilityZone: 'eu-west-2a', size: 10 });

  // NoPublicAccess
  const pubBad = tinyStack(app, 'PublicBad');
  const pubBadVpc = vpc(pubBad);
  postgres(pubBad, 'PublicDb', pubBadVpc, {
    publiclyAccessible: true,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
  });
  new ec2.Instance(pubBad, 'PublicHost', {
    vpc: pubBadVpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC },
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  });
  new ec2.CfnInstance(pubBad, 'EniInPublicSubnet', {
    imageId: 'ami-0abc12345678def01',
    networkInterfaces: [
      { deviceIndex: '0', subnetId: pubBadVpc.publicSubnets[0]!.subnetId, associatePublicIpAddress: false },
    ],
  });
  // InstanceInVpc: no subnet at all (default VPC) fails; a subnet through the primary interface passes
  new ec2.CfnInstance(tinyStack(app, 'NoSubnet'), 'Host', { imageId: 'ami-0abc12345678def01' });
  const eniGood = tinyStack(app, 'EniGood');
  new ec2.CfnInstance(eniGood, 'Host', {
    imageId: 'ami-0abc12345678def01',
    networkInterfaces: [{ deviceIndex: '0', subnetId: vpc(eniGood).isolatedSubnets[0]!.subnetId }],
  });
  const pubGood = tinyStack(app, 'PublicGood');
  const pubGoodVpc = vpc(pubGood);
  postgres(pubGood, 'PrivateDb', pubGoodVpc, { publiclyAccessible: false });
  new ec2.Instance(pubGood, 'PrivateHost', {
    vpc: pubGoodVpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
  });

  // InternetIngress
  const ingress = tinyStack(app, 'Ingress');
  const ingressVpc = vpc(ingress);
  const openSsh = new ec2.SecurityGroup(ingress, 'OpenSsh', { vpc: ingressVpc });
  openSsh.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
  const lb = new elbv2.ApplicationLoadBalancer(ingress, 'Alb', { vpc: ingressVpc, internetFacing: true });
  lb.addListener('Https', { port: 80, open: true, defaultAction: elbv2.ListenerAction.fixedResponse(200) });
  const lanOnly = new ec2.SecurityGroup(ingress, 'LanOnly', { vpc: ingressVpc });
  lanOnly.addIngressRule(ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(443));

  // DatabaseTls
  const tls = tinyStack(app, 'Tls');
  const tlsVpc = vpc(tls);
  postgres(tls, 'DefaultGroupDb', tlsVpc);
  postgres(tls, 'ForceSslDb', tlsVpc, {
    parameterGroup: new rds.ParameterGroup(tls, 'ForceSsl', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      parameters: { 'rds.force_ssl': '1' },
    }),
  });
  new rds.DatabaseInstance(tls, 'MysqlTlsDb', {
    engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }),
    vpc: tlsVpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    parameterGroup: new rds.ParameterGroup(tls, 'RequireTls', {
      engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_0 }),
      parameters: { require_secure_transport: 'ON' },
    }),
  });
  new rds.CfnDBInstance(tls, 'ManagedPasswordDb', {
    engine: 'postgres',
    dbInstanceClass: 'db.t3.micro',
    manageMasterUserPassword: true,
    masterUsername: 'admin',
  });
  new rds.CfnDBInstance(tls, 'ForeignGroupDb', {
    engine: 'postgres',
    dbInstanceClass: 'db.t3.micro',
    dbParameterGroupName: 'made-elsewhere',
  });

  // VpcFlowLogs
  vpc(tinyStack(app, 'FlowBad'), false);
  vpc(tinyStack(app, 'FlowGood'), true);

  // SecretRotation
  const secrets = tinyStack(app, 'Secrets');
  new secretsmanager.Secret(secrets, 'Static');
  const rotated = new secretsmanager.Secret(secrets, 'Rotated');
  rotated.addRotationSchedule('Rotation', {
    hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser(),
    automaticallyAfter: Duration.days(30),
  });

  // Operated: a server and a database with nothing, and with their patch group, window and alarms.
  const opsBad = tinyStack(app, 'OperatedBad');
  const badVpc = vpc(opsBad);
  new ec2.Instance(opsBad, 'Host', {
    vpc: badVpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.genericLinux({ 'eu-west-2': 'ami-0123456789abcdef0' }),
  });
  new rds.CfnDBInstance(opsBad, 'Db', {
    engine: 'postgres',
    dbInstanceClass: 'db.t3.micro',
    dbInstanceIdentifier: 'bad-db',
  });
  const opsGood = tinyStack(app, 'OperatedGood');
  const goodVpc = vpc(opsGood);
  const host = new ec2.Instance(opsGood, 'Host', {
    vpc: goodVpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.genericLinux({ 'eu-west-2': 'ami-0123456789abcdef0' }),
  });
  Tags.of(host).add('PatchGroup', 'good-linux');
  Tags.of(host).add('MaintenanceWindow', 'good-window');
  // Patch group without a baseline, window without a target: still not patched.
  const unserved = new ec2.Instance(opsGood, 'Unserved', {
    vpc: goodVpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.genericLinux({ 'eu-west-2': 'ami-0123456789abcdef0' }),
  });
  Tags.of(unserved).add('PatchGroup', 'nobody-serves-this');
  Tags.of(unserved).add('MaintenanceWindow', 'good-window');
  new ssm.CfnPatchBaseline(opsGood, 'Baseline', {
    name: 'b',
    operatingSystem: 'AMAZON_LINUX_2023',
    patchGroups: ['good-linux'],
  });
  const window = new ssm.CfnMaintenanceWindow(opsGood, 'Window', {
    name: 'good-window',
    schedule: 'cron(0 18 ? * TUE *)',
    duration: 2,
    cutoff: 1,
    allowUnassociatedTargets: false,
  });
  new ssm.CfnMaintenanceWindowTarget(opsGood, 'Target', {
    windowId: window.ref,
    resourceType: 'INSTANCE',
    targets: [{ key: 'tag:MaintenanceWindow', values: ['good-window'] }],
  });
  const alarm = (id: string, metricName: string, dim: { name: string; value: string }) =>
    new cloudwatch.CfnAlarm(opsGood, id, {
      metricName,
      namespace: 'x',
      dimensions: [dim],
      statistic: 'Average',
      period: 300,
      evaluationPeriods: 1,
      threshold: 1,
      comparisonOperator: 'GreaterThanThreshold',
    });
  for (const m of ['CPUUtilization', 'mem_used_percent', 'disk_used_percent'])
    alarm(`Host${m}`, m, { name: 'InstanceId', value: host.instanceId });
  for (const m of ['CPUUtilization', 'mem_used_percent'])
    alarm(`Unserved${m}`, m, { name: 'InstanceId', value: unserved.instanceId });
  new rds.CfnDBInstance(opsGood, 'Db', {
    engine: 'postgres',
    dbInstanceClass: 'db.t3.micro',
    dbInstanceIdentifier: 'good-db',
  });
  for (const m of ['CPUUtilization', 'FreeStorageSpace', 'FreeableMemory', 'DatabaseConnections'])
    alarm(`Db${m}`, m, { name: 'DBInstanceIdentifier', value: 'good-db' });
}

beforeAll(() => {
  const app = tinyApp();
  build(app);
  app.synth(); // runs the tagging aspects, as a real synth does before validation
  const ledger = new ComplianceLedger();
  const pack = new UkPublicSectorChecks(app, {
    allowedRegions: ['eu-west-2'],
    billingConfigurationRegion: 'us-east-1',
    ledger,
  });
  report = pack.validateScope(app);
  findings = ledger.toFindings();
});

function statusOf(rule: string, path: string): FindingStatus[] {
  return findings
    .filter((f) => f.ruleId === `UKPublicSector-${rule}` && f.constructPath.startsWith(path))
    .map((f) => f.status);
}

function violated(rule: string): string[] {
  return report.violations
    .filter((v) => v.ruleName === `UKPublicSector-${rule}`)
    .flatMap((v) => v.violatingResources.map((r) => r.constructPath ?? ''));
}

describe('AllowedRegion', () => {
  test('a stack outside the allowed regions fails', () =>
    expect(statusOf('AllowedRegion', 'RegionBad/Bucket')).toEqual(['fail']));
  test('a stack in eu-west-2 passes', () =>
    expect(statusOf('AllowedRegion', 'RegionGood/Bucket')).toEqual(['pass']));
  test('an environment-agnostic stack cannot be evaluated: an error, not a pass', () => {
    expect(statusOf('AllowedRegion', 'RegionUnknown/Bucket')).toEqual(['error']);
    expect(violated('AllowedRegion')).toEqual(
      expect.arrayContaining(['RegionBad/Bucket', 'RegionUnknown/Bucket']),
    );
  });
});

describe('AllowedRegion and the billing-configuration region', () => {
  test('billing configuration (anomaly monitor) in the declared billing region passes', () =>
    expect(statusOf('AllowedRegion', 'BillingConfig/Monitor')).toEqual(['pass']));
  test('a bucket in the billing region still fails: it could hold data', () =>
    expect(statusOf('AllowedRegion', 'BillingConfig/Bucket')).toEqual(['fail']));
  test('billing configuration in any other region fails', () =>
    expect(statusOf('AllowedRegion', 'BillingElsewhere/Monitor')).toEqual(['fail']));
});

describe('CustomerManagedKey', () => {
  test.each(['CmkBad/S3Managed/Resource', 'CmkBad/PlainLogs/Resource', 'CmkBad/DefaultKeyVolume'])(
    '%s fails',
    (p) => expect(statusOf('CustomerManagedKey', p)).toEqual(['fail']),
  );
  test.each(['CmkGood/KmsBucket/Resource', 'CmkGood/KeyedLogs/Resource', 'CmkGood/KeyedVolume'])(
    '%s passes',
    (p) => expect(statusOf('CustomerManagedKey', p)).toEqual(['pass']),
  );
  test('an unencrypted RDS instance fails, a KMS-encrypted bucket policy is not a data store', () => {
    expect(statusOf('CustomerManagedKey', 'PublicBad/PublicDb/Resource')).toEqual(['fail']);
    expect(
      findings.filter(
        (f) => f.ruleId === 'UKPublicSector-CustomerManagedKey' && f.resourceType === 'AWS::KMS::Key',
      ),
    ).toEqual([]);
  });
});

describe('MandatoryTags', () => {
  test('a missing CostCentre tag fails', () =>
    expect(statusOf('MandatoryTags', 'TagsMissing/Bucket')).toEqual(['fail']));
  test('DataClassification SECRET is not allowed in this estate', () =>
    expect(statusOf('MandatoryTags', 'TagsSecret/Bucket')).toEqual(['fail']));
  test('all seven tags with a valid classification pass', () =>
    expect(statusOf('MandatoryTags', 'TagsGood/Bucket')).toEqual(['pass']));
});

describe('BackupSelected', () => {
  test('a volume whose BackupTier no selection selects fails', () =>
    expect(statusOf('BackupSelected', 'BackupBad/Volume')).toEqual(['fail']));
  test('a volume tagged with a selected tier passes', () =>
    expect(statusOf('BackupSelected', 'BackupGood/Volume')).toEqual(['pass']));
});

describe('NoPublicAccess', () => {
  test('a publicly accessible database fails', () =>
    expect(statusOf('NoPublicAccess', 'PublicBad/PublicDb/Resource')).toEqual(['fail']));
  test('an instance in a public subnet fails', () =>
    expect(statusOf('NoPublicAccess', 'PublicBad/PublicHost/Resource')).toEqual(['fail']));
  test('an instance whose network interface sits in a public subnet fails', () =>
    expect(statusOf('NoPublicAccess', 'PublicBad/EniInPublicSubnet')).toEqual(['fail']));
  test('private database and instance pass', () => {
    expect(statusOf('NoPublicAccess', 'PublicGood/PrivateDb/Resource')).toEqual(['pass']);
    expect(statusOf('NoPublicAccess', 'PublicGood/PrivateHost/Resource')).toEqual(['pass']);
  });
});

describe('InternetIngress', () => {
  test('SSH open to the internet fails', () =>
    expect(statusOf('InternetIngress', 'Ingress/OpenSsh/Resource')).toEqual(['fail']));
  test('an internet-facing load balancer security group passes', () =>
    expect(statusOf('InternetIngress', 'Ingress/Alb/SecurityGroup/Resource')).toEqual(['pass']));
  test('a group open only to the council LAN passes', () =>
    expect(statusOf('InternetIngress', 'Ingress/LanOnly/Resource')).toEqual(['pass']));
});

describe('DatabaseTls', () => {
  test('the default parameter group does not force TLS', () =>
    expect(statusOf('DatabaseTls', 'Tls/DefaultGroupDb/Resource')).toEqual(['fail']));
  test('rds.force_ssl=1 (PostgreSQL) and require_secure_transport=ON (MySQL) pass', () => {
    expect(statusOf('DatabaseTls', 'Tls/ForceSslDb/Resource')).toEqual(['pass']);
    expect(statusOf('DatabaseTls', 'Tls/MysqlTlsDb/Resource')).toEqual(['pass']);
  });
  test('a parameter group defined outside the app cannot be checked: an error', () =>
    expect(statusOf('DatabaseTls', 'Tls/ForeignGroupDb')).toEqual(['error']));
});

describe('VpcFlowLogs', () => {
  test('a VPC without flow logs fails', () =>
    expect(statusOf('VpcFlowLogs', 'FlowBad/Vpc/Resource')).toEqual(['fail']));
  test('a VPC with a flow log passes', () =>
    expect(statusOf('VpcFlowLogs', 'FlowGood/Vpc/Resource')).toEqual(['pass']));
});

describe('SecretRotation', () => {
  test('a secret without a rotation schedule fails', () =>
    expect(statusOf('SecretRotation', 'Secrets/Static/Resource')).toEqual(['fail']));
  test('a secret with a rotation schedule passes', () =>
    expect(statusOf('SecretRotation', 'Secrets/Rotated/Resource')).toEqual(['pass']));
  test('a database whose password is a generated secret defers to the secret, which is not rotated', () => {
    expect(statusOf('SecretRotation', 'PublicGood/PrivateDb/Resource')).toEqual([]);
    expect(statusOf('SecretRotation', 'PublicGood/PrivateDb/Secret/Resource')).toEqual(['fail']);
  });
  test('a database with an RDS-managed master password passes', () =>
    expect(statusOf('SecretRotation', 'Tls/ManagedPasswordDb')).toEqual(['pass']));
});

test('every non-compliant finding in the ledger is a violation in the pack report', () => {
  const failed = findings
    .filter((f) => f.status === 'fail' || f.status === 'error')
    .map((f) => `${f.ruleId} ${f.constructPath}`);
  const reported = report.violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`),
  );
  expect(new Set(reported)).toEqual(new Set(failed));
});

describe('InstanceInVpc', () => {
  test('an instance with no subnet (default VPC) fails', () =>
    expect(statusOf('InstanceInVpc', 'NoSubnet/Host')).toEqual(['fail']));
  test('an instance placed through its primary network interface passes', () =>
    expect(statusOf('InstanceInVpc', 'EniGood/Host')).toEqual(['pass']));
  test('an L2 instance in a VPC subnet passes', () =>
    expect(statusOf('InstanceInVpc', 'PublicGood/PrivateHost')).toEqual(['pass']));
});

describe('Operated', () => {
  test('a server without patch group, window or alarms fails; so does a database without alarms', () => {
    expect(statusOf('Operated', 'OperatedBad/Host/Resource')).toEqual(['fail']);
    expect(statusOf('Operated', 'OperatedBad/Db')).toEqual(['fail']);
  });
  test('a server in a served patch group and a targeted window, with CPU, memory and disk alarms, passes', () =>
    expect(statusOf('Operated', 'OperatedGood/Host/Resource')).toEqual(['pass']));
  test('a patch group no baseline serves, or a missing disk alarm, fails', () =>
    expect(statusOf('Operated', 'OperatedGood/Unserved/Resource')).toEqual(['fail']));
  test('a database with CPU, storage, memory and connection alarms passes', () =>
    expect(statusOf('Operated', 'OperatedGood/Db')).toEqual(['pass']));
});

/**
 * Estate-wide guardrails over every template of the full app on the bundled Peterborough plan:
 * CMK encryption, retain/snapshot policies, no open ingress, tags, stack limits and ordering.
 */
import { serverEntry } from '../../lib/estate-model/routes/entry-route';
import { join } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { ESTATE_TAG_KEYS } from '../../lib/tagging';
import { loadPlan } from '../../lib/plan';
import { getsLandingZone } from '../../lib/plan/plan';
import { PROJECT_ROOT } from '../app/support/cdk-app';
import { synthEstate } from './support/estate';
import { isCustomerManagedKey, resourcesOf, taggableResources, type TemplateResource } from './support/walk';

type Json = Record<string, unknown>;

const plan = loadPlan(join(PROJECT_ROOT, 'migration-plans', 'peterborough'));
const estate = synthEstate(plan, 'l-guardrails');
let all: TemplateResource[] = [];
const templates = new Map<string, Json>();

beforeAll(() => {
  for (const stack of estate.all) {
    const template = estate.template(stack).toJSON() as Json;
    templates.set(stack.stackName, template);
    all = all.concat(resourcesOf(stack.stackName, template));
  }
});

const where = (r: TemplateResource) => `${r.stack}/${r.logicalId}`;

describe('the bundled Peterborough plan', () => {
  test('builds landing zones for every landing-zone server and database', () => {
    const instances = all.filter((r) => r.type === 'AWS::EC2::Instance');
    const databases = all.filter((r) => r.type === 'AWS::RDS::DBInstance');
    // Servers moving with AWS MGN get no instance from the stacks (MGN launches them).
    const built = plan.servers.filter((s) => getsLandingZone(s) && serverEntry(s).route !== 'mgn');
    expect(instances).toHaveLength(built.length);
    expect(databases).toHaveLength(plan.databases.filter(getsLandingZone).length);
    expect(instances.length).toBeGreaterThan(0);
    expect(databases.length).toBeGreaterThan(0);
  });

  test('every server: IMDSv2, no key pair, no public IP, detailed monitoring, termination protection by environment, recovery alarm', () => {
    const tagsOf = (r: TemplateResource) =>
      Object.fromEntries(
        ((r.properties.Tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
      );
    const alarms = all.filter(
      (r) =>
        r.type === 'AWS::CloudWatch::Alarm' && /^StatusCheckFailed_/.test(String(r.properties.MetricName)),
    );
    for (const r of all.filter((x) => x.type === 'AWS::EC2::Instance')) {
      const app = plan.applications.find((a) => a.id === tagsOf(r).Application)!;
      expect([where(r), r.properties.MetadataOptions]).toEqual([
        where(r),
        expect.objectContaining({ HttpTokens: 'required' }),
      ]);
      expect([where(r), r.properties.KeyName, r.properties.Monitoring]).toEqual([where(r), undefined, true]);
      expect([where(r), r.properties.DisableApiTermination]).toEqual([
        where(r),
        app.environment === 'production',
      ]);
      expect(
        (r.properties.NetworkInterfaces as Json[]).every((n) => n.AssociatePublicIpAddress === false),
      ).toBe(true);
      const recovering = alarms.filter(
        (a) => a.stack === r.stack && JSON.stringify(a.properties.Dimensions).includes(r.logicalId),
      );
      expect([where(r), recovering.length]).toEqual([where(r), 1]);
      // Dedicated Host instances recover with their host (recover is not supported there): they reboot on instance-check failure.
      const host = r.properties.Tenancy === 'host';
      expect([
        where(r),
        recovering[0]!.properties.MetricName,
        JSON.stringify(recovering[0]!.properties.AlarmActions),
      ]).toEqual([
        where(r),
        host ? 'StatusCheckFailed_Instance' : 'StatusCheckFailed_System',
        expect.stringContaining(host ? ':ec2:reboot' : ':ec2:recover'),
      ]);
    }
  });

  test('every database: Multi-AZ by the one rule (the tier, or the plan asking for more), retention by tier, protected', () => {
    const retention: Record<string, number> = { gold: 35, silver: 14, bronze: 7 };
    for (const r of all.filter((x) => x.type === 'AWS::RDS::DBInstance')) {
      const tags = Object.fromEntries(
        ((r.properties.Tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
      );
      const db = plan.databases.find((d) => d.id === tags.DatabaseId)!;
      const tier = tags.BackupTier!;
      expect([db.id, r.properties.MultiAZ]).toEqual([db.id, db.highAvailability ?? tier !== 'bronze']);
      expect([db.id, r.properties.BackupRetentionPeriod]).toEqual([db.id, retention[tier]]);
      expect([
        db.id,
        r.properties.DeletionProtection,
        r.properties.CopyTagsToSnapshot,
        r.properties.StorageType,
      ]).toEqual([db.id, true, true, 'gp3']);
      expect(Number(r.properties.MaxAllocatedStorage)).toBeGreaterThan(Number(r.properties.AllocatedStorage));
    }
  });

  test('every EBS volume is encrypted with a customer-managed key', () => {
    const bad: string[] = [];
    for (const r of all) {
      if (r.type === 'AWS::EC2::Instance') {
        for (const m of (r.properties.BlockDeviceMappings ?? []) as Json[]) {
          const ebs = m.Ebs as Json | undefined;
          if (!ebs || ebs.Encrypted !== true || !isCustomerManagedKey(ebs.KmsKeyId))
            bad.push(`${where(r)} ${m.DeviceName as string}`);
        }
        if (((r.properties.BlockDeviceMappings ?? []) as Json[]).length === 0)
          bad.push(`${where(r)} has no block devices`);
      }
      if (
        r.type === 'AWS::EC2::Volume' &&
        (r.properties.Encrypted !== true || !isCustomerManagedKey(r.properties.KmsKeyId))
      ) {
        bad.push(where(r));
      }
    }
    expect(bad).toEqual([]);
  });

  test('every RDS instance, log group, SNS topic, secret, backup vault and bucket uses a customer-managed key', () => {
    const keyOf: Record<string, (p: Json) => unknown> = {
      'AWS::RDS::DBInstance': (p) => (p.StorageEncrypted === true ? p.KmsKeyId : undefined),
      'AWS::Logs::LogGroup': (p) => p.KmsKeyId,
      'AWS::SNS::Topic': (p) => p.KmsMasterKeyId,
      'AWS::SecretsManager::Secret': (p) => p.KmsKeyId,
      'AWS::Backup::BackupVault': (p) => p.EncryptionKeyArn,
      'AWS::S3::Bucket': (p) => {
        const rules = ((p.BucketEncryption as Json | undefined)?.ServerSideEncryptionConfiguration ??
          []) as Json[];
        const byDefault = rules[0]?.ServerSideEncryptionByDefault as Json | undefined;
        return byDefault?.SSEAlgorithm === 'aws:kms' ? byDefault.KMSMasterKeyID : undefined;
      },
    };
    // S3 delivers server access logs only to SSE-S3 buckets: a bucket that is another bucket's
    // access-log destination (and holds nothing else) is the one exception, in the register.
    const logTargets = new Set(
      all
        .filter((r) => r.type === 'AWS::S3::Bucket')
        .map((r) =>
          JSON.stringify([
            r.stack,
            (
              (r.properties.LoggingConfiguration as Json | undefined)?.DestinationBucketName as
                Json | undefined
            )?.Ref,
          ]),
        ),
    );
    const checked = all.filter(
      (r) =>
        r.type in keyOf &&
        !(r.type === 'AWS::S3::Bucket' && logTargets.has(JSON.stringify([r.stack, r.logicalId]))),
    );
    expect(new Set(checked.map((r) => r.type)).size).toBe(6);
    const bad = checked.filter((r) => !isCustomerManagedKey(keyOf[r.type]!(r.properties))).map(where);
    // The only exceptions, forced by the export service (and accepted in the register): VM
    // Import/Export cannot export to an SSE-KMS bucket, and S3 access logs need an SSE-S3 target.
    // (Access-log destination buckets, SSE-S3 as S3 requires, are exempted above.)
    expect(bad).toEqual(['Peterborough-Exit/ExitBucket1734D8ED']);
  });

  test('every RDS instance is snapshotted and every backup vault and key retained on removal', () => {
    const expected: Record<string, string> = {
      'AWS::RDS::DBInstance': 'Snapshot',
      'AWS::Backup::BackupVault': 'Retain',
      'AWS::KMS::Key': 'Retain',
    };
    const checked = all.filter((r) => r.type in expected);
    expect(new Set(checked.map((r) => r.type)).size).toBe(3);
    const bad = checked
      .filter((r) => r.deletionPolicy !== expected[r.type] || r.updateReplacePolicy !== expected[r.type])
      .map((r) => `${where(r)} ${r.deletionPolicy}/${r.updateReplacePolicy}`);
    expect(bad).toEqual([]);
  });

  test('no security group admits 0.0.0.0/0 or ::/0', () => {
    const open = (rule: Json) => rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0';
    const bad: string[] = [];
    for (const r of all) {
      if (r.type === 'AWS::EC2::SecurityGroup') {
        for (const rule of (r.properties.SecurityGroupIngress ?? []) as Json[])
          if (open(rule)) bad.push(where(r));
      }
      if (r.type === 'AWS::EC2::SecurityGroupIngress' && open(r.properties)) bad.push(where(r));
    }
    expect(bad).toEqual([]);
    expect(all.some((r) => r.type === 'AWS::EC2::SecurityGroup')).toBe(true);
  });

  test('every taggable resource carries the estate tags; servers and databases their ids', () => {
    const missing: string[] = [];
    let servers = 0;
    let databases = 0;
    for (const stack of estate.all) {
      for (const r of taggableResources(stack)) {
        const absent = ESTATE_TAG_KEYS.filter((k) => !r.tags[k]);
        if (absent.length > 0) missing.push(`${r.path} (${r.type}) lacks ${absent.join(', ')}`);
        if (r.tags.Estate !== plan.estate.id) missing.push(`${r.path} Estate=${r.tags.Estate}`);
        if (r.type === 'AWS::EC2::Instance') {
          servers++;
          if (!r.tags.ServerId) missing.push(`${r.path} lacks ServerId`);
        }
        if (r.type === 'AWS::RDS::DBInstance') {
          databases++;
          if (!r.tags.DatabaseId) missing.push(`${r.path} lacks DatabaseId`);
        }
      }
    }
    expect(missing).toEqual([]);
    expect(servers).toBeGreaterThan(0);
    expect(databases).toBeGreaterThan(0);
  });

  test('server and database tags come from the plan', () => {
    const server = plan.servers.find(getsLandingZone)!;
    const app = plan.applications.find((a) => a.id === server.application)!;
    const tagged = estate.all
      .flatMap((s) => taggableResources(s))
      .find((r) => r.type === 'AWS::EC2::Instance' && r.tags.ServerId === server.id)!;
    expect(tagged.tags).toMatchObject({
      Estate: plan.estate.id,
      Application: app.id,
      MigrationWave: server.wave,
      CostCentre: app.costCentre,
      DataClassification: app.dataClassification,
      BackupTier: app.tier,
      Environment: app.environment,
    });
  });

  test('every stack is within 400 resources, 200 outputs and 1 MB', () => {
    for (const [name, t] of templates) {
      expect([name, Object.keys(t.Resources as Json).length <= 400]).toEqual([name, true]);
      expect([name, Object.keys((t.Outputs ?? {}) as Json).length <= 200]).toEqual([name, true]);
      expect([name, Buffer.byteLength(JSON.stringify(t)) <= 1024 * 1024]).toEqual([name, true]);
    }
  });

  test('wave stacks depend only on keys, network, security baseline (session log group), access, backup, operations and the wave stack before them', () => {
    const lz = estate.stacks.landingZones;
    const shared = new Set<Stack>([
      estate.stacks.keys,
      estate.stacks.network,
      estate.stacks.securityBaseline!,
      lz.access,
      lz.backup,
      lz.operations,
    ]);
    lz.waves.forEach((stack, i) => {
      const others = stack.dependencies.filter((d) => !shared.has(d)).map((d) => d.stackName);
      expect([stack.stackName, others]).toEqual([
        stack.stackName,
        i === 0 ? [] : [lz.waves[i - 1]!.stackName],
      ]);
    });
    // Deployment order (what `cdk ls` lists) is wave order.
    const waveOrder = (s: Stack) => Number(/-Wave(\d+)-/.exec(s.stackName)![1]);
    const orders = lz.waves.map(waveOrder);
    expect(orders).toEqual([...orders].sort((a, b) => a - b));
  });
});

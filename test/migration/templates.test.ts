/**
 * Templates for the entry routes: no instance for mgn servers (adoption adds only the alarm and
 * changes nothing else), each mgn server's launch target published for `migrate configure`, pinned
 * image ids (never an SSM parameter), DMS for dms databases, the MGN stack, and templates that do
 * not depend on the date.
 */
import { App } from 'aws-cdk-lib';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildEstateApp } from '../../lib/app/estate-app';
import { buildEstateModel, serverDecision } from '../../lib/estate-model';
import { dmsSourceSecretName, mgnLaunchTargetParameterName } from '../../lib/migration';
import { constructIdFor } from '../../lib/shared/naming';
import { databaseEntry, serverEntry } from '../../lib/estate-model/routes/entry-route';
import { loadPlan, type Plan } from '../../lib/plan';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';
import { bundledExampleAssembly, BUNDLED_PLAN_DIR } from '../support/bundled-assembly';
import { sharedAssembly } from '../support/shared-assembly';

type Json = Record<string, unknown>;
const bundled = loadPlan(BUNDLED_PLAN_DIR);

/** Every template of the app built for `plan`, by stack name: a fresh synth each call. */
function synthAll(plan: Plan): Map<string, Json> {
  const app = new App({ context: cdkJsonContext(), outdir: tempDir('movein') });
  buildEstateApp(app, plan);
  const assembly = app.synth();
  return new Map(assembly.stacks.map((s) => [s.stackName, s.template as Json]));
}

/**
 * The same, synthesized once for this file and shared with later runs under `name`
 * (sharedAssembly: the plans here come from migration-plans/ and this file, both in its key).
 */
function sharedSynth(name: string, plan: Plan): Map<string, Json> {
  const dir = sharedAssembly({ name: `move-in-${name}`, testFile: __filename }, () => {
    const app = new App({ context: cdkJsonContext(), outdir: tempDir('movein') });
    buildEstateApp(app, plan);
    return app.synth().directory;
  });
  return new Map(new CloudAssembly(dir).stacks.map((s) => [s.stackName, s.template as Json]));
}

/** The bundled plan's templates, from the assembly other test files share (test/support/bundled-assembly.ts). */
function bundledTemplates(): Map<string, Json> {
  return new Map(bundledExampleAssembly().stacks.map((s) => [s.stackName, s.template as Json]));
}

function resources(templates: Map<string, Json>, type: string): [string, Json][] {
  return [...templates.values()].flatMap((t) =>
    Object.entries((t.Resources ?? {}) as Record<string, Json>).filter(([, r]) => r.Type === type),
  );
}

describe('the bundled plan', () => {
  const adoptedServer = bundled.servers.find((s) => serverEntry(s).route === 'mgn')!;
  const plan: Plan = {
    ...bundled,
    adopted: [
      {
        server: adoptedServer.id,
        sourceServerId: 's-00000000000000001',
        instanceId: 'i-0abc1234def567890',
        adoptedAt: '2027-01-15T00:00:00Z',
      },
    ],
  };
  const templates = sharedSynth('adopted', plan);
  const instances = resources(templates, 'AWS::EC2::Instance');
  const tagOf = (r: Json, key: string) =>
    ((r.Properties as Json).Tags as { Key: string; Value: string }[]).find((t) => t.Key === key)?.Value;

  test('mgn servers get no instance; every other landing-zone server gets exactly one', () => {
    const withInstance = instances.map(([, r]) => tagOf(r, 'ServerId')).sort();
    const expected = bundled.servers
      .filter((s) => ['vm-import', 'rebuild'].includes(serverEntry(s).route))
      .map((s) => s.id)
      .sort();
    expect(withInstance).toEqual(expected);
    expect(bundled.servers.filter((s) => serverEntry(s).route === 'mgn').length).toBeGreaterThan(20);
  });

  test('no instance takes its ImageId from an SSM parameter; rebuild servers use the pinned AMI', () => {
    for (const [, r] of instances) {
      const imageId = (r.Properties as Json).ImageId;
      expect(typeof imageId).toBe('string');
      expect(imageId).toMatch(/^ami-[0-9a-f]+$/);
    }
    for (const t of templates.values())
      expect(JSON.stringify(t.Parameters ?? {})).not.toContain('/aws/service/');
    const dc = instances.find(([, r]) => tagOf(r, 'ServerId') === 'pcc-dc-01')!;
    const pinned = bundled.imageLock.find((e) => e.baseImage === 'windows-server-2022')!;
    expect((dc[1].Properties as Json).ImageId).toBe(pinned.imageId);
  });

  test('an adopted mgn server gets its recovery alarm and the alarms of any server by instance id, and still no instance', () => {
    const alarms = resources(templates, 'AWS::CloudWatch::Alarm').filter(([, r]) =>
      JSON.stringify((r.Properties as Json).Dimensions).includes('i-0abc1234def567890'),
    );
    // Status-check recovery, then CPU, memory and disk (docs/operations.md).
    expect(alarms.map(([, r]) => (r.Properties as Json).MetricName).sort()).toEqual([
      'CPUUtilization',
      'StatusCheckFailed_System',
      'disk_free_percent',
      'mem_used_percent',
    ]);
    expect(instances.some(([, r]) => tagOf(r, 'ServerId') === adoptedServer.id)).toBe(false);
  });

  test('a redeploy after adoption replaces and reboots nothing: every resource is kept as it was', () => {
    const before = bundledTemplates();
    expect([...templates.keys()]).toEqual([...before.keys()]);
    const added: string[] = [];
    for (const [name, t] of before) {
      const was = (t.Resources ?? {}) as Record<string, Json>;
      const now = (templates.get(name)!.Resources ?? {}) as Record<string, Json>;
      for (const [id, r] of Object.entries(was)) {
        // Aggregates that name every server change in place by design: the wave stack's backup-failure
        // rule now lists the adopted instance, the Health stack's composite and dashboard its alarms.
        if (/-Health$/.test(name) || /^BackupFailuresRule\d*[0-9A-F]{8}$/.test(id)) {
          expect([name, id, now[id]?.Type]).toEqual([name, id, r.Type]);
          continue;
        }
        expect([name, id, now[id]]).toEqual([name, id, r]);
      }
      added.push(
        ...Object.keys(now)
          .filter((id) => !(id in was))
          .map((id) => `${now[id]!.Type as string}`),
      );
    }
    // Only the adopted server's alarms are new (status check, CPU, memory, disk); no instance, no
    // volume, no replacement.
    expect(added).toEqual(Array(4).fill('AWS::CloudWatch::Alarm'));
  });

  test("each mgn server's launch target is published for migrate configure: its placement's subnet, the app SG, the stack's profile, the CMK", () => {
    const model = buildEstateModel(bundled);
    const params = resources(templates, 'AWS::SSM::Parameter');
    const mgnServers = bundled.servers.filter((s) => serverEntry(s).route === 'mgn');
    for (const server of mgnServers) {
      const name = mgnLaunchTargetParameterName(bundled.estate.id, server.id);
      const found = params.filter(([, r]) => (r.Properties as Json).Name === name);
      expect(found).toHaveLength(1);
      const value = JSON.stringify((found[0]![1].Properties as Json).Value);
      for (const key of ['subnetId', 'securityGroupIds', 'instanceProfileArn', 'ebsKeyArn'])
        expect(value).toContain(key);
      // The subnet is the server subnet in the zone the model placed it in.
      const zone = serverDecision(model, server.id).placement.availabilityZone;
      const index = bundled.network.availabilityZones.indexOf(zone) + 1;
      expect(index).toBeGreaterThan(0);
      expect(value).toContain(`ServersSubnet${index}Subnet`);
    }
  });

  test('dms databases get a DMS Serverless full load + CDC with validation, TLS endpoints, isolated subnets', () => {
    const dmsDbs = bundled.databases.filter((d) => databaseEntry(d).route === 'dms');
    expect(dmsDbs.length).toBeGreaterThan(0);
    const configs = resources(templates, 'AWS::DMS::ReplicationConfig');
    expect(configs.map(([, r]) => (r.Properties as Json).ReplicationConfigIdentifier).sort()).toEqual(
      dmsDbs.map((d) => `${d.id}-full-load-cdc`).sort(),
    );
    for (const [, r] of configs) {
      Template.fromJSON({ Resources: { R: r } }).hasResourceProperties('AWS::DMS::ReplicationConfig', {
        ReplicationType: 'full-load-and-cdc',
        ReplicationSettings: Match.objectLike({
          ValidationSettings: Match.objectLike({ EnableValidation: true }),
        }),
        ComputeConfig: Match.objectLike({
          KmsKeyId: Match.anyValue(),
          ReplicationSubnetGroupId: Match.anyValue(),
        }),
      });
    }
    const endpoints = resources(templates, 'AWS::DMS::Endpoint');
    expect(endpoints).toHaveLength(dmsDbs.length * 2);
    for (const [, r] of endpoints) expect((r.Properties as Json).SslMode).toBe('require');
    // The source secret is the council's (created by its DBA, by name): the stack makes none, and
    // each source endpoint names it.
    expect(
      resources(templates, 'AWS::SecretsManager::Secret').filter(([id]) => id.includes('DmsSource')),
    ).toEqual([]);
    const sources = JSON.stringify(
      endpoints.filter(([, r]) => (r.Properties as Json).EndpointType === 'source'),
    );
    for (const d of dmsDbs)
      expect(sources).toContain(`"SecretsManagerSecretId":"${dmsSourceSecretName(bundled.estate.id, d.id)}"`);
  });

  test("changing only the date (clock and the lock file's resolvedOn) changes no template", () => {
    jest.useFakeTimers({ now: new Date('2031-06-01T00:00:00Z'), doNotFake: ['nextTick', 'setImmediate'] });
    try {
      const later = synthAll({
        ...plan,
        imageLock: plan.imageLock.map((e) => ({ ...e, resolvedOn: '2031-06-01' })),
      });
      expect([...later.keys()]).toEqual([...templates.keys()]);
      for (const [name, t] of templates) expect(JSON.stringify(later.get(name))).toBe(JSON.stringify(t));
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('MGN templates, applications and waves (the Migration stack, part of every estate using mgn)', () => {
  // Synthesized with the project's own context: template validation on, as errors. F3006 is
  // acknowledged on the AWS::MGN resources only (lib/app/mgn-resource-types.ts).
  const templates = bundledTemplates();
  const migration = Template.fromJSON(templates.get('Peterborough-Migration')!);
  const mgn = bundled.servers.filter((s) => serverEntry(s).route === 'mgn');

  test('replication template: private staging, CMK encryption, no public IP, plan type and throttle', () => {
    migration.hasResourceProperties('AWS::MGN::ReplicationConfigurationTemplate', {
      CreatePublicIP: false,
      DataPlaneRouting: 'PRIVATE_IP',
      EbsEncryption: 'CUSTOM',
      EbsEncryptionKeyArn: Match.anyValue(),
      ReplicationServerInstanceType: bundled.migration.replicationServerInstanceType,
      BandwidthThrottling: bundled.migration.bandwidthThrottleMbps,
      AssociateDefaultSecurityGroup: false,
    });
  });

  test('launch template: right-sizing off, tags copied, agents installed after launch', () => {
    migration.hasResourceProperties('AWS::MGN::LaunchConfigurationTemplate', {
      TargetInstanceTypeRightSizingMethod: 'NONE',
      CopyTags: true,
      CopyPrivateIp: false,
      PostLaunchActions: Match.objectLike({ Deployment: 'TEST_AND_CUTOVER' }),
    });
  });

  test('one MGN application per application and one wave per wave with mgn servers, named by plan id', () => {
    const apps = [...new Set(mgn.map((s) => s.application))];
    const waves = [...new Set(mgn.map((s) => s.wave))];
    migration.resourceCountIs('AWS::MGN::Application', apps.length);
    migration.resourceCountIs('AWS::MGN::Wave', waves.length);
    for (const w of waves) migration.hasResourceProperties('AWS::MGN::Wave', { Name: w });
    const ids = Object.keys(migration.findResources('AWS::MGN::Wave'));
    expect(ids.some((id) => id.startsWith(`MgnWave${constructIdFor(waves[0]!)}`))).toBe(true);
  });
});

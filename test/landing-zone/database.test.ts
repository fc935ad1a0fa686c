import { Match, type Template } from 'aws-cdk-lib/assertions';
import { engineProfileFor, instanceIdentifierFor, storageFor } from '../../lib/database';
import { buildPlan, minimalPlanInput, type MutablePlanInput } from '../support/plan-builder';
import { synthEstate, withVpn } from './support/estate';

type Json = Record<string, unknown>;

const common = { wave: 'wave-2', sizeGiB: 100, vcpu: 2, memoryGiB: 8 };

/** One database of each engine in revenues (gold, production), one PostgreSQL in intranet (bronze). */
function databasesInput(): MutablePlanInput {
  const input = withVpn(minimalPlanInput());
  for (const s of input.servers.servers as Json[]) s.dependsOn = [];
  input.databases.databases = [
    {
      id: 'rev-sql',
      application: 'revenues',
      engine: 'sqlserver',
      edition: 'standard',
      version: '2019',
      ...common,
    },
    // Sizing's default class for Oracle SE2 licence-included is not offered in eu-west-2 (template validation says so).
    {
      id: 'rev-ora',
      application: 'revenues',
      engine: 'oracle',
      edition: 'standard-2',
      version: '19',
      ...common,
      instanceClass: 'db.r6i.large',
    },
    { id: 'rev-pg', application: 'revenues', engine: 'postgresql', version: '16', ...common },
    { id: 'rev-my', application: 'revenues', engine: 'mysql', version: '8.0', ...common },
    { id: 'rev-maria', application: 'revenues', engine: 'mariadb', version: '10.11', ...common },
    {
      id: 'int-pg',
      application: 'intranet',
      engine: 'postgresql',
      version: '16',
      ...common,
      wave: 'wave-1',
      sizeGiB: 10,
    },
  ];
  return input;
}

describe('one database of each engine', () => {
  const plan = buildPlan(databasesInput());
  const estate = synthEstate(plan, 'l-db');
  const revenues = estate.stacks.landingZones.waves.find((s) => s.stackName.endsWith('Revenues'))!;
  const intranet = estate.stacks.landingZones.waves.find((s) => s.stackName.endsWith('Intranet'))!;
  let rev: Template;
  let int: Template;
  beforeAll(() => {
    rev = estate.template(revenues);
    int = estate.template(intranet);
  });

  function instance(identifier: string): Json {
    const found = rev.findResources('AWS::RDS::DBInstance', {
      Properties: { DBInstanceIdentifier: identifier },
    });
    expect(Object.keys(found)).toHaveLength(1);
    return Object.values(found)[0] as Json;
  }

  test.each([
    ['testshire-rev-sql', 'sqlserver-se', '15.00.4455.2.v1', 'license-included', 1433],
    ['testshire-rev-ora', 'oracle-se2', '19.0.0.0.ru-2025-10.rur-2025-10.r1', 'license-included', 2484],
    ['testshire-rev-pg', 'postgres', '16.13', undefined, 5432],
    ['testshire-rev-my', 'mysql', '8.0.46', undefined, 3306],
    ['testshire-rev-maria', 'mariadb', '10.11.16', undefined, 3306],
  ])('%s: engine %s %s, licence %s, guardrails', (identifier, engine, version, licence, _port) => {
    const db = instance(identifier);
    const p = db.Properties as Json;
    expect(p.Engine).toBe(engine);
    expect(p.EngineVersion).toBe(version);
    expect(p.LicenseModel).toBe(licence);
    expect(p).toMatchObject({
      MultiAZ: true,
      StorageType: 'gp3',
      StorageEncrypted: true,
      AllocatedStorage: '120',
      MaxAllocatedStorage: 360,
      DeletionProtection: true,
      BackupRetentionPeriod: 35,
      CopyTagsToSnapshot: true,
      PubliclyAccessible: false,
      EnablePerformanceInsights: true,
      MonitoringInterval: 60,
    });
    expect(JSON.stringify(p.KmsKeyId)).toMatch(/Keys/);
    expect(JSON.stringify(p.PerformanceInsightsKMSKeyId)).toMatch(/Keys/);
    expect(db.DeletionPolicy).toBe('Snapshot');
    expect(db.UpdateReplacePolicy).toBe('Snapshot');
    expect(p.DBSubnetGroupName).toBeDefined();
  });

  test('bronze database is single-AZ with 7-day retention', () => {
    int.hasResourceProperties('AWS::RDS::DBInstance', {
      MultiAZ: false,
      BackupRetentionPeriod: 7,
      AllocatedStorage: '20',
    });
  });

  test('IAM authentication where the engine supports it', () => {
    expect((instance('testshire-rev-pg').Properties as Json).EnableIAMDatabaseAuthentication).toBe(true);
    expect((instance('testshire-rev-my').Properties as Json).EnableIAMDatabaseAuthentication).toBe(true);
    expect(
      (instance('testshire-rev-sql').Properties as Json).EnableIAMDatabaseAuthentication,
    ).toBeUndefined();
  });

  test('TLS is enforced by parameter groups (and the SSL option for Oracle)', () => {
    rev.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'postgres16',
      Parameters: { 'rds.force_ssl': '1' },
    });
    rev.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'mysql8.0',
      Parameters: { require_secure_transport: '1' },
    });
    rev.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'mariadb10.11',
      Parameters: { require_secure_transport: '1' },
    });
    rev.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'sqlserver-se-15.0',
      Parameters: { 'rds.force_ssl': '1' },
    });
    rev.hasResourceProperties('AWS::RDS::OptionGroup', {
      EngineName: 'oracle-se2',
      OptionConfigurations: [Match.objectLike({ OptionName: 'SSL', Port: 2484 })],
    });
  });

  test('every engine keeps an audit trail: audit plugin, pgaudit, SQL Server Audit, Oracle audit trail', () => {
    for (const engine of ['mysql', 'mariadb']) {
      rev.hasResourceProperties('AWS::RDS::OptionGroup', {
        EngineName: engine,
        OptionConfigurations: [
          Match.objectLike({
            OptionName: 'MARIADB_AUDIT_PLUGIN',
            OptionSettings: Match.arrayWith([
              { Name: 'SERVER_AUDIT_EVENTS', Value: 'CONNECT,QUERY_DDL,QUERY_DML_NO_SELECT,QUERY_DCL' },
            ]),
          }),
        ],
      });
    }
    expect((instance('testshire-rev-my').Properties as Json).EnableCloudwatchLogsExports).toContain('audit');
    rev.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: 'postgres16',
      Parameters: Match.objectLike({
        shared_preload_libraries: 'pg_stat_statements,pgaudit',
        'pgaudit.log': 'ddl,role,write',
      }),
    });
    rev.hasResourceProperties('AWS::RDS::OptionGroup', {
      EngineName: 'sqlserver-se',
      OptionConfigurations: Match.arrayWith([
        Match.objectLike({
          OptionName: 'SQLSERVER_AUDIT',
          OptionSettings: Match.arrayWith([Match.objectLike({ Name: 'S3_BUCKET_ARN' })]),
        }),
      ]),
    });
    rev.hasResourceProperties('AWS::RDS::DBParameterGroup', {
      Family: Match.stringLikeRegexp('^oracle-se2'),
      Parameters: { audit_trail: 'XML,EXTENDED', audit_sys_operations: 'TRUE' },
    });
  });

  test('SQL Server has native backup/restore to a CMK-encrypted, versioned, private, TLS-only bucket', () => {
    rev.hasResourceProperties('AWS::RDS::OptionGroup', {
      EngineName: 'sqlserver-se',
      OptionConfigurations: Match.arrayWith([
        Match.objectLike({
          OptionName: 'SQLSERVER_BACKUP_RESTORE',
          OptionSettings: [Match.objectLike({ Name: 'IAM_ROLE_ARN' })],
        }),
      ]),
    });
    rev.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: Match.objectLike({
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: Match.anyValue() },
            BucketKeyEnabled: true,
          }),
        ],
      }),
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    rev.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      }),
    });
    rev.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    int.resourceCountIs('AWS::S3::Bucket', 0);
  });

  test('credentials are generated secrets under the secrets CMK, rotated by hosted rotation (no Lambda asset)', () => {
    rev.resourceCountIs('AWS::SecretsManager::Secret', 5);
    for (const secret of Object.values(rev.findResources('AWS::SecretsManager::Secret')) as Json[]) {
      expect(JSON.stringify((secret.Properties as Json).KmsKeyId)).toMatch(/Keys/);
    }
    rev.resourceCountIs('AWS::SecretsManager::RotationSchedule', 5);
    rev.hasResourceProperties('AWS::SecretsManager::RotationSchedule', {
      HostedRotationLambda: Match.objectLike({ RotationType: 'SQLServerSingleUser' }),
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    });
    rev.resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.keys(rev.toJSON())).toContain('Transform');
  });

  test('log exports go to log groups created first, encrypted with the logs CMK', () => {
    const pg = instance('testshire-rev-pg');
    expect((pg.Properties as Json).EnableCloudwatchLogsExports).toEqual(['postgresql', 'upgrade']);
    rev.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/rds/instance/testshire-rev-pg/postgresql',
      KmsKeyId: Match.anyValue(),
      RetentionInDays: 365,
    });
    expect((pg.DependsOn as string[]).some((d) => d.startsWith('RevPgLogPostgresql'))).toBe(true);
    for (const group of Object.values(rev.findResources('AWS::Logs::LogGroup')) as Json[]) {
      expect((group.Properties as Json).KmsKeyId).toBeDefined();
    }
  });

  test('each database admits only its application servers, the admin range and the rotation function', () => {
    const groups = rev.findResources('AWS::EC2::SecurityGroup', {
      Properties: { GroupDescription: Match.stringLikeRegexp('^Database rev-pg') },
    });
    const [id, group] = Object.entries(groups)[0]!;
    const inline = ((group as Json).Properties as Json).SecurityGroupIngress as Json[];
    expect(inline).toEqual([
      expect.objectContaining({ CidrIp: '10.1.0.0/24', FromPort: 5432, ToPort: 5432 }),
    ]);
    const rules = Object.values(rev.findResources('AWS::EC2::SecurityGroupIngress')) as Json[];
    const mine = rules.filter((r) => JSON.stringify((r.Properties as Json).GroupId).includes(id));
    expect(mine).toHaveLength(2);
    const sources = mine.map((r) => JSON.stringify((r.Properties as Json).SourceSecurityGroupId)).join(' ');
    expect(sources).toMatch(/ApplicationsRevenues/);
    expect(sources).toMatch(/RotationSecurityGroup/);
  });
});

describe('engine mapping errors', () => {
  const plan = buildPlan(databasesInput());
  const base = plan.databases[0]!;

  test('an unsupported version names the database and the allowed versions', () => {
    expect(() => engineProfileFor({ ...base, version: '2008' })).toThrow(
      'Database "rev-sql": SQL Server version "2008" is not supported on RDS here; use one of "2016" (13.00), "2017" (14.00), "2019" (15.00), "2022" (16.00)',
    );
  });

  test('SQL Server bring-your-own is refused (RDS is licence-included only)', () => {
    expect(() => engineProfileFor({ ...base, licence: 'bring-your-own' })).toThrow(/licence-included only/);
  });

  test('SQL Server Express and Web get no Multi-AZ', () => {
    expect(engineProfileFor({ ...base, engine: 'sqlserver', edition: 'express' }).supportsMultiAz).toBe(
      false,
    );
    expect(engineProfileFor({ ...base, engine: 'sqlserver', edition: 'web' }).supportsMultiAz).toBe(false);
  });

  test('storage headroom and ceiling', () => {
    expect(storageFor(100, 'postgresql')).toEqual({ allocatedGiB: 120, maxAllocatedGiB: 360 });
    expect(storageFor(10, 'mysql')).toEqual({ allocatedGiB: 20, maxAllocatedGiB: 60 });
    expect(storageFor(10000, 'sqlserver')).toEqual({ allocatedGiB: 12000, maxAllocatedGiB: 16384 });
  });

  test('long identifiers stay within 63 characters, stably', () => {
    const id = instanceIdentifierFor('a'.repeat(40), 'b'.repeat(40));
    expect(id.length).toBeLessThanOrEqual(63);
    expect(id).toBe(instanceIdentifierFor('a'.repeat(40), 'b'.repeat(40)));
  });
});

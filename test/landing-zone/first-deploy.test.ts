/**
 * First deploy, over both bundled estates (issue 22): resources a service checks at creation are
 * created after the policies they need; Session Manager, secrets, the recovery vault, the exit
 * bucket, backup copies, access shards and endpoint policies hold what the issue asks.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { creationNeeds } from './support/creation-order';
import { bundledEstateStacks, type SharedStack } from './support/estate';

type Json = Record<string, unknown>;

const ESTATES = ['peterborough', 'northvale'] as const;
/** An estate's stacks: templates only, read from an assembly shared with later runs. */
interface Estate {
  readonly all: readonly SharedStack[];
}
const synthesized = new Map<string, Estate>();
function estate(id: (typeof ESTATES)[number]): Estate {
  let e = synthesized.get(id);
  if (!e) {
    e = { all: bundledEstateStacks(id) };
    synthesized.set(id, e);
  }
  return e;
}
const templateJson = (e: Estate, name: string): Json => e.all.find((s) => s.stackName === name)!.template;

describe.each(ESTATES)('the %s estate', (id) => {
  test('every resource a service checks at creation depends on the policies of its stack it needs', () => {
    const e = estate(id);
    const needs = e.all.flatMap((s) =>
      creationNeeds(templateJson(e, s.stackName) as never).map((n) => ({ stack: s.stackName, ...n })),
    );
    // The cases the issue names are among them (both estates have backup vaults and flow logs).
    expect(needs.map((n) => n.type)).toEqual(
      expect.arrayContaining([
        'AWS::Backup::BackupVault',
        'AWS::EC2::FlowLog',
        'AWS::StepFunctions::StateMachine',
      ]),
    );
    if (id === 'peterborough')
      expect(needs.map((n) => n.type)).toEqual(
        expect.arrayContaining(['AWS::Lambda::Function', 'AWS::Budgets::Budget', 'AWS::Scheduler::Schedule']),
      );
    expect(needs.filter((n) => n.missing.length > 0)).toEqual([]);
  });
});

/** Every resource of every stack of the estate, with its stack. */
function allResources(e: Estate): { stack: string; id: string; r: Json }[] {
  return e.all.flatMap((s) =>
    Object.entries((templateJson(e, s.stackName).Resources ?? {}) as Record<string, Json>).map(([id, r]) => ({
      stack: s.stackName,
      id,
      r,
    })),
  );
}
const props = (r: Json): Json => (r.Properties ?? {}) as Json;
/** The estate key a reference points at (`LogsOfficialSensitiveKey`), from its export or output name. */
const keyNamed = (value: unknown): string | undefined =>
  /Keys([A-Z][A-Za-z]*Key)[0-9A-F]{8}/.exec(JSON.stringify(value))?.[1];

describe.each(ESTATES)('Session Manager in the %s estate', (id) => {
  test('sessions run as an unprivileged user for at most an hour, logged to an encrypted group', () => {
    const docs = allResources(estate(id)).filter((x) => props(x.r).Name === 'SSM-SessionManagerRunShell');
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      const inputs = (props(doc.r).Content as Json).inputs as Json;
      expect(inputs).toMatchObject({
        runAsEnabled: true,
        runAsDefaultUser: 'estate-session',
        maxSessionDuration: '60',
        cloudWatchEncryptionEnabled: true,
        cloudWatchLogGroupName: `/estate/${id}/sessions`,
      });
      expect(keyNamed(inputs.kmsKeyId)).toMatch(/^Logs/);
    }
  });

  test('the Linux session user is created on every server of the estate by an association', () => {
    const all = allResources(estate(id));
    const associations = all.filter(
      (x) => x.r.Type === 'AWS::SSM::Association' && x.stack.endsWith('SecurityBaseline'),
    );
    expect(associations.length).toBeGreaterThan(0);
    for (const a of associations) expect(props(a.r).Targets).toEqual([{ Key: 'tag:Estate', Values: [id] }]);
    const userDocs = all.filter((x) => props(x.r).Name === `${id}-SessionUser`);
    expect(JSON.stringify(userDocs.map((d) => props(d.r).Content))).toContain('useradd');
  });

  test('every server role may use its account session key and stream to the session log group', () => {
    const e = estate(id);
    const all = allResources(e);
    const sessionKeyOf = new Map(
      all
        .filter((x) => props(x.r).Name === 'SSM-SessionManagerRunShell')
        .map((d) => [
          e.all.find((s) => s.stackName === d.stack)!.account,
          keyNamed(((props(d.r).Content as Json).inputs as Json).kmsKeyId),
        ]),
    );
    const agentPolicies = all.filter(
      (x) => x.r.Type === 'AWS::IAM::ManagedPolicy' && x.id.startsWith('ServerRoleAgentPolicy'),
    );
    expect(agentPolicies.length).toBeGreaterThan(0);
    for (const p of agentPolicies) {
      const statements = (props(p.r).PolicyDocument as Json).Statement as Json[];
      const sid = (s: string) => statements.find((x) => x.Sid === s);
      expect(sid('UseSessionKey')?.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
      const account = e.all.find((s) => s.stackName === p.stack)!.account;
      expect(keyNamed(sid('UseSessionKey')?.Resource)).toBe(sessionKeyOf.get(account));
      // The group itself (a reference to the security baseline's log group), not a name pattern.
      expect(JSON.stringify(sid('StreamSessionTranscripts')?.Resource)).toMatch(/SessionManagerSessions/);
    }
  });
});

describe.each(ESTATES)('secrets in the %s estate', (id) => {
  test("DMS source secrets are the council's: the stack creates and rotates none; database secrets rotate", () => {
    const all = allResources(estate(id));
    // A database secret is rotated through its target attachment (which names the secret).
    const attachments = new Map(
      all
        .filter((x) => x.r.Type === 'AWS::SecretsManager::SecretTargetAttachment')
        .map((x) => [JSON.stringify({ Ref: x.id }), JSON.stringify(props(x.r).SecretId)]),
    );
    const rotated = new Set(
      all
        .filter((x) => x.r.Type === 'AWS::SecretsManager::RotationSchedule')
        .map((x) => JSON.stringify(props(x.r).SecretId))
        .map((ref) => attachments.get(ref) ?? ref),
    );
    const secrets = all.filter((x) => x.r.Type === 'AWS::SecretsManager::Secret');
    expect(secrets.filter((s) => s.id.includes('DmsSource'))).toEqual([]);
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(rotated.has(JSON.stringify({ Ref: s.id }))).toBe(true);
    // Every source endpoint names a secret by name, and nothing rotates a secret by that name.
    const sourceNames = all
      .filter((x) => x.r.Type === 'AWS::DMS::Endpoint' && props(x.r).EndpointType === 'source')
      .map((x) => JSON.stringify(props(x.r)).match(/"SecretsManagerSecretId":"([^"]+)"/)?.[1]);
    if (id === 'peterborough') expect(sourceNames.length).toBeGreaterThan(0);
    for (const name of sourceNames) {
      expect(name).toMatch(new RegExp(`^${id}/dms-source/[a-z0-9-]+$`));
      expect([...rotated].some((r) => r.includes(name!))).toBe(false);
    }
  });

  test("DMS reads its source secret by exactly that name's ARN pattern, and the secret's policy admits only DMS and break-glass", () => {
    const all = allResources(estate(id));
    const sources = all.filter(
      (x) => x.r.Type === 'AWS::DMS::Endpoint' && props(x.r).EndpointType === 'source',
    );
    const policies = all.filter((x) => x.r.Type === 'AWS::SecretsManager::ResourcePolicy');
    const managed = JSON.stringify(all.filter((x) => x.r.Type === 'AWS::IAM::ManagedPolicy').map((x) => x.r));
    for (const source of sources) {
      const name = JSON.stringify(props(source.r)).match(/"SecretsManagerSecretId":"([^"]+)"/)![1]!;
      expect(managed).toContain(`:secret:${name}-??????`);
      const policy = policies.find((p) => props(p.r).SecretId === name);
      expect(policy).toBeDefined();
      const deny = ((props(policy!.r).ResourcePolicy as Json).Statement as Json[]).find(
        (x) => x.Sid === 'OnlyRotationDmsAndBreakGlass',
      );
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' } });
      const allowed = JSON.stringify((deny!.Condition as Json).ArnNotLike);
      expect(allowed).toMatch(/role\/(PccBreakGlass|NdcBreakGlass)/);
      expect(allowed).toContain('SecretsAccess');
    }
  });

  test("every secret's policy denies its value to all but its rotation, DMS and break-glass", () => {
    const all = allResources(estate(id));
    const policies = new Map(
      all
        .filter((x) => x.r.Type === 'AWS::SecretsManager::ResourcePolicy')
        .map((x) => [JSON.stringify(props(x.r).SecretId), props(x.r).ResourcePolicy as Json]),
    );
    for (const s of all.filter((x) => x.r.Type === 'AWS::SecretsManager::Secret')) {
      const policy = policies.get(JSON.stringify({ Ref: s.id }));
      const deny = ((policy?.Statement ?? []) as Json[]).find(
        (x) => x.Sid === 'OnlyRotationDmsAndBreakGlass',
      );
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' } });
      expect(deny!.Action).toEqual(
        expect.arrayContaining(['secretsmanager:GetSecretValue', 'secretsmanager:DeleteSecret']),
      );
      const allowed = JSON.stringify((deny!.Condition as Json).ArnNotLike);
      expect(allowed).toMatch(/role\/(PccBreakGlass|NdcBreakGlass)/);
      expect(JSON.stringify((deny!.Condition as Json).StringNotLike)).toMatch(/-rotation"/);
    }
  });
});

describe.each(ESTATES)('evidence and recovery stores of the %s estate', (id) => {
  const breakGlass = id === 'peterborough' ? 'PccBreakGlass' : 'NdcBreakGlass';
  const orgId = id === 'peterborough' ? 'o-pbcouncil01' : 'o-northvale001';

  test('the recovery vault denies deletion and protection changes to all but break-glass; copies in only from the Organization', () => {
    const vaults = allResources(estate(id)).filter(
      (x) => x.r.Type === 'AWS::Backup::BackupVault' && x.stack.includes('-RecoveryVault'),
    );
    expect(vaults.length).toBeGreaterThan(0);
    for (const v of vaults) {
      const statements = (props(v.r).AccessPolicy as Json).Statement as Json[];
      const sid = (s: string) => statements.find((x) => x.Sid === s)!;
      expect(sid('AllowCopyFromWorkloadAccounts')).toMatchObject({
        Action: 'backup:CopyIntoBackupVault',
        Condition: { StringEquals: { 'aws:PrincipalOrgID': orgId } },
      });
      expect(sid('OnlyBreakGlassMayDelete')).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' } });
      expect(sid('OnlyBreakGlassMayDelete').Action).toEqual(
        expect.arrayContaining([
          'backup:DeleteRecoveryPoint',
          'backup:DeleteBackupVault',
          'backup:DeleteBackupVaultAccessPolicy',
          'backup:DeleteBackupVaultLockConfiguration',
        ]),
      );
      expect(JSON.stringify(sid('OnlyBreakGlassMayDelete').Condition)).toContain(`role/${breakGlass}`);
      expect(sid('OnlyBreakGlassAndDeploymentMayReplaceProtection').Action).toEqual([
        'backup:PutBackupVaultAccessPolicy',
        'backup:PutBackupVaultLockConfiguration',
      ]);
      // The shortest tier rule keeps its points 7 days: the lock minimum is not shorter.
      expect((props(v.r).LockConfiguration as Json).MinRetentionDays).toBe(7);
    }
  });

  test('workload backups are copied across accounts in the home region only; the backup account has a detector and alerts', () => {
    const e = estate(id);
    const all = allResources(e);
    const plans = all.filter((x) => x.r.Type === 'AWS::Backup::BackupPlan');
    expect(plans.length).toBeGreaterThan(0);
    for (const p of plans)
      for (const rule of (props(p.r).BackupPlan as Json).BackupPlanRule as Json[])
        for (const copy of (rule.CopyActions ?? []) as Json[])
          expect(String(copy.DestinationBackupVaultArn)).toMatch(
            /^arn:[^:]+:backup:eu-west-2:\d{12}:backup-vault:/,
          );
    const home = e.all.find((s) => s.stackName.endsWith('-RecoveryVault'))!;
    const homeTemplate = Template.fromJSON(home.template);
    homeTemplate.resourceCountIs('AWS::GuardDuty::Detector', 1);
    homeTemplate.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.backup'], detail: { backupVaultName: [`${id}-recovery`] } },
    });
    homeTemplate.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: {} });
  });

  test('the exit bucket lets only the export roles, the exit operator and break-glass near its objects', () => {
    const buckets = allResources(estate(id)).filter(
      (x) =>
        x.r.Type === 'AWS::S3::BucketPolicy' &&
        x.stack.endsWith('-Exit') &&
        x.id.startsWith('ExitBucketPolicy'),
    );
    expect(buckets.length).toBeGreaterThan(0);
    for (const b of buckets) {
      const deny = ((props(b.r).PolicyDocument as Json).Statement as Json[]).find(
        (s) => s.Sid === 'OnlyExportRolesOperatorAndBreakGlass',
      )!;
      expect(deny).toMatchObject({ Effect: 'Deny', Principal: { AWS: '*' } });
      expect(deny.Action).toEqual(
        expect.arrayContaining(['s3:GetObject*', 's3:PutObject*', 's3:DeleteObject*']),
      );
      const allowed = JSON.stringify((deny.Condition as Json).ArnNotLike);
      for (const who of [`role/${breakGlass}`, 'VmImportRole', 'RdsExportRole', 'ExitOperatorRole'])
        expect([who, allowed.includes(who)]).toEqual([who, true]);
      expect((deny.Condition as Json).BoolIfExists).toEqual({ 'aws:PrincipalIsAWSService': 'false' });
    }
  });

  test('every bucket with Object Lock has a default retention; access-log buckets have no Object Lock', () => {
    const buckets = allResources(estate(id)).filter((x) => x.r.Type === 'AWS::S3::Bucket');
    for (const b of buckets) {
      const p = props(b.r);
      if (p.ObjectLockEnabled === true)
        expect([b.stack, b.id, (p.ObjectLockConfiguration as Json | undefined)?.Rule]).toEqual([
          b.stack,
          b.id,
          { DefaultRetention: expect.objectContaining({ Days: expect.any(Number) }) },
        ]);
      if (b.id.includes('AccessLogs')) expect([b.id, p.ObjectLockEnabled ?? false]).toEqual([b.id, false]);
    }
  });

  test('SQL Server audit files go to their own bucket with compliance-mode Object Lock', () => {
    const all = allResources(estate(id));
    const options = all.filter((x) => x.r.Type === 'AWS::RDS::OptionGroup');
    const audits = options.flatMap((o) =>
      ((props(o.r).OptionConfigurations ?? []) as Json[]).filter((c) => c.OptionName === 'SQLSERVER_AUDIT'),
    );
    if (id === 'peterborough') expect(audits.length).toBeGreaterThan(0);
    for (const a of audits) {
      const bucketArn = JSON.stringify(
        ((a.OptionSettings as Json[]).find((s) => s.Name === 'S3_BUCKET_ARN') ?? {}).Value,
      );
      expect(bucketArn).toContain('SqlServerAuditBucket');
    }
    for (const b of all.filter(
      (x) => x.r.Type === 'AWS::S3::Bucket' && x.id.startsWith('DatabasesSqlServerAuditBucket'),
    ))
      expect((props(b.r).ObjectLockConfiguration as Json).Rule).toEqual({
        DefaultRetention: { Mode: 'COMPLIANCE', Days: 365 },
      });
  });

  test('interface endpoints admit only the account principals, and its resources where the service allows', () => {
    const endpoints = allResources(estate(id)).filter(
      (x) => x.r.Type === 'AWS::EC2::VPCEndpoint' && props(x.r).VpcEndpointType === 'Interface',
    );
    expect(endpoints.length).toBeGreaterThan(0);
    for (const ep of endpoints) {
      const service = JSON.stringify(props(ep.r).ServiceName);
      const condition = (((props(ep.r).PolicyDocument as Json).Statement as Json[])[0]!.Condition as Json)
        .StringEquals as Json;
      expect(condition['aws:PrincipalAccount']).toMatch(/^\d{12}$/);
      const expectResource = /\.(kms|logs|secretsmanager)"/.test(service);
      if (expectResource)
        expect([service, condition['aws:ResourceAccount']]).toEqual([
          service,
          condition['aws:PrincipalAccount'],
        ]);
      if (/\.(ssm|ssmmessages|ec2messages)"/.test(service))
        expect([service, condition['aws:ResourceAccount']]).toEqual([service, undefined]);
    }
  });
});

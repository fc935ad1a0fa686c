/**
 * The independent review's points (issue 11), proved on every template of the bundled example and
 * of a generated estate: database audit trails per engine, no AWS-managed CloudWatch agent policy
 * on server roles, no all-traffic internet egress unless the plan declares it (and then only on its
 * ports), environment separation, endpoint policies, VPN tunnel crypto, restore tests kept out of the
 * default VPC, backup selections by type and tag, and the native-backup bucket restricted.
 */
import { join } from 'node:path';
import { loadPlan } from '../../lib/plan';
import type { Plan } from '../../lib/plan/plan';
import { getsLandingZone } from '../../lib/plan/plan';
import { PROJECT_ROOT } from '../app/support/cdk-app';
import { bundledEstateTemplates, sharedEstateTemplates } from './support/estate';
import { generatedPlan } from './support/generated-plan';
import { resourcesOf, type TemplateResource } from './support/walk';

type Json = Record<string, unknown>;

interface Walked {
  readonly plan: Plan;
  readonly all: readonly TemplateResource[];
}

/** Every resource of every template of the estate built for `plan` (templates by stack name). */
function walk(plan: Plan, templates: ReadonlyMap<string, Json>): Walked {
  let all: TemplateResource[] = [];
  for (const [stackName, template] of templates) {
    all = all.concat(resourcesOf(stackName, template));
  }
  return { plan, all };
}

const refId = (v: unknown): string | undefined => {
  if (v && typeof v === 'object') {
    const o = v as Json;
    if (typeof o.Ref === 'string') return o.Ref;
    if (Array.isArray(o['Fn::GetAtt'])) return String((o['Fn::GetAtt'] as unknown[])[0]);
  }
  return undefined;
};
const where = (r: TemplateResource) => `${r.stack}/${r.logicalId}`;
const tags = (r: TemplateResource): Record<string, string> =>
  Object.fromEntries(
    ((r.properties.Tags ?? []) as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]),
  );

/** Every egress rule with the security group it belongs to (inline or a separate resource). */
function egressRules(all: readonly TemplateResource[]): { group: TemplateResource; rule: Json }[] {
  const groups = new Map(
    all.filter((r) => r.type === 'AWS::EC2::SecurityGroup').map((r) => [`${r.stack}/${r.logicalId}`, r]),
  );
  const out: { group: TemplateResource; rule: Json }[] = [];
  for (const g of groups.values()) {
    for (const rule of (g.properties.SecurityGroupEgress ?? []) as Json[]) out.push({ group: g, rule });
  }
  for (const r of all.filter((x) => x.type === 'AWS::EC2::SecurityGroupEgress')) {
    const id = refId(r.properties.GroupId);
    const group = id ? groups.get(`${r.stack}/${id}`) : undefined;
    // Rules on a group in another stack reference it through an import; find it by its export.
    const owner = group ??
      [...groups.values()].find((g) => JSON.stringify(r.properties.GroupId).includes(g.logicalId)) ?? {
        stack: r.stack,
        logicalId: `imported:${JSON.stringify(r.properties.GroupId)}`,
        type: 'AWS::EC2::SecurityGroup',
        properties: {},
      };
    out.push({ group: owner, rule: r.properties });
  }
  return out;
}

const applicationOfGroup = (g: TemplateResource): string | undefined =>
  /^Servers of (\S+) /.exec(String(g.properties.GroupDescription ?? ''))?.[1];

function internetPorts(plan: Plan, app: string): Set<string> {
  const ports = new Set<string>();
  for (const s of plan.servers.filter((x) => x.application === app && getsLandingZone(x))) {
    for (const f of s.outboundFlows) {
      if ('internet' in f.to) ports.add(`${f.protocol}/${f.port}-${f.toPort ?? f.port}`);
    }
  }
  return ports;
}

function checks(name: string, load: () => Walked): void {
  describe(name, () => {
    let w: Walked;
    beforeAll(() => {
      w = load();
    });
    const of = (type: string) => w.all.filter((r) => r.type === type);
    const byId = (r: TemplateResource, id: string | undefined) =>
      w.all.find((x) => x.stack === r.stack && x.logicalId === id);

    test('1. every database has its engine audit trail, logs kept >= 365 days for OFFICIAL-SENSITIVE', () => {
      const dbs = of('AWS::RDS::DBInstance');
      expect(dbs.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const db of dbs) {
        const p = db.properties;
        const engine = String(p.Engine);
        const options = JSON.stringify(
          byId(db, refId(p.OptionGroupName))?.properties.OptionConfigurations ?? [],
        );
        const params = (byId(db, refId(p.DBParameterGroupName))?.properties.Parameters ?? {}) as Json;
        const exports = (p.EnableCloudwatchLogsExports ?? []) as string[];
        const ok = /^(mysql|mariadb)$/.test(engine)
          ? options.includes('MARIADB_AUDIT_PLUGIN') && exports.includes('audit')
          : engine === 'postgres'
            ? String(params.shared_preload_libraries).includes('pgaudit') && Boolean(params['pgaudit.log'])
            : engine.startsWith('sqlserver')
              ? options.includes('SQLSERVER_AUDIT') && options.includes('S3_BUCKET_ARN')
              : engine.startsWith('oracle')
                ? params.audit_trail === 'XML,EXTENDED' && exports.includes('audit')
                : false;
        if (!ok) problems.push(`${where(db)} (${engine}) has no audit trail`);
        if (tags(db).DataClassification === 'OFFICIAL-SENSITIVE') {
          const logs = of('AWS::Logs::LogGroup').filter((l) =>
            String(l.properties.LogGroupName ?? '').startsWith(
              `/aws/rds/instance/${String(p.DBInstanceIdentifier)}/`,
            ),
          );
          expect(logs.length).toBeGreaterThan(0);
          for (const l of logs) {
            if (Number(l.properties.RetentionInDays) < 365)
              problems.push(`${where(l)} keeps logs < 365 days`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    test('2. no server role carries the AWS-managed CloudWatchAgentServerPolicy (or VSS policy) or log retention rights', () => {
      const roles = of('AWS::IAM::Role');
      expect(roles.length).toBeGreaterThan(0);
      for (const r of roles)
        for (const managed of ['CloudWatchAgentServerPolicy', 'AWSEC2VssSnapshotPolicy'])
          expect([where(r), JSON.stringify(r.properties)]).not.toEqual([
            where(r),
            expect.stringContaining(managed),
          ]);
      for (const p of [...of('AWS::IAM::ManagedPolicy'), ...of('AWS::IAM::Policy')]) {
        expect([where(p), JSON.stringify(p.properties.PolicyDocument)]).not.toEqual([
          where(p),
          expect.stringMatching(/PutRetentionPolicy|DeleteLogGroup|"logs:\*"/),
        ]);
      }
    });

    test('3. no security group sends everything to the internet; internet egress only as the plan declares', () => {
      const rules = egressRules(w.all);
      expect(rules.length).toBeGreaterThan(0);
      const problems: string[] = [];
      let declared = 0;
      for (const { group, rule } of rules) {
        const open = rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0';
        if (!open) continue;
        const app = applicationOfGroup(group);
        const port = `${String(rule.IpProtocol)}/${String(rule.FromPort)}-${String(rule.ToPort)}`;
        if (rule.IpProtocol === '-1' || !app || !internetPorts(w.plan, app).has(port)) {
          problems.push(`${where(group)} egress ${port} to ${String(rule.CidrIp ?? rule.CidrIpv6)}`);
        } else declared++;
      }
      expect(problems).toEqual([]);
      expect(declared).toBeGreaterThan(0);
      for (const g of of('AWS::EC2::SecurityGroup')) {
        const inline = (g.properties.SecurityGroupEgress ?? []) as Json[];
        expect([where(g), inline.some((r) => r.IpProtocol === '-1' && r.CidrIp === '0.0.0.0/0')]).toEqual([
          where(g),
          false,
        ]);
      }
    });

    test('3. every VPC endpoint has a policy limited to the estate account', () => {
      const endpoints = of('AWS::EC2::VPCEndpoint');
      expect(endpoints.length).toBeGreaterThan(1);
      for (const e of endpoints) {
        expect([where(e), JSON.stringify(e.properties.PolicyDocument ?? null)]).toEqual([
          where(e),
          expect.stringContaining(`"aws:PrincipalAccount":"${w.plan.estate.account}"`),
        ]);
      }
    });

    test('4. a non-production application reaches a production one only through a flow naming it', () => {
      const appGroups = new Map(
        of('AWS::EC2::SecurityGroup')
          .filter((g) => applicationOfGroup(g))
          .map((g) => [g.logicalId, applicationOfGroup(g)!]),
      );
      const env = (id: string) => w.plan.applications.find((a) => a.id === id)!.environment;
      const named = (from: string, to: string) =>
        w.plan.servers.some(
          (s) =>
            s.application === to &&
            s.inboundFlows.some((f) => 'application' in f.from && f.from.application === from),
        );
      let crossings = 0;
      for (const { group, rule } of egressRules(w.all)) {
        const from = applicationOfGroup(group);
        const to = appGroups.get(refId(rule.DestinationSecurityGroupId) ?? '');
        if (!from || !to || env(from) !== 'non-production' || env(to) !== 'production') continue;
        crossings++;
        expect([from, to, named(from, to)]).toEqual([from, to, true]);
      }
      // The loop saw real egress: non-production applications have rules to production ones
      // (explicit flows) or are cut off from them (VPC-wide sources do not count for them).
      const nonProduction = w.plan.applications.filter((a) => a.environment === 'non-production');
      expect(nonProduction.length).toBeGreaterThan(0);
      expect(crossings + nonProduction.length).toBeGreaterThan(0);
    });

    test('5. the site-to-site VPN runs IKEv2 with AES-256, SHA-2 and DH 19-21, logging both tunnels', () => {
      const vpns = of('AWS::EC2::VPNConnection');
      expect(vpns.length).toBe(w.plan.network.hybridLink.type === 'site-to-site-vpn' ? 1 : 0);
      for (const v of vpns) {
        const tunnels = v.properties.VpnTunnelOptionsSpecifications as Json[];
        expect(tunnels).toHaveLength(2);
        for (const t of tunnels) {
          const values = (k: string) => ((t[k] ?? []) as { Value: unknown }[]).map((x) => x.Value);
          expect(values('IKEVersions')).toEqual(['ikev2']);
          for (const k of ['Phase1EncryptionAlgorithms', 'Phase2EncryptionAlgorithms'])
            expect(values(k).every((a) => /^AES256/.test(String(a)))).toBe(true);
          for (const k of ['Phase1IntegrityAlgorithms', 'Phase2IntegrityAlgorithms'])
            expect(values(k).every((a) => /^SHA2-/.test(String(a)))).toBe(true);
          for (const k of ['Phase1DHGroupNumbers', 'Phase2DHGroupNumbers'])
            expect(values(k).every((g) => Number(g) >= 19 && Number(g) <= 21)).toBe(true);
          expect((t.LogOptions as Json).CloudwatchLogOptions).toMatchObject({ LogEnabled: true });
        }
      }
    });

    test('6. restore tests place every copy in the estate isolated subnets behind a no-rules group', () => {
      const selections = of('AWS::Backup::RestoreTestingSelection');
      expect(selections.length).toBe(2);
      for (const s of selections) {
        const o = (s.properties.RestoreMetadataOverrides ?? {}) as Json;
        const keys =
          s.properties.ProtectedResourceType === 'EC2'
            ? ['subnetId', 'securityGroupIds']
            : ['dbSubnetGroupName', 'vpcSecurityGroupIds'];
        for (const k of keys) expect([where(s), k, o[k] !== undefined]).toEqual([where(s), k, true]);
      }
    });

    test('6. a validation step checks each completed restore test copy and reports it to AWS Backup', () => {
      const [plan] = of('AWS::Backup::RestoreTestingPlan');
      // (The Operations stack's rule that reports failed restore jobs is docs/operations.md's.)
      const rules = of('AWS::Events::Rule').filter(
        (r) =>
          JSON.stringify(r.properties.EventPattern).includes('Restore Job State Change') &&
          r.stack.endsWith('-Backup'),
      );
      expect(rules).toHaveLength(1);
      const rule = rules[0]!;
      // Only completed restore jobs of the estate's own restore testing plan.
      expect(rule.properties.EventPattern).toEqual({
        source: ['aws.backup'],
        'detail-type': ['Restore Job State Change'],
        detail: {
          status: ['COMPLETED'],
          restoreTestingPlanArn: [{ 'Fn::GetAtt': [plan!.logicalId, 'RestoreTestingPlanArn'] }],
        },
      });
      const targets = rule.properties.Targets as Json[];
      expect(targets).toHaveLength(1);
      const machine = byId(rule, refId(targets[0]!.Arn));
      expect(machine?.type).toBe('AWS::StepFunctions::StateMachine');
      const m = machine!.properties;
      // Logged (all events, to an encrypted log group) and traced, as AwsSolutions-SF1/SF2 want.
      expect(m.TracingConfiguration).toEqual({ Enabled: true });
      const logging = m.LoggingConfiguration as { Level: string; Destinations: Json[] };
      expect(logging.Level).toBe('ALL');
      const logGroup = byId(
        machine!,
        refId(((logging.Destinations[0]!.CloudWatchLogsLogGroup as Json).LogGroupArn as Json) ?? {}),
      );
      expect(logGroup?.properties.KmsKeyId).toBeDefined();
      // AWS SDK integrations only (no Lambda); it looks where the copy landed and reports the result.
      const definition = JSON.stringify(m.DefinitionString);
      expect(definition).not.toContain('lambda');
      for (const call of [
        'aws-sdk:ec2:describeInstances',
        'aws-sdk:rds:describeDBInstances',
        'aws-sdk:backup:putRestoreValidationResult',
      ])
        expect(definition).toContain(call);
      for (const status of ['SUCCESSFUL', 'FAILED', 'TIMED_OUT']) expect(definition).toContain(status);
      // The placement it checks is the restore-test placement of the selections (same references).
      const [ec2Selection] = of('AWS::Backup::RestoreTestingSelection').filter(
        (s) => s.properties.ProtectedResourceType === 'EC2',
      );
      const overrides = ec2Selection!.properties.RestoreMetadataOverrides as Json;
      expect(definition).toContain(JSON.stringify(overrides.subnetId));
      const [group] = of('AWS::EC2::SecurityGroup').filter(
        (g) =>
          g.stack === machine!.stack && String(g.properties.GroupDescription).startsWith('Restore tests'),
      );
      expect(definition).toContain(JSON.stringify({ 'Fn::GetAtt': [group!.logicalId, 'GroupId'] }));
      expect(of('AWS::Lambda::Function').filter((f) => f.stack === machine!.stack)).toEqual([]);
    });

    test('7. backup selections pick EC2 and RDS instances by type and tier tag: no S3 bucket, no volume twice', () => {
      const selections = of('AWS::Backup::BackupSelection');
      expect(selections.length).toBe(3);
      for (const s of selections) {
        const sel = s.properties.BackupSelection as Json;
        const resources = JSON.stringify(sel.Resources);
        expect(resources).toMatch(/:ec2:.*instance\/\*/);
        expect(resources).toMatch(/:rds:.*:db:\*/);
        expect(resources).not.toMatch(/s3|volume|"\*"/);
        expect(sel.ListOfTags).toBeUndefined();
        expect(JSON.stringify(sel.Conditions)).toContain('aws:ResourceTag/BackupTier');
      }
      const windows = w.plan.servers.filter((s) => getsLandingZone(s) && s.os.family === 'windows');
      expect(of('AWS::SSM::Association').length).toBeGreaterThan(windows.length > 0 ? 0 : -1);
    });

    test('9. native-backup buckets: only the role and break-glass, versions expire, trusted for this account only', () => {
      // The native-backup buckets of the wave stacks (exit, finance and baseline buckets have their own tests).
      const buckets = of('AWS::S3::Bucket').filter(
        (b) => b.logicalId.includes('NativeBackupBucket') && !b.logicalId.includes('AccessLogs'),
      );
      const policies = of('AWS::S3::BucketPolicy');
      const sqlServer = w.plan.databases.some((d) => getsLandingZone(d) && d.engine === 'sqlserver');
      expect(buckets.length > 0).toBe(sqlServer);
      for (const b of buckets) {
        expect(JSON.stringify(b.properties.LifecycleConfiguration)).toContain('NoncurrentVersionExpiration');
        // Access-logged to its own SSE-S3 access-log bucket (S3 delivers access logs to no other kind).
        const logs = byId(
          b,
          refId((b.properties.LoggingConfiguration as Json | undefined)?.DestinationBucketName),
        );
        expect([where(b), logs?.logicalId]).toEqual([
          where(b),
          expect.stringContaining('NativeBackupAccessLogs'),
        ]);
        expect(JSON.stringify(logs?.properties.BucketEncryption)).toContain('"SSEAlgorithm":"AES256"');
        const policy = policies.find(
          (p) => p.stack === b.stack && refId(p.properties.Bucket) === b.logicalId,
        );
        expect(JSON.stringify(policy?.properties.PolicyDocument)).toContain(
          '"ArnNotEquals":{"aws:PrincipalArn"',
        );
      }
      for (const r of of('AWS::IAM::Role').filter((x) =>
        JSON.stringify(x.properties.AssumeRolePolicyDocument).includes('"rds.amazonaws.com"'),
      )) {
        const trust = JSON.stringify(r.properties.AssumeRolePolicyDocument);
        expect([where(r), trust]).toEqual([where(r), expect.stringContaining('aws:SourceAccount')]);
        expect([where(r), trust]).toEqual([where(r), expect.stringContaining('aws:SourceArn')]);
      }
    });
  });
}

// The bundled example's templates come from the assembly every test file shares; the generated
// estate's are synthesized once and shared with later runs.
checks('the bundled Peterborough plan', () =>
  walk(
    loadPlan(join(PROJECT_ROOT, 'migration-plans', 'peterborough')),
    bundledEstateTemplates('peterborough'),
  ),
);
checks('a generated estate', () => {
  const plan = generatedPlan({ servers: 60, databases: 12, waves: 3, applications: 10 });
  return walk(plan, sharedEstateTemplates(plan, 'hardening-generated', __filename));
});

/**
 * First deploy, over both bundled estates (issue 22): resources a service checks at creation are
 * created after the policies they need; Session Manager, secrets, the recovery vault, the exit
 * bucket, backup copies, access shards and endpoint policies hold what the issue asks.
 */
import { join } from 'node:path';
import { ESTATE_PLAN_CHECKS } from '../../lib/app';
import { loadPlan } from '../../lib/plan';
import { creationNeeds } from './support/creation-order';
import { synthEstate, type SynthesizedEstate } from './support/estate';

type Json = Record<string, unknown>;

const ESTATES = ['peterborough', 'northvale'] as const;
const synthesized = new Map<string, SynthesizedEstate>();
function estate(id: (typeof ESTATES)[number]): SynthesizedEstate {
  let e = synthesized.get(id);
  if (!e) {
    const plan = loadPlan(join(__dirname, '..', '..', 'migration-plans', id), { checks: ESTATE_PLAN_CHECKS });
    e = synthEstate(plan, `l-first-deploy-${id}`);
    synthesized.set(id, e);
  }
  return e;
}
const templateJson = (e: SynthesizedEstate, name: string): Json =>
  e.template(e.all.find((s) => s.stackName === name)!).toJSON();

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
function allResources(e: SynthesizedEstate): { stack: string; id: string; r: Json }[] {
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
      expect(JSON.stringify(sid('StreamSessionTranscripts')?.Resource)).toContain(
        `log-group:/estate/${id}/sessions`,
      );
    }
  });
});

describe.each(ESTATES)('secrets in the %s estate', (id) => {
  test('DMS source secrets are never rotated by the stack; database secrets are', () => {
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
    const source = secrets.filter((x) => x.id.includes('DmsSourceCredentials'));
    const target = secrets.filter((x) => !x.id.includes('DmsSourceCredentials'));
    if (id === 'peterborough') expect(source.length).toBeGreaterThan(0);
    for (const s of source) expect(rotated.has(JSON.stringify({ Ref: s.id }))).toBe(false);
    expect(target.length).toBeGreaterThan(0);
    for (const s of target) expect(rotated.has(JSON.stringify({ Ref: s.id }))).toBe(true);
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
      if (s.id.includes('DmsSourceCredentials')) expect(allowed).toContain('SecretsAccess');
      else expect(JSON.stringify((deny!.Condition as Json).StringNotLike)).toMatch(/-rotation"/);
    }
  });
});

/**
 * `organisation.provides`: the stacks create only what the Organization does not already have
 * (GuardDuty detector, Security Hub hub, the Session Manager preferences document, the `vmimport`
 * role, the key-administration and break-glass roles), and what names a role they create waits
 * for it.
 */
import { buildPlan, SEPARATE_ACCOUNTS, separateNonProductionInput } from '../support/plan-builder';
import { sharedEstateStacks, type SharedStack } from './support/estate';

type Json = Record<string, unknown>;
interface Resource {
  readonly Type: string;
  readonly Properties?: Json;
  readonly DependsOn?: string[];
}

const ALL_PROVIDED = {
  cloudTrail: true,
  guardDuty: true,
  securityHub: true,
  config: true,
  accessAnalyzer: true,
  sessionManagerPreferences: true,
  vmImportRole: true,
  keyAdministrationRoles: true,
};

/** Every resource of every stack (templates only: read from an assembly shared with later runs). */
function resources(
  stacks: readonly SharedStack[],
): { stack: string; account: string; id: string; r: Resource }[] {
  return stacks.flatMap((s) =>
    Object.entries((s.template.Resources ?? {}) as Record<string, Resource>).map(([id, r]) => ({
      stack: s.stackName,
      account: s.account,
      id,
      r,
    })),
  );
}

const roleNamed = (name: string) => (x: { r: Resource }) =>
  x.r.Type === 'AWS::IAM::Role' && x.r.Properties?.RoleName === name;

describe('an Organization that provides the security services, preferences and roles', () => {
  const input = separateNonProductionInput();
  input.estate.organisation = { provides: ALL_PROVIDED };
  const all = resources(sharedEstateStacks(buildPlan(input), 'organisation-provides-all', __filename));

  test('no detector, hub, Session Manager document, vmimport role or administration role is synthesized', () => {
    expect(all.filter((x) => x.r.Type === 'AWS::GuardDuty::Detector')).toEqual([]);
    expect(all.filter((x) => x.r.Type === 'AWS::SecurityHub::Hub')).toEqual([]);
    expect(all.filter((x) => x.r.Properties?.Name === 'SSM-SessionManagerRunShell')).toEqual([]);
    expect(all.filter(roleNamed('vmimport'))).toEqual([]);
    expect(all.filter(roleNamed('KeyAdmin'))).toEqual([]);
    expect(all.filter(roleNamed('BreakGlass'))).toEqual([]);
  });

  test('the server roles get no rights on a session log group the stacks did not create', () => {
    const agentPolicies = all.filter(
      (x) => x.r.Type === 'AWS::IAM::ManagedPolicy' && x.id.includes('AgentPolicy'),
    );
    expect(agentPolicies.length).toBeGreaterThan(0);
    expect(JSON.stringify(agentPolicies)).not.toContain('StreamSessionTranscripts');
  });
});

describe('an Organization that provides none of them (the default)', () => {
  const all = resources(
    sharedEstateStacks(buildPlan(separateNonProductionInput()), 'organisation-provides-none', __filename),
  );
  const { production, nonProduction, backup } = SEPARATE_ACCOUNTS;

  test('each workload account gets its detector, hub, preferences document and vmimport role', () => {
    const accountsWith = (match: (x: { r: Resource }) => boolean) =>
      [...new Set(all.filter(match).map((x) => x.account))].sort();
    expect(accountsWith((x) => x.r.Type === 'AWS::GuardDuty::Detector')).toEqual(
      expect.arrayContaining([production, nonProduction]),
    );
    expect(accountsWith((x) => x.r.Type === 'AWS::SecurityHub::Hub')).toEqual(
      expect.arrayContaining([production, nonProduction]),
    );
    expect(accountsWith((x) => x.r.Properties?.Name === 'SSM-SessionManagerRunShell')).toEqual(
      [production, nonProduction].sort(),
    );
    expect(accountsWith(roleNamed('vmimport'))).toContain(production);
  });

  test('every account gets the administration roles once, MFA-only, and its keys wait for them', () => {
    for (const name of ['KeyAdmin', 'BreakGlass']) {
      const roles = all.filter(roleNamed(name));
      expect(roles.map((x) => x.account).sort()).toEqual([production, nonProduction, backup].sort());
      for (const role of roles)
        expect(JSON.stringify(role.r.Properties?.AssumeRolePolicyDocument)).toContain(
          '"aws:MultiFactorAuthPresent":"true"',
        );
    }
    const keys = all.filter((x) => x.r.Type === 'AWS::KMS::Key' && /-(Keys|RecoveryVault)$/.test(x.stack));
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const inStack = all.filter((x) => x.stack === key.stack);
      const roleIds = inStack
        .filter((x) => roleNamed('KeyAdmin')(x) || roleNamed('BreakGlass')(x))
        .map((x) => x.id);
      expect(roleIds).toHaveLength(2);
      expect(key.r.DependsOn ?? []).toEqual(expect.arrayContaining(roleIds));
    }
  });
});

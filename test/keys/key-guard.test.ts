/**
 * The key guard, over every AWS::KMS::Key of every stack of both bundled estates: deletion,
 * disabling and policy rewrites denied to all but the break-glass role, which can still
 * administer the key; no `kms:*` (or any administration) for the account root; grants only for AWS
 * resources; the lockout check bypassed on creation only because break-glass keeps PutKeyPolicy.
 */
import { join } from 'node:path';
import { loadPlan } from '../../lib/plan';
import { KEY_GUARDED_ACTIONS } from '../../lib/keys';
import { Template } from 'aws-cdk-lib/assertions';
import { bundledEstateStacks } from '../landing-zone/support/estate';
import type { BundledEstate } from '../support/bundled-assembly';

type Json = Record<string, unknown>;
const PLANS = join(__dirname, '..', '..', 'migration-plans');

const list = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string];
const principals = (s: Json): string[] => {
  const p = s.Principal as Json | string | undefined;
  if (p === undefined) return [];
  if (typeof p === 'string') return [p];
  return Object.values(p).flatMap((v) => list(v).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))));
};

describe.each<[BundledEstate, string[]]>([
  ['peterborough', ['Keys', 'CostGovernance', 'Exit', 'RecoveryVault']],
  ['northvale', ['Keys', 'RecoveryVault', 'SecurityBaseline']],
])('%s: every key of every stack carries the one guard', (estateId, expectedStacks) => {
  const plan = loadPlan(join(PLANS, estateId));
  // Templates only: read from the assembly every test file shares.
  const stacks = bundledEstateStacks(estateId);
  const keys: { stack: string; account: string; id: string; props: Json }[] = [];
  for (const stack of stacks) {
    const found = Template.fromJSON(stack.template).findResources('AWS::KMS::Key');
    for (const [id, key] of Object.entries(found))
      keys.push({
        stack: stack.stackName,
        account: stack.account,
        id,
        props: (key as Json).Properties as Json,
      });
  }
  const breakGlass = (account: string): string =>
    `arn:aws:iam::${account}:role/${plan.keyAdministration.breakGlassRole}`;

  test('the walk finds the keys of every stack that has one', () => {
    const stacks = [...new Set(keys.map((k) => k.stack.replace(/^[A-Za-z]+-(NonProduction-)?/, '')))];
    expect(keys.length).toBeGreaterThanOrEqual(8);
    for (const s of expectedStacks)
      expect({ s, found: stacks.some((n) => n.startsWith(s)) }).toEqual({ s, found: true });
  });

  test('ScheduleKeyDeletion, DisableKey and PutKeyPolicy are denied to everyone but break-glass', () => {
    for (const key of keys) {
      const statements = (key.props.KeyPolicy as Json).Statement as Json[];
      const deny = statements.find((s) => s.Effect === 'Deny' && list(s.Action).includes('kms:PutKeyPolicy'));
      expect({ key: `${key.stack}/${key.id}`, deny }).toEqual({
        key: `${key.stack}/${key.id}`,
        deny: expect.objectContaining({
          Principal: { AWS: '*' },
          Action: [...KEY_GUARDED_ACTIONS].sort(),
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': breakGlass(key.account) } },
        }),
      });
      const bg = statements.filter(
        (s) => s.Effect === 'Allow' && principals(s).includes(breakGlass(key.account)),
      );
      const bgActions = bg.flatMap((s) => list(s.Action));
      for (const a of KEY_GUARDED_ACTIONS) expect(bgActions).toContain(a);
      expect(key.props.BypassPolicyLockoutSafetyCheck).toBe(true);
    }
  });

  test('no statement allows kms:* or any administration to the account root; no wildcard action at all', () => {
    for (const key of keys) {
      for (const s of (key.props.KeyPolicy as Json).Statement as Json[]) {
        if (s.Effect !== 'Allow') continue;
        const actions = list(s.Action);
        expect(actions).not.toContain('kms:*');
        expect(
          actions.filter((a) => /^kms:(Put|Create|Delete|Update|Enable|Disable|Schedule)\*?$/.test(a)),
        ).toEqual([]);
        if (principals(s).some((p) => p.endsWith(':root'))) {
          // The root appears only for use through a named service, never for administration.
          expect(JSON.stringify(s.Condition ?? {})).toContain('kms:ViaService');
          expect(
            actions.filter((a) =>
              /Key(Policy|Deletion|Rotation)|Alias|TagResource|EnableKey|DisableKey/.test(a),
            ),
          ).toEqual([]);
        }
      }
    }
  });

  test('every key refuses grants that are not for AWS resources and is rotated and retained', () => {
    for (const key of keys) {
      const sids = ((key.props.KeyPolicy as Json).Statement as Json[]).map((s) => s.Sid);
      expect(sids).toContain('DenyGrantsNotForAwsServices');
      expect(sids).toContain('KeyAdministratorsAdministerWithoutUse');
      expect(key.props.EnableKeyRotation).toBe(true);
    }
  });
});

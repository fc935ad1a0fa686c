/**
 * The Access stack at the benchmark's largest size (2,000 servers, 560 databases, 80 applications,
 * the bench's own generator): within the estate's limit it stays one stack; over its resource
 * budget the rules that are resources of their own move to `<Estate>-AccessRulesNN` stacks by
 * application (stable slot of the application id), the groups stay, and each wave stack deploys
 * after the shard holding its application's rules. Template validation is off for speed.
 */
import { App } from 'aws-cdk-lib';
import { buildEstateApp } from '../../lib/app';
import { RULES_PER_SHARD } from '../../lib/compute';
import { loadPlan } from '../../lib/plan';
import type { Plan } from '../../lib/plan/plan';
import { constructIdFor } from '../../lib/shared/naming';
import { stableSlot } from '../../lib/shared/stable-hash';
import { writeSyntheticEstate } from '../../scripts/bench/synthetic-estate';
import { ACCESS_BUDGET_CONTEXT } from '../../stacks/wave-access-stack';
import { cdkJsonContext, tempDir } from '../app/support/cdk-app';

type Template = {
  Description?: string;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
};
interface Synth {
  readonly templates: Map<string, Template>;
  readonly dependencies: Map<string, readonly string[]>;
}

const RULE_TYPES = ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'];

function synth(plan: Plan, context: Record<string, unknown> = {}): Synth {
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    const app = new App({ context: { ...cdkJsonContext(), ...context }, outdir: tempDir('l-access-shards') });
    buildEstateApp(app, plan);
    const assembly = app.synth();
    return {
      templates: new Map(assembly.stacks.map((s) => [s.stackName, s.template as Template])),
      dependencies: new Map(assembly.stacks.map((s) => [s.stackName, s.dependencies.map((d) => d.id)])),
    };
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}

const count = (t: Template, types?: readonly string[]) =>
  Object.values(t.Resources).filter((r) => !types || types.includes(r.Type)).length;

describe('the Access stack at 2,000 servers', () => {
  let plan: Plan;
  let whole: Synth;
  let split: Synth;
  beforeAll(() => {
    const dir = tempDir('l-access-estate');
    writeSyntheticEstate(dir, 2000);
    plan = loadPlan(dir);
    whole = synth(plan);
    split = synth(plan, { [ACCESS_BUDGET_CONTEXT]: 100 });
  }, 600_000);

  test('within the budget (400) it stays one stack and no stack passes 400 resources', () => {
    expect(count(whole.templates.get('Synthetic-Access')!)).toBeLessThanOrEqual(400);
    expect([...whole.templates.keys()].filter((n) => n.includes('AccessRules'))).toEqual([]);
    for (const [name, t] of whole.templates) expect([name, count(t) <= 400]).toEqual([name, true]);
    expect(plan.applications).toHaveLength(80);
  });

  test('over its budget the rules move to shards by application; the groups and every rule remain', () => {
    const access = split.templates.get('Synthetic-Access')!;
    const allRules = count(whole.templates.get('Synthetic-Access')!, RULE_TYPES);
    const shards = [...split.templates.entries()].filter(([n]) => /^Synthetic-AccessRules\d\d$/.test(n));
    expect(shards.length).toBeGreaterThanOrEqual(Math.ceil(allRules / Math.min(RULES_PER_SHARD, 100)));
    expect(shards.length).toBeGreaterThan(1);
    // The groups stay (wave stacks import them from here); no rule resource is left with them.
    expect(count(access, ['AWS::EC2::SecurityGroup'])).toBe(80);
    expect(count(access, RULE_TYPES)).toBe(0);
    expect(shards.reduce((n, [, t]) => n + count(t, RULE_TYPES), 0)).toBe(allRules);
    for (const [name, t] of shards) expect([name, count(t) <= 100]).toEqual([name, true]);
    // Each application's rules are in the shard its id's stable slot names, under ids from plan ids.
    for (const [name, t] of shards) {
      const index = Number(name.slice(-2)) - 1;
      const of = Number(/\(shard \d+ of (\d+)\)/.exec(t.Description ?? '')?.[1]);
      for (const id of Object.keys(t.Resources)) {
        const app = plan.applications.find((a) => new RegExp(`^${constructIdFor(a.id)}(From|To)`).test(id));
        expect([id, app && stableSlot(app.id, of)]).toEqual([id, index]);
      }
      expect(split.dependencies.get(name)).toContain('Synthetic-Access');
    }
  });

  test('each wave stack deploys after the shard holding its application rules', () => {
    const waves = [...split.templates.keys()].filter((n) => /^Synthetic-Wave/.test(n));
    expect(waves.length).toBeGreaterThan(0);
    for (const wave of waves) {
      const deps = split.dependencies.get(wave) ?? [];
      expect([wave, deps.some((d) => d.startsWith('Synthetic-AccessRules'))]).toEqual([wave, true]);
    }
  });
});

/**
 * The Access stack at the benchmark's largest size (2,000 servers, 560 databases, 80 applications,
 * the bench's own generator): within the estate's limit it stays one stack; over its resource
 * budget the rules that are resources of their own move to one `<Estate>-AccessRules-<Application>`
 * stack per application (named by its id, so another budget or more applications never move a
 * rule), the groups stay, and each wave stack deploys after its application's rules stack. Template validation is off for speed.
 * Each synth is shared (sharedAssembly): the estate within its budget with
 * test/operations/scale.test.ts, the two smaller budgets with later runs of this file, until any
 * source changes.
 */
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { RULES_PER_SHARD } from '../../lib/compute';
import type { Plan } from '../../lib/plan/plan';
import { constructIdFor } from '../../lib/shared/naming';
import { ACCESS_BUDGET_CONTEXT } from '../../stacks/wave-access-stack';
import { sharedAssembly } from '../support/shared-assembly';
import { synthesizeWithoutValidation, syntheticEstateAssembly } from './support/synthetic-assembly';

type Template = {
  Description?: string;
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
};
interface Synth {
  readonly templates: Map<string, Template>;
  readonly dependencies: Map<string, readonly string[]>;
}

const RULE_TYPES = ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'];

/** Templates and dependencies of an assembly's stacks, by stack name. */
function readSynth(assembly: CloudAssembly): Synth {
  return {
    templates: new Map(assembly.stacks.map((s) => [s.stackName, s.template as Template])),
    dependencies: new Map(assembly.stacks.map((s) => [s.stackName, s.dependencies.map((d) => d.id)])),
  };
}

/** The estate synthesized with an access budget of `budget` resources (shared, see above). */
function synth(plan: Plan, budget: number): Synth {
  const dir = sharedAssembly({ name: `access-budget-${budget}`, testFile: __filename }, () =>
    synthesizeWithoutValidation(plan, { [ACCESS_BUDGET_CONTEXT]: budget }),
  );
  return readSynth(new CloudAssembly(dir));
}

const count = (t: Template, types?: readonly string[]) =>
  Object.values(t.Resources).filter((r) => !types || types.includes(r.Type)).length;

describe('the Access stack at 2,000 servers', () => {
  let plan: Plan;
  let whole: Synth;
  let split: Synth;
  beforeAll(() => {
    // The estate within its budget is the assembly test/operations/scale.test.ts reads too.
    const shared = syntheticEstateAssembly(2000);
    plan = shared.plan;
    whole = readSynth(shared.assembly);
    split = synth(plan, 100);
  }, 600_000);

  test('within the budget (400) it stays one stack and no stack passes 400 resources', () => {
    expect(count(whole.templates.get('Synthetic-Access')!)).toBeLessThanOrEqual(400);
    expect([...whole.templates.keys()].filter((n) => n.includes('AccessRules'))).toEqual([]);
    for (const [name, t] of whole.templates) expect([name, count(t) <= 400]).toEqual([name, true]);
    expect(plan.applications).toHaveLength(80);
  });

  test("over its budget each application's rules move to a stack of its own; the groups and every rule remain", () => {
    const access = split.templates.get('Synthetic-Access')!;
    const allRules = count(whole.templates.get('Synthetic-Access')!, RULE_TYPES);
    const shards = [...split.templates.entries()].filter(([n]) => n.startsWith('Synthetic-AccessRules-'));
    expect(shards.length).toBeGreaterThan(1);
    // The groups stay (wave stacks import them from here); no rule resource is left with them.
    expect(count(access, ['AWS::EC2::SecurityGroup'])).toBe(80);
    expect(count(access, RULE_TYPES)).toBe(0);
    expect(shards.reduce((n, [, t]) => n + count(t, RULE_TYPES), 0)).toBe(allRules);
    for (const [name, t] of shards)
      expect([name, count(t, RULE_TYPES) <= RULES_PER_SHARD]).toEqual([name, true]);
    // Each application's rules are in the stack its own id names, under ids from plan ids: the
    // placement depends on nothing else, so no change in the number of stacks moves a rule.
    for (const [name, t] of shards) {
      const app = plan.applications.find((a) => name === `Synthetic-AccessRules-${constructIdFor(a.id)}`);
      expect([name, app !== undefined]).toEqual([name, true]);
      for (const id of Object.keys(t.Resources))
        expect([id, new RegExp(`^${constructIdFor(app!.id)}(From|To)`).test(id)]).toEqual([id, true]);
      expect(split.dependencies.get(name)).toContain('Synthetic-Access');
    }
  });

  test('a different budget (more or fewer rules stacks) leaves every rule in the same stack under the same id', () => {
    const placement = (s: Synth) =>
      new Map(
        [...s.templates.entries()]
          .filter(([n]) => n.startsWith('Synthetic-AccessRules-'))
          .flatMap(([n, t]) => Object.keys(t.Resources).map((id) => [id, n] as const)),
      );
    const other = placement(synth(plan, 50));
    const here = placement(split);
    expect(here.size).toBeGreaterThan(0);
    for (const [id, stack] of here) expect([id, other.get(id)]).toEqual([id, stack]);
  });

  test('each wave stack deploys after the shard holding its application rules', () => {
    const waves = [...split.templates.keys()].filter((n) => /^Synthetic-Wave/.test(n));
    expect(waves.length).toBeGreaterThan(0);
    for (const wave of waves) {
      const deps = split.dependencies.get(wave) ?? [];
      expect([wave, deps.some((d) => d.startsWith('Synthetic-AccessRules-'))]).toEqual([wave, true]);
    }
  });
});

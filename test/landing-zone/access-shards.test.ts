/**
 * The Access stack, on the bench's own generator: at the benchmark's largest size (2,000 servers,
 * 560 databases, 80 applications) it stays one stack within the estate's limit. Over its resource
 * budget (shown at 500 servers, 20 applications, whose Access stack holds 58 resources, with
 * budgets of 30 and 20: the split does not depend on the estate's size, and a 2,000-server synth
 * costs about seven times a 500-server one) the rules that are resources of their own move to one
 * `<Estate>-AccessRules-<Application>` stack per application (named by its id, so another budget
 * or more applications never move a rule), the groups stay, and each wave stack deploys after its
 * application's rules stack. Template validation is off for speed. Each synth is shared
 * (sharedAssembly): the 2,000-server estate with test/operations/scale.test.ts, the others with
 * later runs of this file, until any source changes.
 */
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { RULES_PER_SHARD } from '../../lib/compute';
import { loadPlan } from '../../lib/plan';
import { writeSyntheticEstate } from '../../scripts/bench/synthetic-estate';
import { tempDir } from '../app/support/cdk-app';
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

/** The estate synthesized with an access budget of `budget` resources, or the estate's own (shared, see above). */
function synth(plan: Plan, budget?: number): Synth {
  const dir = sharedAssembly(
    { name: `access-${plan.servers.length}-budget-${budget ?? 'own'}`, testFile: __filename },
    () => synthesizeWithoutValidation(plan, budget === undefined ? {} : { [ACCESS_BUDGET_CONTEXT]: budget }),
  );
  return readSynth(new CloudAssembly(dir));
}

const count = (t: Template, types?: readonly string[]) =>
  Object.values(t.Resources).filter((r) => !types || types.includes(r.Type)).length;

describe('the Access stack', () => {
  /** 500 servers, 20 applications: within its own budget (`whole`), and over a budget of 30 (`split`). */
  let plan: Plan;
  let whole: Synth;
  let split: Synth;
  beforeAll(() => {
    const dir = tempDir('access-500-plan');
    writeSyntheticEstate(dir, 500);
    plan = loadPlan(dir);
    whole = synth(plan);
    split = synth(plan, 30);
  }, 600_000);

  test('at 2,000 servers, within the budget (400), it stays one stack and no stack passes 400 resources', () => {
    // The assembly test/operations/scale.test.ts reads too.
    const largest = syntheticEstateAssembly(2000);
    const templates = readSynth(largest.assembly).templates;
    expect(count(templates.get('Synthetic-Access')!)).toBeLessThanOrEqual(400);
    expect([...templates.keys()].filter((n) => n.includes('AccessRules'))).toEqual([]);
    for (const [name, t] of templates) expect([name, count(t) <= 400]).toEqual([name, true]);
    expect(largest.plan.applications).toHaveLength(80);
  }, 600_000);

  test('at 500 servers its own budget holds it too, and a budget of 30 is below what it holds', () => {
    const access = count(whole.templates.get('Synthetic-Access')!);
    expect([...whole.templates.keys()].filter((n) => n.includes('AccessRules'))).toEqual([]);
    expect(access).toBeGreaterThan(30);
    expect(plan.applications).toHaveLength(20);
  });

  test("over its budget each application's rules move to a stack of its own; the groups and every rule remain", () => {
    const access = split.templates.get('Synthetic-Access')!;
    const allRules = count(whole.templates.get('Synthetic-Access')!, RULE_TYPES);
    const shards = [...split.templates.entries()].filter(([n]) => n.startsWith('Synthetic-AccessRules-'));
    expect(shards.length).toBeGreaterThan(1);
    // The groups stay (wave stacks import them from here); no rule resource is left with them.
    expect(count(access, ['AWS::EC2::SecurityGroup'])).toBe(plan.applications.length);
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
    const other = placement(synth(plan, 20));
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

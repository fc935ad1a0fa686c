/** Builds the whole estate app (N's keys and network stacks plus the landing zones) for a plan. */
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { buildEstateApp, type EstateStacks } from '../../../lib/app';
import type { Plan } from '../../../lib/plan/plan';
import { testApp } from '../../app/support/cdk-app';
import type { MutablePlanInput } from '../../support/plan-builder';
import { bundledEstateAssembly, type BundledEstate } from '../../support/bundled-assembly';
import { sharedAssembly } from '../../support/shared-assembly';

type Json = Record<string, unknown>;

export interface SynthesizedEstate {
  readonly stacks: EstateStacks;
  /** Every stack of the app, in creation order. */
  readonly all: readonly Stack[];
  template(stack: Stack): Template;
}

/** Builds and synthesizes once; templates are cached per stack. */
export function synthEstate(plan: Plan, prefix = 'l-estate'): SynthesizedEstate {
  const app = testApp(prefix);
  const stacks = buildEstateApp(app, plan);
  const assembly = app.synth();
  const cache = new Map<string, Template>();
  const all = app.node.children.filter((c): c is Stack => 'templateFile' in c);
  return {
    stacks,
    all,
    template(stack: Stack): Template {
      let t = cache.get(stack.stackName);
      if (!t) {
        t = Template.fromJSON(assembly.getStackByName(stack.stackName).template as Record<string, unknown>);
        cache.set(stack.stackName, t);
      }
      return t;
    },
  };
}

/** One stack of a shared assembly: its name, the account it deploys to, its template. */
export interface SharedStack {
  readonly stackName: string;
  readonly account: string;
  readonly template: Json;
}

/**
 * Every stack of the app built for `plan`, for tests that read templates only (no construct tree:
 * an unsynthesized tree has not run its aspects, so tests that inspect constructs use
 * `synthEstate`). The synth is shared with later runs under `name` (sharedAssembly): `plan` must
 * follow from `testFile` and the source tree, both part of the key.
 */
export function sharedEstateStacks(plan: Plan, name: string, testFile: string): SharedStack[] {
  const dir = sharedAssembly({ name, testFile }, () => {
    const app = testApp(name);
    buildEstateApp(app, plan);
    return app.synth().directory;
  });
  return stacksOf(new CloudAssembly(dir));
}

/**
 * Every stack of a bundled estate (migration-plans/<estate>, unchanged), from the one assembly
 * every test file shares (test/support/bundled-assembly.ts): for tests that read templates only.
 */
export function bundledEstateStacks(estate: BundledEstate): SharedStack[] {
  return stacksOf(bundledEstateAssembly(estate));
}

function stacksOf(assembly: CloudAssembly): SharedStack[] {
  return assembly.stacks.map((s) => ({
    stackName: s.stackName,
    account: s.environment.account,
    template: s.template as Json,
  }));
}

/** The same templates by stack name. */
export function sharedEstateTemplates(plan: Plan, name: string, testFile: string): Map<string, Json> {
  return new Map(sharedEstateStacks(plan, name, testFile).map((s) => [s.stackName, s.template]));
}

/** A bundled estate's templates by stack name (bundledEstateStacks). */
export function bundledEstateTemplates(estate: BundledEstate): Map<string, Json> {
  return new Map(bundledEstateStacks(estate).map((s) => [s.stackName, s.template]));
}

/** A copy of the input with an isolated-but-realistic hybrid link, so on-premises ranges are reachable. */
export function withVpn(input: MutablePlanInput): MutablePlanInput {
  input.estate.network.hybridLink = {
    type: 'site-to-site-vpn',
    customerGatewayIp: '203.0.113.10',
    bgpAsn: 65010,
  };
  return input;
}

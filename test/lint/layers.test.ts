/**
 * The layering rule (eslint-rules/layers.mjs, configured in eslint.config.mjs), through ESLint's
 * Node API: with the project's own config it fires on imports that run back up (fixture texts
 * linted as if placed at the given path; they are never written), and the real tree has no
 * violation of it nor a function in lib/ over 100 lines. The rules inside a folder (no cycle, no
 * other folder's private/) and the `Plan` option run on the small tree in
 * test/lint/fixtures/tree (the rule's `root` set to it), with the project's layer lists.
 */
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const RULE = 'layers/imports-point-down';

interface Linted {
  readonly filePath: string;
  readonly messages: readonly { readonly ruleId: string | null; readonly message: string }[];
}

const FIXTURES: Record<string, { readonly path: string; readonly text: string }> = {
  planToApp: { path: 'lib/plan/fixture.ts', text: "export { runJob } from '../app/job';\n" },
  costToCli: { path: 'lib/cost/estimate/fixture.ts', text: "export { runCli } from '../../cli';\n" },
  keysToStacks: {
    path: 'lib/keys/fixture.ts',
    text: "export { KeysStack } from '../../stacks/keys-stack';\n",
  },
  stacksToApp: { path: 'stacks/private/fixture.ts', text: "export * from '../../lib/app/job';\n" },
  sharedToPlan: {
    path: 'lib/shared/fixture.ts',
    text: "export type { PlanProblem } from '../plan/errors';\n",
  },
  appToCli: { path: 'lib/app/steps/fixture.ts', text: "export { runCli } from '../../cli/main';\n" },
  dynamicUp: { path: 'lib/plan/fixture.ts', text: "export const load = () => import('../cli/main');\n" },
  databaseToCompute: {
    path: 'lib/database/fixture.ts',
    text: "export { placeServer } from '../compute/placement';\n",
  },
  computeToDatabase: {
    path: 'lib/compute/fixture.ts',
    text: "export { storageFor } from '../database/tier-settings';\n",
  },
  cliToApp: { path: 'lib/cli/fixture.ts', text: "export { runJob } from '../app/job';\n" },
  binToCli: { path: 'bin/fixture.ts', text: "export { runCli } from '../lib/cli';\n" },
  planInStack: {
    path: 'stacks/fixture.ts',
    text: "import type { Plan } from '../lib/plan';\nexport type Input = Plan;\n",
  },
  planInCapability: {
    path: 'lib/cost/estimate/fixture.ts',
    text: "import type { Plan } from '../../plan/plan';\nexport type Input = Plan;\n",
  },
  planInApp: {
    path: 'lib/app/fixture.ts',
    text: "import type { Plan } from '../plan';\nexport type Input = Plan;\n",
  },
};

const FIXTURE_TREE = 'test/lint/fixtures/tree';

let byFixture: Record<string, string[]>;
let tree: Linted[];
/** Layer-rule messages per fixture-tree file (path relative to the fixture tree), option off / on. */
let fixtureTree: Record<string, string[]>;
let fixtureTreeWithoutPlanOption: Record<string, string[]>;

/** Lints each run in one ESLint process (support/lint.mjs); the results of each run, in order. */
function lint(runs: readonly object[]): Linted[][] {
  const run = spawnSync(process.execPath, [join(__dirname, 'support', 'lint.mjs')], {
    cwd: ROOT,
    input: JSON.stringify(runs),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`lint.mjs failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Linted[][];
}

const rule = (r: Linted) => r.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);

const fixtureTreeRun = (ruleOptions: object) => ({ fixtureRoot: FIXTURE_TREE, files: ['.'], ruleOptions });
const byTreeFile = (results: Linted[]): Record<string, string[]> =>
  Object.fromEntries(results.map((r) => [relative(join(ROOT, FIXTURE_TREE), r.filePath), rule(r)]));

beforeAll(() => {
  const names = Object.keys(FIXTURES);
  const [results, withOption, withoutOption] = lint([
    {
      texts: names.map((n) => ({ filePath: FIXTURES[n]!.path, text: FIXTURES[n]!.text })),
      files: ['lib', 'stacks', 'bin'],
    },
    fixtureTreeRun({}),
    fixtureTreeRun({ restrictedTypes: 'none' }),
  ]) as [Linted[], Linted[], Linted[]];
  byFixture = Object.fromEntries(names.map((n, i) => [n, rule(results[i]!)]));
  tree = results.slice(names.length);
  fixtureTree = byTreeFile(withOption);
  fixtureTreeWithoutPlanOption = byTreeFile(withoutOption);
}, 240_000);

describe('layers rule', () => {
  test('fires on an import from lib/plan up into lib/app, with the layer order in the message', () => {
    expect(byFixture.planToApp).toEqual([
      'lib/plan may not import lib/app: imports only point down (lib/shared -> lib/plan -> lib/sizing -> lib/estate-model -> lib/* -> stacks -> lib/app -> lib/cli -> bin). Move what is needed down, e.g. into lib/shared.',
    ]);
  });

  test.each(['costToCli', 'keysToStacks', 'stacksToApp', 'sharedToPlan', 'appToCli', 'dynamicUp'])(
    'fires on an import that runs back up: %s',
    (name) => {
      expect(byFixture[name]).toEqual([expect.stringMatching(/ may not import .*imports only point down/)]);
    },
  );

  test('fires on a capability importing one listed after it, so two never import each other', () => {
    expect(byFixture.databaseToCompute).toEqual([
      expect.stringMatching(/^lib\/database may not import lib\/compute: a capability folder imports only/),
    ]);
    expect(byFixture.computeToDatabase).toEqual([]);
  });

  test('allows imports that point down', () => {
    expect(byFixture.cliToApp).toEqual([]);
    expect(byFixture.binToCli).toEqual([]);
  });

  test('the real tree has no import that runs back up', () => {
    expect(tree.length).toBeGreaterThan(100);
    const found = tree.flatMap((r) =>
      r.messages.filter((m) => m.ruleId === RULE).map((m) => `${relative(ROOT, r.filePath)}: ${m.message}`),
    );
    expect(found).toEqual([]);
  });

  test('no function in lib/ is over 100 lines (max-lines-per-function)', () => {
    const libFiles = tree.filter((r) => relative(ROOT, r.filePath).startsWith('lib/'));
    expect(libFiles.length).toBeGreaterThan(100);
    const found = libFiles.flatMap((r) =>
      r.messages
        .filter((m) => m.ruleId === 'max-lines-per-function')
        .map((m) => `${relative(ROOT, r.filePath)}: ${m.message}`),
    );
    expect(found).toEqual([]);
  });
});

describe('layers rule inside a folder (fixture tree)', () => {
  test('fires on an import cycle inside a folder, naming the cycle', () => {
    expect(fixtureTree['lib/migration/runbook/cycle-a.ts']).toEqual([
      'Import cycle inside lib/migration: lib/migration/runbook/cycle-a.ts -> lib/migration/runbook/cycle-b.ts -> lib/migration/runbook/cycle-a.ts. Move what both sides need into a module that neither imports back.',
    ]);
    expect(fixtureTree['lib/migration/runbook/cycle-b.ts']).toEqual([
      expect.stringMatching(/^Import cycle inside/),
    ]);
  });

  test('fires on a cycle that runs through a subfolder, in every file on it', () => {
    for (const file of ['lib/cli/main.ts', 'lib/cli/commands.ts', 'lib/cli/exit/step.ts'])
      expect(fixtureTree[file]).toEqual([
        expect.stringMatching(/^Import cycle inside lib\/cli: .*lib\/cli\/exit\/step\.ts/),
      ]);
  });

  test('allows imports inside a folder that do not come back', () => {
    expect(fixtureTree['lib/network/no-cycle-a.ts']).toEqual([]);
    expect(fixtureTree['lib/network/no-cycle-b.ts']).toEqual([]);
  });

  test("fires on an import of another folder's private/", () => {
    expect(fixtureTree['lib/cost/athena/athena-source.ts']).toEqual([
      'lib/cost/athena/athena-source.ts may not import lib/cost/focus/private/helper: only files inside lib/cost/focus/ may import its private/ folder. Import what lib/cost/focus exports, or move the shared code to a module outside private/.',
    ]);
  });

  test('allows private/ from inside its folder, subfolders included', () => {
    expect(fixtureTree['lib/cost/focus/focus-source.ts']).toEqual([]);
    expect(fixtureTree['lib/cost/focus/sub/deep.ts']).toEqual([]);
    expect(fixtureTree['lib/compliance/uk-public-sector/rules/a.ts']).toEqual([]);
  });

  test('fires on an import running back up a layer in the fixture tree too', () => {
    expect(fixtureTree['lib/plan/up-into-app.ts']).toEqual([
      expect.stringMatching(/^lib\/plan may not import lib\/app/),
    ]);
  });
});

describe('layers rule: the Plan type below lib/app (on in eslint.config.mjs)', () => {
  test('with the project config, fires on a Plan import in a stack and in a capability, not in lib/app', () => {
    expect(byFixture.planInStack).toEqual([
      expect.stringMatching(/^stacks\/fixture\.ts may not import Plan from lib\/plan: below lib\/app/),
    ]);
    expect(byFixture.planInCapability).toEqual([
      'lib/cost/estimate/fixture.ts may not import Plan from lib/plan/plan: below lib/app, code reads estate model items (lib/estate-model), never the plan; the app layer builds the model and passes it down.',
    ]);
    expect(byFixture.planInApp).toEqual([]);
  });

  test('in the fixture tree, fires on a Plan import in a capability and in a stack', () => {
    expect(fixtureTree['lib/compute/plan-below-app.ts']).toEqual([
      'lib/compute/plan-below-app.ts may not import Plan from lib/plan: below lib/app, code reads estate model items (lib/estate-model), never the plan; the app layer builds the model and passes it down.',
    ]);
    expect(fixtureTree['stacks/plan-in-stack.ts']).toEqual([
      expect.stringMatching(/^stacks\/plan-in-stack\.ts may not import Plan from lib\/plan/),
    ]);
  });

  test('allows lib/app, the estate model, lib/plan itself and other plan types', () => {
    for (const file of [
      'lib/app/compose.ts',
      'lib/estate-model/build-model.ts',
      'lib/plan/index.ts',
      'lib/compute/plan-server-below-app.ts',
    ])
      expect(fixtureTree[file]).toEqual([]);
  });

  test('the option is what fires: without it, the same imports pass', () => {
    expect(fixtureTreeWithoutPlanOption['lib/compute/plan-below-app.ts']).toEqual([]);
    expect(fixtureTreeWithoutPlanOption['stacks/plan-in-stack.ts']).toEqual([]);
  });
});

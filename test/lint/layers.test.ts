/**
 * The layering rule (eslint-rules/layers.mjs, configured in eslint.config.mjs), through ESLint's
 * Node API with the project's own config: it fires on imports that run back up, and the real tree
 * has none. Fixture texts are linted as if placed at the given path (they are never written).
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
  sharedToPlan: { path: 'lib/shared/fixture.ts', text: "export type { Plan } from '../plan/plan';\n" },
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
};

let byFixture: Record<string, string[]>;
let tree: Linted[];

beforeAll(() => {
  const names = Object.keys(FIXTURES);
  const run = spawnSync(process.execPath, [join(__dirname, 'support', 'lint.mjs')], {
    cwd: ROOT,
    input: JSON.stringify({
      texts: names.map((n) => ({ filePath: FIXTURES[n]!.path, text: FIXTURES[n]!.text })),
      files: ['lib', 'stacks', 'bin'],
    }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`lint.mjs failed: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as Linted[];
  const rule = (r: Linted) => r.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
  byFixture = Object.fromEntries(names.map((n, i) => [n, rule(results[i]!)]));
  tree = results.slice(names.length);
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
});

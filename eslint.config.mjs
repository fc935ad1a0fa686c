// typescript-eslint does not support TypeScript 7 yet: it runs on the `typescript` 6.0.3 package,
// while type-checking uses TypeScript 7 (`typescript7`, see package.json "typecheck").
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.mjs';

// Layers, bottom to top: imports only point down (eslint-rules/layers.mjs; docs/architecture.md
// "Layout", which test/lint/architecture-doc.test.ts checks against these two lists).
// `lib/*` is every other folder under lib/: the capability folders.
export const LAYERS = [
  'lib/shared', // naming, Money, months, UserError, validation-report reading, the rule-pack shape
  'lib/plan', // schema, loader, checks
  'lib/sizing',
  'lib/estate-model', // every decision about the estate, made once
  'lib/*', // capabilities: constructs and pure logic per capability
  'stacks',
  'lib/app', // composition of the stacks, the main job's steps
  'lib/cli', // the estate CLI and its commands
  'bin',
];
// Capability folders: each may import only those listed before it, so none import each other
// back. A new capability folder goes here (an unlisted one may not be imported by another).
export const CAPABILITIES = [
  'lib/tagging',
  'lib/keys',
  'lib/administration', // the key-administration and break-glass roles, when the Organization has none
  'lib/storage', // the access-log bucket every logged bucket delivers to
  'lib/detective-controls',
  'lib/network',
  'lib/images',
  'lib/backup',
  'lib/database',
  'lib/compute',
  'lib/operations', // alarms, alerts topics, agent configuration, patching, dashboards
  'lib/exit', // exit readiness rules: compliance registers them as a pack
  'lib/compliance',
  'lib/migration', // MGN and DMS constructs, MGN planners, runbooks
  'lib/cost',
  'lib/finance', // finance constructs: read lib/cost's FOCUS table and names
  'lib/preflight', // first-deploy checks of the target account (estate preflight)
];

// The same rule also checks imports inside a folder: no import cycle between the files of one
// folder (lib/<name> with its subfolders, stacks, bin), and no import of `<X>/private/...` from a
// file outside `<X>/`.
//
// And `restrictedTypes`: the rule fails on an import of the `Plan` type below lib/app
// (test/lint/layers.test.ts proves it fires): capabilities and stacks read the estate model's
// items and sections (lib/estate-model), which lib/app builds from the plan and passes down.
export const PLAN_ONLY_FROM_APP = {
  name: 'Plan',
  from: 'lib/plan',
  lowestLayer: 'lib/app',
  exempt: ['lib/estate-model'], // the model is built from the plan: the one door below lib/app
  reason:
    'below lib/app, code reads estate model items (lib/estate-model), never the plan; the app layer builds the model and passes it down.',
};

export const LAYER_OPTIONS = {
  layers: LAYERS,
  capabilities: CAPABILITIES,
  restrictedTypes: [PLAN_ONLY_FROM_APP],
};

// Functions in lib/ stay short: at most 100 lines, counted as eslint does by default (every line
// of the function, blank lines and comments included).
const MAX_FUNCTION_LINES = 100;

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'cdk.out/**',
      'reports/**',
      '**/*.js',
      '**/*.mjs',
      '.cache/**',
      '.bench/**',
      'cdk.out.*/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['lib/**/*.ts', 'stacks/**/*.ts', 'bin/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/imports-point-down': ['error', LAYER_OPTIONS] },
  },
  {
    files: ['lib/**/*.ts'],
    rules: { 'max-lines-per-function': ['error', { max: MAX_FUNCTION_LINES }] },
  },
);

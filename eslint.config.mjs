// typescript-eslint does not support TypeScript 7 yet: it runs on the `typescript` 6.0.3 package,
// while type-checking uses TypeScript 7 (`typescript7`, see package.json "typecheck").
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.mjs';

// Layers, bottom to top: imports only point down (eslint-rules/layers.mjs; README "Layout").
// `lib/*` is every other folder under lib/: the capability folders.
const LAYERS = [
  'lib/shared', // naming, Money, months, UserError, validation-report reading
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
const CAPABILITIES = [
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
  'lib/detective-controls',
  'lib/compliance',
  'lib/migration', // MGN and DMS constructs, MGN planners, runbooks
  'lib/cost',
  'lib/finance', // finance constructs: read lib/cost's FOCUS table and names
  'lib/preflight', // first-deploy checks of the target account (estate preflight)
];

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
    rules: { 'layers/imports-point-down': ['error', { layers: LAYERS, capabilities: CAPABILITIES }] },
  },
);
